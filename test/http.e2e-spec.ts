import { Writable } from 'node:stream';
import SwaggerParser from '@apidevtools/swagger-parser';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/app.js';
import { registerUser, registration } from './support/factories.js';
import { createCollaboration } from './support/lifecycle.js';

describe('HTTP conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const res = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": "a@b.c",').expect(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'INVALID_JSON', message: 'Request body is not valid JSON' });
  });

  it('answers a JSON body over 1 MiB with 413', async () => {
    const big = registration({ name: 'x'.repeat(1024 * 1024) });
    const res = await t.http().post('/api/v1/auth/register').send(big).expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses the NUL character in any field, naming it, on both databases', async () => {
    const login = await t.http().post('/api/v1/auth/login').send({ email: 'a\u0000b@example.id', password: 'whatever-123' }).expect(400);
    expect(login.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'email' }] } });
    const nested = await t
      .http()
      .post('/api/v1/auth/register')
      .send(registration({ organization: { name: 'x\u0000' } }))
      .expect(400);
    expect(nested.body.details.fields[0].field).toBe('organization.name');
  });

  it('answers a malformed URL with the JSON error body', async () => {
    const res = await t.http().get('/api/v1/organizations/%E0%A4%A').expect(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: expect.any(String) });
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await t.http().get('/api/v1/nothing-here').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('answers a method the path does not have with 405 METHOD_NOT_ALLOWED and Allow', async () => {
    const user = await registerUser(t);
    const id = user.organizationId;
    const res = await t.http().put(`/api/v1/organizations/${id}`).set(user.auth).expect(405);
    expect(res.body).toEqual({ statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: expect.stringContaining('PUT') });
    expect(res.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
    const put = await t.http().put('/api/v1/auth/login').send({}).expect(405);
    expect(put.headers.allow).toBe('POST');
    // An unknown path stays 404.
    await t.http().delete('/api/v1/nothing-here').expect(404);
  });

  it('refuses a JSON null (or any non-object) where a DTO body is expected, naming body', async () => {
    const user = await registerUser(t);
    for (const body of ['null', '"text"', '[]', '3']) {
      const res = await t
        .http()
        .patch(`/api/v1/organizations/${user.organizationId}`)
        .set(user.auth)
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'body', problems: ['body must be a JSON object'] }] },
      });
    }
    // The event route takes `{type, ...payload}`, checked by its own parser: the same answer, naming body.
    const id = await createCollaboration(t, user);
    const event = await t
      .http()
      .post(`/api/v1/collaborations/${id}/events`)
      .set(user.auth)
      .set('Content-Type', 'application/json')
      .send('null')
      .expect(400);
    expect(event.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'body' }] } });
  });

  it('says only what is wrong: a non-integer limit is not also out of range', async () => {
    const user = await registerUser(t);
    const res = await t.http().get('/api/v1/partners?limit=1.0').set(user.auth).expect(400);
    expect(res.body.message).toBe('limit must be an integer number');
    const range = await t.http().get('/api/v1/partners?limit=51').set(user.auth).expect(400);
    expect(range.body.message).toBe('limit must not be greater than 50');
  });

  it('refuses an unknown workflow description format', async () => {
    const user = await registerUser(t);
    const res = await t.http().get('/api/v1/workflows/collaboration/1?format=foo').set(user.auth).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'format' }] } });
    await t
      .http()
      .get('/api/v1/workflows/collaboration/1?format=mermaid')
      .set(user.auth)
      .expect(200)
      .expect('content-type', /text\/plain/);
  });

  it('puts an X-Request-Id on every response, keeping a well-formed incoming one', async () => {
    const generated = await t.http().get('/health').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.http().get('/api/v1/me').set('X-Request-Id', 'client-abc.123').expect(401);
    expect(kept.headers['x-request-id']).toBe('client-abc.123');
    const unsafe = await t.http().get('/health').set('X-Request-Id', 'two\twords').expect(200);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('sends security headers', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('reports health with the database up', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up' });
  });

  it('has a schema that is exactly what the entities describe, built by the migrations', async () => {
    const dataSource = t.app.get(DataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    const applied = await dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row: { name: string }) => row.name)).toEqual(dataSource.migrations.map((m) => m.name));
    expect(await dataSource.showMigrations()).toBe(false);
  });

  describe('OpenAPI', () => {
    it('serves a valid document at /docs-json and the UI at /docs', async () => {
      const res = await t.http().get('/docs-json').expect(200);
      await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeDefined();
      const ui = await t.http().get('/docs').expect(200);
      expect(ui.text).toContain('swagger');
    });

    it('documents bearer auth and error responses on every route but health, and the auth routes without auth', async () => {
      const doc = (await t.http().get('/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
      };
      const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ path, method, op })),
      );
      expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
        expect.arrayContaining([
          'post /api/v1/auth/register',
          'post /api/v1/auth/login',
          'get /api/v1/me',
          'patch /api/v1/organizations/{id}',
          'post /api/v1/organizations/{id}/members',
        ]),
      );
      for (const { path, op } of operations) {
        if (path === '/health') continue;
        expect(Object.keys(op.responses).filter((status) => Number(status) >= 400)).toContain('500');
        if (path === '/api/v1/auth/logout' || path === '/api/v1/auth/password') {
          expect(op.security).toEqual([{ bearer: [] }]); // a logged-in user's own session
        } else if (path.startsWith('/api/v1/auth/')) {
          expect(op.security).toBeUndefined();
          expect(op.responses).toHaveProperty('429');
        } else if (path === '/api/v1/verify') {
          // Anyone may verify a PDF; a party's token adds the collaboration to the answer.
          expect(op.security).toEqual(expect.arrayContaining([{}, { bearer: [] }]));
        } else if (path.startsWith('/api/v1/unsubscribe/')) {
          // A mail's one-click unsubscribe link (RFC 8058): its token is the credential, no login.
          expect(op.security).toBeUndefined();
          expect(op.responses).toHaveProperty('404');
        } else if ((path.startsWith('/api/v1/invitations/') || path.startsWith('/api/v1/memberships/')) && !path.endsWith('/accept')) {
          // An invitation link is opened, or declined, by someone who may have no account.
          expect(op.security).toBeUndefined();
        } else {
          expect(op.security).toEqual([{ bearer: [] }]);
          expect(op.responses).toHaveProperty('401');
        }
      }
    });
  });
});

describe('failures', () => {
  it('answers an unexpected failure with 500, an errorId that is in the log, and no SQL or stack', async () => {
    const lines: string[] = [];
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const t = await startTestApp({ LOG_LEVEL: 'error' }, { logDestination: capture });
    try {
      const user = await registerUser(t);
      // Break the schema under the running service: the next query fails in a way no handler expects.
      await t.app.get(DataSource).query('DROP TABLE memberships');
      const res = await t.http().get('/api/v1/me').set(user.auth).expect(500);
      expect(res.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL',
        message: expect.stringContaining(res.body.errorId),
        errorId: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/memberships|SELECT|at \w+ \(/i);
      const logged = lines.map((line) => JSON.parse(line) as { errorId?: string; reqId?: string; err?: { stack?: string } });
      const entry = logged.find((l) => l.errorId === res.body.errorId);
      expect(entry).toBeDefined();
      expect(entry!.reqId).toBe(res.headers['x-request-id']);
      expect(entry!.err?.stack).toContain('memberships');
      // Query parameters (hashes, emails, ID numbers) never reach the log.
      expect(lines.join('\n')).not.toContain(user.email);
    } finally {
      await t.close();
    }
  });

  it('reports 503 from /health when the database is unreachable', async () => {
    const t = await startTestApp();
    try {
      await t.app.get(DataSource).destroy();
      const res = await t.http().get('/health').expect(503);
      expect(res.body).toEqual({ status: 'error', db: 'down' });
    } finally {
      await t.close();
    }
  });
});

describe('rate limit on register and login (default AUTH_RATE_LIMIT=10)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT: '' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the 11th login in a minute from one IP with 429 and Retry-After, counting register separately', async () => {
    expect(t.config.authRateLimit).toBe(10);
    for (let i = 0; i < 10; i++) {
      await t.http().post('/api/v1/auth/login').send({ email: 'nobody@example.id', password: 'wrong-password' }).expect(401);
    }
    const limited = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@example.id', password: 'wrong-password' }).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    await t.http().post('/api/v1/auth/register').send(registration()).expect(201);
  });

  it('limits register on its own count too', async () => {
    for (let i = 0; i < 9; i++) await t.http().post('/api/v1/auth/register').send(registration()).expect(201);
    const limited = await t.http().post('/api/v1/auth/register').send(registration()).expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
