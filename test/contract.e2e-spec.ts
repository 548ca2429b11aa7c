import type { OpenAPIObject } from '@nestjs/swagger';
import { checkedRequest, startTestApp, type TestApp } from './support/app.js';
import { Contract } from './support/contract.js';
import { registerUser } from './support/factories.js';
import { createCollaboration } from './support/lifecycle.js';

// A small document of its own, so each rule of the checker is shown failing on exactly one thing.
const DOCUMENT = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/v1/things/{id}': {
      get: {
        responses: {
          '200': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponseDto' } } } },
        },
      },
    },
    '/api/v1/things/{id}/file.pdf': {
      get: { responses: { '200': { description: '', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } } },
    },
    '/api/v1/things/special': { get: { responses: { '204': { description: '' } } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'note'],
        properties: { id: { type: 'string', format: 'uuid' }, note: { type: 'string', nullable: true } },
      },
      ErrorResponseDto: {
        type: 'object',
        required: ['statusCode', 'code', 'message'],
        properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as unknown as OpenAPIObject;

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const ID = '6f1c2b1e-8a43-4c8e-9a57-2b1f7b1d2c3e';
const error = { statusCode: 404, code: 'NOT_FOUND', message: 'Thing not found' };

describe('the OpenAPI contract checker', () => {
  const contract = new Contract(DOCUMENT);
  const check = (method: string, path: string, status: number, headers: Record<string, string>, body?: unknown): string | undefined =>
    contract.check(method, `http://127.0.0.1:1${path}`, {
      status,
      headers,
      body,
      text: body === undefined ? '' : JSON.stringify(body),
    });

  it('accepts a documented status, content type and body (null where nullable)', () => {
    expect(check('GET', `/api/v1/things/${ID}`, 200, JSON_TYPE, { id: ID, note: null })).toBeUndefined();
    expect(check('GET', `/api/v1/things/${ID}`, 404, JSON_TYPE, error)).toBeUndefined();
    expect(check('GET', `/api/v1/things/${ID}/file.pdf`, 200, { 'content-type': 'application/pdf' })).toBeUndefined();
  });

  it('rejects a status the operation does not document', () => {
    expect(check('GET', `/api/v1/things/${ID}`, 409, JSON_TYPE, error)).toMatch(
      /^get \/api\/v1\/things\/\{id\}: status 409 is not documented/,
    );
  });

  it('rejects a content type the response does not document', () => {
    expect(check('GET', `/api/v1/things/${ID}/file.pdf`, 200, JSON_TYPE, {})).toMatch(
      /get \/api\/v1\/things\/\{id\}\/file\.pdf 200: content type application\/json is not documented/,
    );
  });

  it('rejects a body that does not match the schema, with ajv saying where', () => {
    const problem = check('GET', `/api/v1/things/${ID}`, 200, JSON_TYPE, { id: 'not-a-uuid', note: 3 });
    expect(problem).toContain('get /api/v1/things/{id} 200: the body does not match the documented schema');
    expect(problem).toContain('/id must match format "uuid"');
    expect(problem).toContain('/note must be string,null');
  });

  it('routes like Fastify: a literal segment beats a parameter', () => {
    expect(contract.template('/api/v1/things/special')?.path).toBe('/api/v1/things/special');
    expect(check('GET', '/api/v1/things/special', 204, {})).toBeUndefined();
  });

  it('holds requests no operation documents to the uniform JSON error, and a known path with another method to 405', () => {
    expect(check('GET', '/api/v1/elsewhere', 404, JSON_TYPE, error)).toBeUndefined();
    expect(check('GET', '/api/v1/elsewhere', 200, JSON_TYPE, {})).toMatch(/no operation documents this request/);
    expect(check('GET', '/api/v1/elsewhere', 404, { 'content-type': 'text/html' }, 'x')).toMatch(/an error must be JSON/);
    expect(check('DELETE', `/api/v1/things/${ID}`, 404, JSON_TYPE, error)).toMatch(/must be 405, not 404/);
  });

  it('skips only the allow-listed paths outside the document', () => {
    expect(check('GET', '/docs/swagger-ui.css', 200, { 'content-type': 'text/css' })).toBeUndefined();
    expect(check('GET', '/invitations/abc', 200, { 'content-type': 'text/html' })).toBeUndefined();
    expect(check('GET', '/other/page', 200, { 'content-type': 'text/html' })).toMatch(/no operation documents this request/);
  });
});

describe('the shared test client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves a document that says what the server enforces (the fuzzer findings of issue 13)', () => {
    type Op = {
      parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
      responses: Record<string, { content?: Record<string, unknown> }>;
      security?: unknown[];
    };
    const doc = t.contract.document as unknown as {
      paths: Record<string, Record<string, Op>>;
      components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>>; additionalProperties?: boolean }> };
    };
    const schemas = doc.components.schemas;
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ key: `${method} ${path}`, op })),
    );
    const param = (key: string, name: string) => operations.find((o) => o.key === key)!.op.parameters!.find((p) => p.name === name)!;
    for (const { key, op } of operations) {
      // A success answer with its content, on every operation; errors as JSON even where the success is a file.
      const success = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
      // 204 No Content (logout) is the one success without a body.
      expect({ key, success: success.map(([status, r]) => status === '204' || Object.keys(r.content ?? {}).length > 0) }).toEqual({
        key,
        success: [true],
      });
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400)
          expect({ key, status, types: Object.keys(response.content ?? {}) }).toEqual({ key, status, types: ['application/json'] });
      }
      for (const p of op.parameters ?? [])
        if (p.in !== 'path') expect({ key, name: p.name, required: p.required ?? false }).toEqual({ key, name: p.name, required: false });
    }
    expect(schemas.RegisterDto.additionalProperties).toBe(false);
    expect(schemas.RegisterDto.properties.email).toMatchObject({ type: 'string', format: 'email', maxLength: 254 });
    expect(schemas.UpdateOrganizationDto.properties.website).toMatchObject({ type: 'string', nullable: true, maxLength: 500 });
    expect(schemas.UpdateOrganizationDto.properties.nib).toMatchObject({ type: 'string', nullable: true, pattern: '^\\d{13}$' });
    expect(schemas.UpdateOrganizationDto.properties.name).not.toHaveProperty('nullable');
    expect(schemas.CreateIpRecordDto.properties.classes).toMatchObject({
      type: 'array',
      items: { type: 'integer', minimum: 1, maximum: 45 },
    });
    expect(param('get /api/v1/partners', 'limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
    expect(param('get /api/v1/partners', 'minCapacity').schema).toMatchObject({ type: 'integer' });
    expect(param('get /api/v1/collaborations/{id}/suggestions', 'limit').schema).toMatchObject({ type: 'integer' });
    expect(param('get /api/v1/collaborations/{id}/agreements', 'as').required).toBe(false);
    expect(param('post /api/v1/collaborations/{id}/events', 'If-Match').schema).toHaveProperty('pattern');
    expect(param('post /api/v1/collaborations/{id}/events', 'Idempotency-Key').schema).toHaveProperty('pattern');
    expect(param('get /api/v1/reminders', 'within').schema).toHaveProperty('pattern');
    expect(operations.find((o) => o.key === 'post /api/v1/verify')!.op.security).toContainEqual({});
  });

  it("holds a collaboration view's context to its documented top-level fields", async () => {
    const user = await registerUser(t);
    const id = await createCollaboration(t, user);
    const res = await t.http().get(`/api/v1/collaborations/${id}`).set(user.auth).expect(200);
    const response = (body: unknown) => ({ status: 200, headers: res.headers, body, text: JSON.stringify(body) });
    const url = `http://127.0.0.1/api/v1/collaborations/${id}`;
    expect(t.contract.check('GET', url, response(res.body))).toBeUndefined();
    const extra = { ...res.body, context: { ...res.body.context, undocumented: 1 } };
    expect(t.contract.check('GET', url, response(extra))).toContain('"additionalProperty":"undocumented"');
    const { candidates: _, ...missing } = res.body.context;
    expect(t.contract.check('GET', url, response({ ...res.body, context: missing }))).toContain("must have required property 'candidates'");
  });

  it('fails a request whose response the document does not describe, however the test awaits it', async () => {
    // The served document with /health's 200 taken out: the same response now breaks the contract.
    const document = structuredClone(t.contract.document);
    delete (document.paths['/health'].get!.responses as Record<string, unknown>)['200'];
    const http = checkedRequest(t.app.getHttpServer(), new Contract(document));
    await expect(http.get('/health').expect(200)).rejects.toThrow(/OpenAPI contract: get \/health: status 200 is not documented/);
    await expect(http.get('/health').then((res) => res.status)).rejects.toThrow(/OpenAPI contract/);
    // And the real document passes it.
    await t.http().get('/health').expect(200);
  });
});
