import { createHash, randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';

// Issue 13, items 1 and 2: requests that held the main thread for seconds, so nothing else was answered meanwhile.

const MiB = 1024 * 1024;

describe('hardening: requests that stalled the event loop', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Behind a proxy the client IP is X-Forwarded-For: each test below is its own client.
    t = await startTestApp({ TRUST_PROXY: 'true', VERIFY_RATE_LIMIT: '3' });
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
});
