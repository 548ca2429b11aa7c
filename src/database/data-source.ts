import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

// For the TypeORM CLI only (`npm run migration:generate`, `npm run migration:run`); the service builds its own.
export default new DataSource(dataSourceOptions(loadConfig()));
