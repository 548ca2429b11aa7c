import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './config/app-config.js';
import { appDataSourceOptions } from './entities.js';

// For the TypeORM CLI only (`npm run migration:generate`, `npm run migration:run`); the service builds its own. In the app
// layer because it needs every module's entities.
export default new DataSource(appDataSourceOptions(loadConfig()));
