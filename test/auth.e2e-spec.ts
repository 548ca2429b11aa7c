import { jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { OrganizationsService } from '../src/organizations/organizations.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { PASSWORD, registerUser, registration } from './support/factories.js';

describe('auth: register, login, bearer tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const count = (table: string): Promise<number> =>
    t.app
      .get(DataSource)
      .query(`SELECT COUNT(*) AS n FROM ${table}`)
      .then((rows: Array<{ n: string | number }>) => Number(rows[0].n));

  it('registers a user with their organization, as its owner, and returns a working token', async () => {
    const body = registration({ email: '  Dewi@Lookout.ID ' });
    const res = await t.http().post('/api/v1/auth/register').send(body).expect(201);
    expect(res.body.user).toEqual({
      id: expect.any(String),
      email: 'dewi@lookout.id',
      name: 'Dewi Lestari',
      createdAt: expect.any(String),
    });
    expect(res.body.organization).toMatchObject({
      name: (body.organization as { name: string }).name,
      legalForm: 'cv',
      scale: 'small',
      brands: ['LOOKOUT'],
      signatory: null,
    });
    expect(res.body).not.toHaveProperty('user.passwordHash');

    const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.user.id).toBe(res.body.user.id);
    expect(me.body.organizations).toEqual([expect.objectContaining({ id: res.body.organization.id, role: 'owner' })]);
  });

  it('logs in with the email in any case and the password', async () => {
    const user = await registerUser(t);
    const res = await t.http().post('/api/v1/auth/login').send({ email: user.email.toUpperCase(), password: PASSWORD }).expect(200);
    await t.http().get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
  });

  it('answers a failed login with 401 and the same message whether the email or the password was wrong', async () => {
    const user = await registerUser(t);
    const wrongPassword = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'not-the-password' }).expect(401);
    const unknownEmail = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@example.id', password: PASSWORD }).expect(401);
    expect(wrongPassword.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect' });
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  it('refuses a second account with the same email (any case) with 409, creating no organization', async () => {
    const user = await registerUser(t);
    const organizations = await count('organizations');
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .send(registration({ email: user.email.toUpperCase() }))
      .expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'EMAIL_TAKEN', details: { field: 'email' } });
    expect(await count('organizations')).toBe(organizations);
  });

  it('leaves no user behind when creating the organization fails after the user was written', async () => {
    const organizations = t.app.get(OrganizationsService);
    const spy = jest.spyOn(organizations, 'createWithOwner').mockRejectedValueOnce(new Error('disk full'));
    try {
      const body = registration();
      const [users, orgs] = [await count('users'), await count('organizations')];
      await t.http().post('/api/v1/auth/register').send(body).expect(500);
      expect(spy).toHaveBeenCalledTimes(1);
      expect([await count('users'), await count('organizations')]).toEqual([users, orgs]);
      await t.http().post('/api/v1/auth/register').send(body).expect(201); // the email is free: nothing was half-written
    } finally {
      spy.mockRestore();
    }
  });

  it('lets only one of two simultaneous registrations with one email succeed', async () => {
    const body = registration();
    const statuses = await Promise.all(
      [1, 2, 3].map(() =>
        t
          .http()
          .post('/api/v1/auth/register')
          .send(body)
          .then((r) => r.status),
      ),
    );
    expect(statuses.sort()).toEqual([201, 409, 409]);
  });

  it.each([
    ['a missing field', (b: Record<string, unknown>) => ({ ...b, name: undefined }), 'name'],
    ['a short password', (b: Record<string, unknown>) => ({ ...b, password: 'short' }), 'password'],
    ['a bad email', (b: Record<string, unknown>) => ({ ...b, email: 'not-an-email' }), 'email'],
    ['an unknown field', (b: Record<string, unknown>) => ({ ...b, isAdmin: true }), 'isAdmin'],
    ['a missing organization', (b: Record<string, unknown>) => ({ ...b, organization: undefined }), 'organization'],
    [
      'a bad legal form',
      (b: Record<string, unknown>) => ({ ...b, organization: { ...(b.organization as object), legalForm: 'llc' } }),
      'organization.legalForm',
    ],
    [
      'an unknown organization field',
      (b: Record<string, unknown>) => ({ ...b, organization: { ...(b.organization as object), owner: 'x' } }),
      'organization.owner',
    ],
    [
      'a non-string brand',
      (b: Record<string, unknown>) => ({ ...b, organization: { ...(b.organization as object), brands: ['ok', 7] } }),
      'organization.brands',
    ],
  ])('rejects %s with 400 naming the field, writing nothing', async (_, change, field) => {
    const [users, organizations] = [await count('users'), await count('organizations')];
    const res = await t.http().post('/api/v1/auth/register').send(change(registration())).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.message).toContain(field);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect([await count('users'), await count('organizations')]).toEqual([users, organizations]);
  });

  describe('bearer tokens', () => {
    it('401 without a token', async () => {
      const res = await t.http().get('/api/v1/me').expect(401);
      expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'A bearer token is required' });
    });

    it('401 for a token signed with another secret, an expired token and a token for a deleted user', async () => {
      const user = await registerUser(t);
      const jwt = t.app.get(JwtService);
      const forged = await jwt.signAsync({ sub: user.userId }, { secret: 'x'.repeat(40) });
      // Issued one TTL and a minute ago: its exp is in the past.
      const expired = await jwt.signAsync({ sub: user.userId, iat: Math.floor(Date.now() / 1000) - t.config.jwt.ttlSeconds - 60 });
      const ghost = await jwt.signAsync({ sub: '00000000-0000-4000-8000-000000000000' });
      for (const token of [forged, expired, ghost, 'not.a.jwt']) {
        const res = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
    });
  });
});
