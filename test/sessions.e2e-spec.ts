import { startTestApp, type TestApp } from './support/app.js';
import { PASSWORD, registration } from './support/factories.js';

/** The web console's session: an HttpOnly cookie the API accepts besides bearer tokens, with CSRF protection on writes. */
describe('sessions: the console cookie', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const cookieOf = (res: { headers: Record<string, unknown> }): string => {
    const header = [res.headers['set-cookie']].flat()[0] as string;
    return header.split(';')[0];
  };

  it('register with session=cookie sets an HttpOnly SameSite=Lax cookie for /api and keeps the token out of the body', async () => {
    const body = registration();
    const res = await t.http().post('/api/v1/auth/register?session=cookie').send(body).expect(201);
    expect(res.body).not.toHaveProperty('accessToken');
    expect(res.body.user.email).toBe(body.email);
    const [session, marker] = [res.headers['set-cookie']].flat() as string[];
    expect(session).toMatch(/^kolabora_session=[\w.-]+; Path=\/api; Max-Age=3600; HttpOnly; SameSite=Lax$/);
    // The page may read the marker (it says only that a session exists), never the session itself.
    expect(marker).toBe('kolabora_signed_in=1; Path=/; Max-Age=3600; SameSite=Lax');
    const me = await t.http().get('/api/v1/me').set('cookie', cookieOf(res)).expect(200);
    expect(me.body.user.email).toBe(body.email);
  });

  it('login without session=cookie still returns a bearer token and sets no cookie', async () => {
    const body = registration();
    await t.http().post('/api/v1/auth/register').send(body).expect(201);
    const res = await t.http().post('/api/v1/auth/login').send({ email: body.email, password: PASSWORD }).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a cookie-authenticated write without the X-Kolabora-CSRF header, and accepts it with the header', async () => {
    const body = registration();
    await t.http().post('/api/v1/auth/register').send(body).expect(201);
    const login = await t.http().post('/api/v1/auth/login?session=cookie').send({ email: body.email, password: PASSWORD }).expect(200);
    expect(login.body).toEqual({});
    const cookie = cookieOf(login);
    const me = await t.http().get('/api/v1/me').set('cookie', cookie).expect(200);
    const orgId = me.body.organizations[0].id;
    const refused = await t.http().patch(`/api/v1/organizations/${orgId}`).set('cookie', cookie).send({ city: 'Solo' }).expect(401);
    expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('X-Kolabora-CSRF') });
    // A different value is no better: the header must be exactly 1.
    await t
      .http()
      .patch(`/api/v1/organizations/${orgId}`)
      .set('cookie', cookie)
      .set('x-kolabora-csrf', 'yes')
      .send({ city: 'Solo' })
      .expect(401);
    const done = await t
      .http()
      .patch(`/api/v1/organizations/${orgId}`)
      .set('cookie', cookie)
      .set('x-kolabora-csrf', '1')
      .send({ city: 'Solo' });
    expect(done.status).toBe(200);
    expect(done.body.city).toBe('Solo');
  });

  it('logout clears the cookie and revokes the session it carried', async () => {
    const res = await t.http().post('/api/v1/auth/register?session=cookie').send(registration()).expect(201);
    const cookie = cookieOf(res);
    const out = await t.http().post('/api/v1/auth/logout').set('cookie', cookie).set('x-kolabora-csrf', '1').expect(204);
    expect([out.headers['set-cookie']].flat()).toEqual([
      'kolabora_session=; Path=/api; Max-Age=0; HttpOnly; SameSite=Lax',
      'kolabora_signed_in=; Path=/; Max-Age=0; SameSite=Lax',
    ]);
    await t.http().get('/api/v1/me').set('cookie', cookie).expect(401);
  });

  it('a bearer token wins over a cookie, and a bearer write needs no CSRF header', async () => {
    const other = await t.http().post('/api/v1/auth/register?session=cookie').send(registration()).expect(201);
    const body = registration();
    const mine = await t.http().post('/api/v1/auth/register').send(body).expect(201);
    const me = await t
      .http()
      .get('/api/v1/me')
      .set('cookie', cookieOf(other))
      .set('authorization', `Bearer ${mine.body.accessToken}`)
      .expect(200);
    expect(me.body.user.email).toBe(body.email);
    await t
      .http()
      .post('/api/v1/auth/logout')
      .set('cookie', cookieOf(other))
      .set('authorization', `Bearer ${mine.body.accessToken}`)
      .expect(204);
  });

  it('marks the cookie Secure when the public URL is HTTPS', async () => {
    const secure = await startTestApp({ PUBLIC_URL: 'https://kolabora.example' });
    try {
      const res = await secure.http().post('/api/v1/auth/register?session=cookie').send(registration()).expect(201);
      const cookies = [res.headers['set-cookie']].flat() as string[];
      expect(cookies[0]).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
      expect(cookies[1]).toMatch(/; SameSite=Lax; Secure$/);
    } finally {
      await secure.close();
    }
  });

  it('refuses an unknown session mode', async () => {
    const res = await t.http().post('/api/v1/auth/register?session=jar').send(registration()).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
