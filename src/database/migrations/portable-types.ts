import type { QueryRunner } from 'typeorm';

/**
 * Column types for hand-written migrations, so one migration history serves both drivers.
 * They match what TypeORM derives from the entities on each driver; the schema test proves it.
 */
export function portableTypes(queryRunner: QueryRunner): { uuid: string; timestamp: string } {
  const postgres = queryRunner.connection.driver.options.type === 'postgres';
  return { uuid: postgres ? 'uuid' : 'varchar', timestamp: postgres ? 'timestamp' : 'datetime' };
}
