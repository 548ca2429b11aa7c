import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from './support/app.js';
// @ts-expect-error a plain ES module shared with scripts/gen-api.mjs, without type declarations
import { apiTypes, SCHEMA_FILE } from '../scripts/api-types.mjs';

/** The console's client types are generated from the document; a route added or changed without `npm run gen:api` fails here. */
describe('web console: the generated API types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('web/src/api/schema.d.ts is what the current OpenAPI document generates (run `npm run gen:api` if not)', async () => {
    const document = (await t.http().get('/docs-json').expect(200)).body;
    const expected = (await apiTypes(document)) as string;
    const committed = readFileSync(SCHEMA_FILE as URL, 'utf8');
    expect(committed === expected ? 'up to date' : 'stale: run npm run gen:api').toBe('up to date');
  });
});
