import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export type EntityList = NonNullable<DataSourceOptions['entities']>;

// Timestamps are UTC on both drivers: `timestamp` columns on PostgreSQL hold UTC whatever the process time zone.
pg.defaults.parseInputDatesAsUTC = true;
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (value: string) => new Date(`${value.replace(' ', 'T')}Z`));
// Calendar dates (a filing date) stay 'YYYY-MM-DD' strings, as on SQLite: no time zone can shift them.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** `entities` comes from the app layer (src/entities.ts): the database module knows no module's tables. */
export function dataSourceOptions(config: Pick<AppConfig, 'database'>, entities: EntityList): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
  } as const;
  if (config.database.kind === 'postgres') {
    // Short statements: a parallel plan's worker start-up costs more than it saves (measured on directory search).
    const extra = { max: 10, connectionTimeoutMillis: 5000, options: '-c max_parallel_workers_per_gather=0' };
    return { ...common, type: 'postgres', url: config.database.url, extra };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.file,
    enableWAL: true,
    timeout: 5000, // busy timeout, ms: a second writer waits instead of failing with SQLITE_BUSY
  };
}
