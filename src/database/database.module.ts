import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions, type EntityList } from './data-source-options.js';
import { runMigrations } from './migrate.js';
import { serializeSqliteAccess } from './sqlite-gate.js';

@Module({})
export class DatabaseModule {
  /** `entities`: every module's entities, passed in by the app module (src/entities.ts) so that database/ imports no module. */
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => dataSourceOptions(config, entities),
          // Migrate before any module can touch the schema: the data source is handed out only after this.
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrations(dataSource);
            serializeSqliteAccess(dataSource);
            return dataSource;
          },
        }),
      ],
    };
  }
}
