import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { TestClock } from './support/clock.js';
import { PASSWORD, type Registered, registerUser } from './support/factories.js';
import { parseMail, startSmtpServer, type TestSmtpServer } from './support/smtp.js';

// Issue 16, part 2: passwords and sessions.
describe('passwords and sessions', () => {
  let t: TestApp;
  let other: TestApp; // a second instance on the same database: no instance may trust a cached token version
  let smtp: TestSmtpServer;
  const clock = new TestClock('2026-12-04T03:00:00.000Z');
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ WORKER_POLL_MS: '0', PUBLIC_URL: 'https://kolabora.example', SMTP_URL: smtp.url }, { clock });
    other = await startTestApp({ WORKER_POLL_MS: '0' }, { shareWith: t, clock });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
    await smtp?.close();
  });

  const me = (app: TestApp, token: string) =>
    app
      .http()
      .get('/api/v1/me')
      .set({ Authorization: `Bearer ${token}` });
  const login = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });

  it('logout revokes every token the user held, on every instance', async () => {
    const user = await registerUser(t);
    const second = (await login(user.email, PASSWORD).expect(200)).body.accessToken as string;
    await me(other, user.token).expect(200); // the other instance has seen (and could have cached) the user
    await t.http().post('/api/v1/auth/logout').set(user.auth).expect(204);
    for (const token of [user.token, second]) {
      expect((await me(t, token).expect(401)).body.code).toBe('UNAUTHENTICATED');
      await me(other, token).expect(401);
    }
    const fresh = (await login(user.email, PASSWORD).expect(200)).body.accessToken as string;
    await me(other, fresh).expect(200);
  });

  it('changes the password with the current one, revoking earlier tokens and returning a new one', async () => {
    const user = await registerUser(t);
    const wrong = await t
      .http()
      .post('/api/v1/auth/password')
      .set(user.auth)
      .send({ currentPassword: 'not-the-password', newPassword: 'batik-tulis-2027' })
      .expect(400);
    expect(wrong.body.details.fields[0].field).toBe('currentPassword');
    const short = await t.http().post('/api/v1/auth/password').set(user.auth).send({ currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.details.fields[0].field).toBe('newPassword');
    await me(t, user.token).expect(200); // refused changes changed nothing

    const changed = await t
      .http()
      .post('/api/v1/auth/password')
      .set(user.auth)
      .send({ currentPassword: PASSWORD, newPassword: 'batik-tulis-2027' })
      .expect(200);
    await me(t, user.token).expect(401);
    await me(other, changed.body.accessToken).expect(200);
    await login(user.email, PASSWORD).expect(401);
    await login(user.email, 'batik-tulis-2027').expect(200);
  });

  const seen = new Set<string>();
  /**
   * Asks for a reset and returns the token of its mail: the first link not seen before, since a link asked for earlier
   * (its work runs after the 202) may be mailed only now.
   */
  async function resetToken(user: Registered): Promise<string> {
    await t.http().post('/api/v1/auth/password-reset').send({ email: user.email.toUpperCase() }).expect(202);
    return nextResetLink(user);
  }
  async function nextResetLink(user: Registered): Promise<string> {
    for (let i = 0; i < 200; i++) {
      await t.app.get(NotificationsService).deliverDue();
      for (const mail of smtp.received.filter((m) => m.to.includes(user.email))) {
        const text = parseMail(mail.raw).text;
        const match = /https:\/\/kolabora\.example\/password-reset#token=([A-Za-z0-9_-]{43})/.exec(text);
        if (!match || seen.has(match[1])) continue;
        seen.add(match[1]);
        expect(text).toContain('kata sandi'); // Indonesian first
        expect(text).toContain('password');
        return match[1];
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no new password reset mail reached ${user.email}`);
  }

  it('resets a forgotten password by a single-use link that expires in an hour', async () => {
    const user = await registerUser(t);
    const unknown = await t.http().post('/api/v1/auth/password-reset').send({ email: 'nobody-here@example.id' }).expect(202);
    const known = await t.http().post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    expect(known.body).toEqual(unknown.body); // the answer does not tell whether the account exists

    const token = await nextResetLink(user);
    const confirm = (body: Record<string, unknown>) => t.http().post('/api/v1/auth/password-reset/confirm').send(body);
    expect((await confirm({ token, password: 'short' }).expect(400)).body.details.fields[0].field).toBe('password');
    const done = await confirm({ token, password: 'songket-baru-2027' }).expect(200);
    await me(t, done.body.accessToken).expect(200);
    await me(t, user.token).expect(401); // the reset revoked the tokens from before
    await login(user.email, 'songket-baru-2027').expect(200);
    expect((await confirm({ token, password: 'another-one-2027' }).expect(400)).body.code).toBe('RESET_TOKEN_INVALID'); // used

    // Two links asked for together (two accounts: using one link voids the account's others): one still works after
    // 59 minutes, the other no longer after 61.
    const onTime = await resetToken(user);
    const late = await resetToken(await registerUser(t));
    clock.advance(59 * 60 * 1000);
    await confirm({ token: onTime, password: 'songket-baru-2028' }).expect(200);
    clock.advance(2 * 60 * 1000);
    expect((await confirm({ token: late, password: 'another-one-2027' }).expect(400)).body.code).toBe('RESET_TOKEN_INVALID');
    expect((await confirm({ token: 'x'.repeat(43), password: 'another-one-2027' }).expect(400)).body.code).toBe('RESET_TOKEN_INVALID');
    await login(user.email, 'songket-baru-2028').expect(200);
  });

  it('a reset link asked for before a password change or a logout no longer works', async () => {
    const user = await registerUser(t);
    const before = await resetToken(user);
    const changed = await t
      .http()
      .post('/api/v1/auth/password')
      .set(user.auth)
      .send({ currentPassword: PASSWORD, newPassword: 'lurik-baru-2027' })
      .expect(200);
    const refused = await t.http().post('/api/v1/auth/password-reset/confirm').send({ token: before, password: 'lurik-lama-2027' });
    expect([refused.status, refused.body.code]).toEqual([400, 'RESET_TOKEN_INVALID']);

    const again = await resetToken(user);
    await t
      .http()
      .post('/api/v1/auth/logout')
      .set({ Authorization: `Bearer ${changed.body.accessToken}` })
      .expect(204);
    await t.http().post('/api/v1/auth/password-reset/confirm').send({ token: again, password: 'lurik-lama-2027' }).expect(400);
    await login(user.email, 'lurik-baru-2027').expect(200);
  });

  it('an earlier reset link stops working once a later one is used', async () => {
    const user = await registerUser(t);
    const first = await resetToken(user);
    const second = await resetToken(user);
    await t.http().post('/api/v1/auth/password-reset/confirm').send({ token: second, password: 'tenun-ikat-2027' }).expect(200);
    const refused = await t.http().post('/api/v1/auth/password-reset/confirm').send({ token: first, password: 'tenun-ikat-2028' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('RESET_TOKEN_INVALID');
    await login(user.email, 'tenun-ikat-2028').expect(401);
    await login(user.email, 'tenun-ikat-2027').expect(200);
  });
});
