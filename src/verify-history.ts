import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { verifyHistories } from './collaborations/history-check.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { appDataSourceOptions as dataSourceOptions } from './entities.js';
import { WorkflowRegistry } from './workflow-runtime/workflow-registry.js';

// `npm run verify:history`: replays every collaboration in the configured database (DATA_DIR / DATABASE_URL)
// and prints each whose stored snapshot differs from its history. Exit code 1 when any does.
try {
  const dataSource = await new DataSource(dataSourceOptions(loadConfig())).initialize();
  const reports = await verifyHistories(dataSource, new WorkflowRegistry());
  await dataSource.destroy();
  const bad = reports.filter((r) => r.problems.length > 0);
  for (const report of bad) console.log(`${report.collaborationId} (${report.events} events):\n  ${report.problems.join('\n  ')}`);
  console.log(
    `${reports.length} collaborations, ${reports.reduce((n, r) => n + r.events, 0)} events replayed: ${bad.length === 0 ? 'all match' : `${bad.length} differ`}`,
  );
  process.exitCode = bad.length === 0 ? 0 : 1;
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 2;
}
