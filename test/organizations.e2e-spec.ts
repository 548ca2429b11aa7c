import { startTestApp, type TestApp } from './support/app.js';
import { joinOrganization, type Registered, registerUser } from './support/factories.js';

describe('organizations and members', () => {
  let t: TestApp;
  let owner: Registered;
  let stranger: Registered;
  const org = (suffix = ''): string => `/api/v1/organizations/${owner.organizationId}${suffix}`;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await registerUser(t);
    stranger = await registerUser(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a member its organization with its role', async () => {
    const res = await t.http().get(org()).set(owner.auth).expect(200);
    expect(res.body).toMatchObject({ id: owner.organizationId, role: 'owner', legalName: null, signatory: null });
  });

  it('answers 404, not 403, to a non-member, to an unknown id and to a malformed id, reading or writing', async () => {
    const notMember = await t.http().get(org()).set(stranger.auth).expect(404);
    const unknown = await t.http().get('/api/v1/organizations/7d0c3f9e-5b1a-4c2e-9f00-000000000000').set(owner.auth).expect(404);
    const malformed = await t.http().get('/api/v1/organizations/not-a-uuid').set(owner.auth).expect(404);
    expect(notMember.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Organization not found' });
    expect(unknown.body).toEqual(notMember.body);
    expect(malformed.body).toEqual(notMember.body);
    for (const res of [
      await t.http().patch(org()).set(stranger.auth).send({ city: 'Jakarta' }).expect(404),
      await t.http().get(org('/members')).set(stranger.auth).expect(404),
      await t.http().post(org('/members')).set(stranger.auth).send({ email: stranger.email, role: 'member' }).expect(404),
    ]) {
      expect(res.body).toEqual(notMember.body);
    }
    const still = await t.http().get(org()).set(owner.auth).expect(200);
    expect(still.body.city).toBe('Bandung');
  });

  it('lets an admin fill in the legal details agreements need, and clear an optional one with null', async () => {
    const res = await t
      .http()
      .patch(org())
      .set(owner.auth)
      .send({
        legalName: 'CV Lookout Kreasi',
        address: 'Jl. Braga 10, Bandung',
        nib: '9120001234567',
        signatory: { name: 'Dewi Lestari', title: 'Direktur' },
        city: 'Jakarta',
      })
      .expect(200);
    // The answer shows the number masked; GET shows it in full (and logs the read).
    expect(res.body).toMatchObject({
      legalName: 'CV Lookout Kreasi',
      nib: '•••••••••4567',
      city: 'Jakarta',
      signatory: { name: 'Dewi Lestari', title: 'Direktur' },
    });
    expect((await t.http().get(org()).set(owner.auth).expect(200)).body.nib).toBe('9120001234567');
    const cleared = await t.http().patch(org()).set(owner.auth).send({ nib: null, signatory: null }).expect(200);
    expect(cleared.body).toMatchObject({ nib: null, signatory: null, legalName: 'CV Lookout Kreasi' });
    const reread = await t.http().get(org()).set(owner.auth).expect(200);
    expect(reread.body).toMatchObject({ nib: null, signatory: null, legalName: 'CV Lookout Kreasi', city: 'Jakarta' });
  });

  it.each([
    [{ name: null }, 'name'],
    [{ nib: '12-34' }, 'nib'],
    [{ ktp: '123' }, 'ktp'],
    [{ npwp: '01.234.567.8-901.000' }, 'npwp'],
    [{ scale: 'large' }, 'scale'],
    [{ signatory: { name: 'Dewi' } }, 'signatory.title'],
    [{ website: 'ftp://lookout.id' }, 'website'],
    [{ ownerId: 'x' }, 'ownerId'],
  ])('rejects PATCH %j with 400 naming %s, changing nothing', async (body, field) => {
    const before = await t.http().get(org()).set(owner.auth).expect(200);
    const res = await t.http().patch(org()).set(owner.auth).send(body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    const after = await t.http().get(org()).set(owner.auth).expect(200);
    expect(after.body).toEqual(before.body);
  });

  describe('members', () => {
    it('an invited user who accepts sees the organization in /me and, as a member, cannot invite (403 ROLE_FORBIDDEN) nor edit it', async () => {
      const colleague = await registerUser(t);
      await joinOrganization(t, owner, owner.organizationId, { ...colleague, email: colleague.email.toUpperCase() });

      const me = await t.http().get('/api/v1/me').set(colleague.auth).expect(200);
      expect(me.body.organizations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: owner.organizationId, role: 'member' }),
          expect.objectContaining({ id: colleague.organizationId, role: 'owner' }),
        ]),
      );
      const list = await t.http().get(org('/members')).set(colleague.auth).expect(200);
      expect(list.body.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
        [owner.userId, 'owner'],
        [colleague.userId, 'member'],
      ]);

      const forbidden = await t
        .http()
        .post(org('/members'))
        .set(colleague.auth)
        .send({ email: stranger.email, role: 'member' })
        .expect(403);
      expect(forbidden.body).toMatchObject({ code: 'ROLE_FORBIDDEN', details: { required: 'admin', role: 'member' } });
      const edit = await t.http().patch(org()).set(colleague.auth).send({ instagram: '@lookout.official' }).expect(403);
      expect(edit.body.code).toBe('ROLE_FORBIDDEN');
    });

    it('409 for someone already a member, 400 for a bad role', async () => {
      const again = await t.http().post(org('/members')).set(owner.auth).send({ email: owner.email, role: 'owner' }).expect(409);
      expect(again.body).toMatchObject({ code: 'ALREADY_MEMBER', details: { field: 'email' } });
      const badRole = await t.http().post(org('/members')).set(owner.auth).send({ email: stranger.email, role: 'boss' }).expect(400);
      expect(badRole.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['role']);
    });
  });
});
