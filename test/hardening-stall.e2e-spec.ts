import { createHash, randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { driveTo, eventually, pair, send, TERMS, type Pair } from './support/lifecycle.js';

// Issue 13, items 1 and 2: requests that held the main thread for seconds, so nothing else was answered meanwhile.

const MiB = 1024 * 1024;
const WORDS = 'batik tenun kain motif pesisir sumba katun indigo kemeja outer selendang tas dompet sepatu kebaya songket lurik'.split(' ');

/** A product name of ~25 words (the 200-character cap), different for every `seed`. */
const productName = (seed: number): string => {
  let name = `P${seed}`;
  for (let i = 0; name.length < 190; i++) name += ` ${WORDS[(seed * 7 + i * 3) % WORDS.length]}${(seed + i) % 97}`;
  return name.slice(0, 200);
};
const products = (count: number, changed: number) =>
  Array.from({ length: count }, (_, i) => ({ name: productName(i < changed ? 1000 + i : i), sku: `SKU-${i}`, units: 10 + i }));

describe('hardening: requests that stalled the event loop', () => {
  let t: TestApp;
  let p: Pair;
  beforeAll(async () => {
    // Behind a proxy the client IP is X-Forwarded-For: each test below is its own client.
    t = await startTestApp({ TRUST_PROXY: 'true', VERIFY_RATE_LIMIT: '3' });
    p = await pair(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const verify = (body: Buffer, ip: string) =>
    t.http().post('/api/v1/verify').set('Content-Type', 'application/pdf').set('X-Forwarded-For', ip).send(body);

  describe('item 1: POST /verify', () => {
    it('answers a 20 MiB body, anonymous, with its hash (the body is not walked as a JSON object)', async () => {
      const pdf = randomBytes(20 * MiB);
      const res = await verify(pdf, '203.0.113.1').expect(200);
      expect(res.body).toMatchObject({ genuine: false, sha256: createHash('sha256').update(pdf).digest('hex') });
    });

    it('answers 413 PAYLOAD_TOO_LARGE past 20 MiB, and 400 to a JSON body that looks like a digest', async () => {
      const res = await verify(Buffer.alloc(20 * MiB + 1), '203.0.113.4').expect(413);
      expect(res.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
      const json = await t
        .http()
        .post('/api/v1/verify')
        .set('X-Forwarded-For', '203.0.113.4')
        .send({ sha256: 'a'.repeat(64), bytes: 1 })
        .expect(400);
      expect(json.body.code).toBe('BAD_REQUEST');
    });

    it('answers 429 RATE_LIMITED with Retry-After past VERIFY_RATE_LIMIT a minute, per client IP', async () => {
      const pdf = Buffer.from('%PDF-1.7 not issued here');
      for (let i = 0; i < 3; i++) await verify(pdf, '203.0.113.2').expect(200);
      const limited = await verify(pdf, '203.0.113.2').expect(429);
      expect(limited.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.any(String), details: expect.any(Object) });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      await verify(pdf, '203.0.113.3').expect(200); // another client is not limited
      // Logins count on their own, against AUTH_RATE_LIMIT.
      await t
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '203.0.113.2')
        .send({ email: 'nobody@example.id', password: 'wrong-password' })
        .expect(401);
    });
  });

  describe('item 2: GET …/agreements/:a/diff/:b', () => {
    /** A collaboration whose version 1 has 100 products and version 2 the same with the first `changed` renamed. */
    async function twoVersions(changed: number): Promise<string> {
      const id = await driveTo(t, p, 'agreement', {}, { ...TERMS, products: products(100, 0) });
      await send(t, p.partner, id, { type: 'agreement.requestChanges', reason: 'Product names' }).expect(200);
      await send(t, p.partner, id, { type: 'terms.propose', terms: { ...TERMS, products: products(100, changed) } }).expect(200);
      await send(t, p.initiator, id, { type: 'terms.accept', revision: 2 }).expect(200);
      await eventually(t, p.initiator, id, (v) => v.context.agreement?.version === 2 && Boolean(v.context.agreement.sha256), 20_000);
      return id;
    }

    it('answers a word diff within the budget (5 of 100 product names renamed)', async () => {
      const id = await twoVersions(5);
      const diff = await t.http().get(`/api/v1/collaborations/${id}/agreements/1/diff/2`).set(p.partner.auth).expect(200);
      const added = diff.body.clauses.flatMap((c: any) => c.changes.en.filter((x: any) => x.op === 'add').map((x: any) => x.text));
      expect(added.join(' ')).toContain('P1004');
    });

    it('answers 422 DIFF_TOO_LARGE beyond the budget instead of diffing 2,500 changed words per language', async () => {
      const id = await twoVersions(100);
      const res = await t.http().get(`/api/v1/collaborations/${id}/agreements/1/diff/2`).set(p.partner.auth).expect(422);
      expect(res.body).toEqual({
        statusCode: 422,
        code: 'DIFF_TOO_LARGE',
        message: expect.stringContaining('differ too much'),
        details: { maxEdits: 2000, timeoutSeconds: 2 },
      });
    });
  });
});
