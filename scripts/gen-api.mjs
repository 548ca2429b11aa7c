// Writes web/src/api/schema.d.ts from the document the built service serves at /docs-json, booted on a throwaway SQLite file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../dist/src/bootstrap.js';
import { loadConfig } from '../dist/src/config/app-config.js';
import { apiTypes, SCHEMA_FILE } from './api-types.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'kolabora-gen-api-'));
try {
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const response = await fetch(`${await app.getUrl()}/docs-json`);
  const document = await response.json();
  await app.close();
  writeFileSync(SCHEMA_FILE, await apiTypes(document));
  console.log(`wrote ${SCHEMA_FILE.pathname}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
