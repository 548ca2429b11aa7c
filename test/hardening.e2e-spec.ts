import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startTestApp, TEST_DATABASE, type TestApp } from './support/app.js';
import { type Registered, registerUser } from './support/factories.js';

// Issue 13, items 5, 7, 8 and 12: requests that answered 500, and a database readable by other local users.

interface LogLine {
  msg?: string;
  url?: string;
  statusCode?: number;
  reqId?: string;
}

describe('hardening', () => {
  let t: TestApp;
  let user: Registered;
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const accessLines = (): LogLine[] =>
    lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.msg === 'request completed' || line.msg === 'request errored');

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: capture });
    user = await registerUser(t);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('item 5: a path parameter over 100 characters', () => {
    const long = 'a'.repeat(101);
    const paths = [
      `/api/v1/organizations/${long}`,
      `/api/v1/organizations/${long}/marks`,
      `/api/v1/invitations/${long}`,
      `/invitations/${long}`, // the bilingual page behind an invitation link, outside /api
    ];

    it.each(paths)('answers 414 URI_TOO_LONG with the JSON error body and an access-log line: %s', async (path) => {
      const res = await t.http().get(path).set(user.auth).expect(414);
      expect(res.body).toEqual({ statusCode: 414, code: 'URI_TOO_LONG', message: expect.any(String) });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const requestId = res.headers['x-request-id'];
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const logged = accessLines().find((line) => line.reqId === requestId);
      expect(logged).toMatchObject({ statusCode: 414 });
      // An invitation token in a path stays out of the log, as on every other request.
      if (path.includes('/invitations/')) expect(logged!.url).toContain('/invitations/[token]');
    });

    it('answers 414 on POST and PATCH too, never 500', async () => {
      await t.http().post(`/api/v1/organizations/${long}/marks`).set(user.auth).send({}).expect(414);
      await t.http().patch(`/api/v1/organizations/${user.organizationId}/marks/${long}`).set(user.auth).send({}).expect(414);
    });
  });

  describe('item 7: JSON nested deeper than 64 levels', () => {
    const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const arrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

    it.each([
      ['objects 2,000 deep', nested(2000)],
      ['arrays 100,000 deep', arrays(100_000)],
      ['objects 65 deep', nested(65)],
    ])('answers 400 INVALID_JSON for %s', async (_name, body) => {
      const res = await t
        .http()
        .patch(`/api/v1/organizations/${user.organizationId}`)
        .set(user.auth)
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(res.body).toEqual({ statusCode: 400, code: 'INVALID_JSON', message: expect.stringContaining('64') });
    });

    it('still parses 64 levels, and brackets inside strings do not count', async () => {
      // Reaches the validation pipe: the body was parsed (an unknown field is refused there, naming it).
      const deep = await t
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":"a@b.id","password":"x","x":${nested(63)}}`)
        .expect(400);
      expect(deep.body.code).toBe('VALIDATION_FAILED');
      const quoted = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@example.id', password: `${'{['.repeat(80)}\\"` })
        .expect(401);
      expect(quoted.body.code).toBe('INVALID_CREDENTIALS');
    });
  });

  describe('item 8: a record kind named after an Object.prototype member', () => {
    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('answers 404 for GET, POST and PATCH on %s', async (kind) => {
      const base = `/api/v1/organizations/${user.organizationId}/${kind}`;
      const list = await t.http().get(base).set(user.auth).expect(404);
      expect(list.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      await t.http().post(base).set(user.auth).send({ name: 'Tenun' }).expect(404);
      const one = `${base}/00000000-0000-4000-8000-000000000000`;
      await t.http().get(one).set(user.auth).expect(404);
      await t.http().patch(one).set(user.auth).send({ name: 'Tenun' }).expect(404);
    });
  });
});

describe('item 12: data at rest is readable only by the service user', () => {
  const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
  const SQLITE_FILES = ['kolabora.sqlite', 'kolabora.sqlite-wal', 'kolabora.sqlite-shm'];

  it('tightens a folder and database files an older version left readable', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kolabora-perm-'));
    chmodSync(dataDir, 0o755);
    const oldFiles = TEST_DATABASE === 'sqlite' ? ['kolabora.sqlite'] : [];
    for (const file of oldFiles) writeFileSync(join(dataDir, file), '', { mode: 0o644 });
    const t = await startTestApp({ DATA_DIR: dataDir });
    try {
      await registerUser(t);
      expect(mode(dataDir)).toBe('700');
      const files = TEST_DATABASE === 'sqlite' ? SQLITE_FILES : [];
      for (const file of files) expect(`${file} ${mode(join(dataDir, file))}`).toBe(`${file} 600`);
    } finally {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('creates DATA_DIR 0700 and the SQLite database with its WAL and SHM files 0600', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'kolabora-perm-'));
    const dataDir = join(parent, 'data'); // created by the service, not by the test
    const t = await startTestApp({ DATA_DIR: dataDir });
    try {
      await registerUser(t); // writes, so the WAL holds something
      expect(mode(dataDir)).toBe('700');
      expect(mode(join(dataDir, 'jwt-secret'))).toBe('600');
      // On PostgreSQL there is no database file: nothing else to check.
      const files = TEST_DATABASE === 'sqlite' ? SQLITE_FILES : [];
      for (const file of files) expect(`${file} ${mode(join(dataDir, file))}`).toBe(`${file} 600`);
    } finally {
      await t.close();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
