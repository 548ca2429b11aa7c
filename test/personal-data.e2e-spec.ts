import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../src/notifications/index.js';
import { startTestApp, type TestApp } from './support/app.js';
import { joinOrganization, PASSWORD, type Registered, registerUser } from './support/factories.js';
import { driveTo, legalDetails, pair } from './support/lifecycle.js';
import { pdfText } from './support/pdf-text.js';

const NIB = '9120001234567';
const KTP = '3273010101900001';
const NPWP = '012345678901000';

// Issue 16, part 3: personal data (UU 27/2022) — encrypted at rest, reads logged, export and erasure.
describe('personal data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '50', WEBHOOKS_ALLOW_PRIVATE: 'true' });
  });
  afterAll(async () => t?.close());

  const org = (who: Registered, suffix = '') => `/api/v1/organizations/${who.organizationId}${suffix}`;
  const sealed = async (organizationId: string): Promise<Record<string, string | null>> =>
    (
      await t.app
        .get(DataSource)
        .query(
          `SELECT nib_sealed, ktp_sealed, npwp_sealed FROM organizations WHERE id = ${t.app.get(DataSource).options.type === 'postgres' ? '$1' : '?'}`,
          [organizationId],
        )
    )[0];

  it('keeps NIB, KTP and NPWP only encrypted, shows them in full to members through GET (logged), masked elsewhere', async () => {
    const owner = await registerUser(t);
    const member = await registerUser(t);
    const stranger = await registerUser(t);
    await joinOrganization(t, owner, owner.organizationId, member);
    const patched = await t.http().patch(org(owner)).set(owner.auth).send({ nib: NIB, ktp: KTP, npwp: NPWP }).expect(200);
    expect(patched.body).toMatchObject({ nib: '•••••••••4567', ktp: '••••••••••••0001', npwp: '•••••••••••1000' });

    const stored = await sealed(owner.organizationId);
    for (const [column, value] of [
      ['nib_sealed', NIB],
      ['ktp_sealed', KTP],
      ['npwp_sealed', NPWP],
    ]) {
      expect(stored[column]).toMatch(/^enc:v1:[0-9a-f]{8}:/);
      expect(stored[column]).not.toContain(value);
    }
    expect(statSync(join(t.config.dataDir, 'data-key')).mode & 0o777).toBe(0o600);

    const full = await t.http().get(org(owner)).set(member.auth).expect(200);
    expect(full.body).toMatchObject({ nib: NIB, ktp: KTP, npwp: NPWP });
    const me = await t.http().get('/api/v1/me').set(member.auth).expect(200);
    expect(me.body.organizations.find((o: { id: string }) => o.id === owner.organizationId)).toMatchObject({ nib: '•••••••••4567' });
    await t.http().get(org(owner)).set(stranger.auth).expect(404);

    const log = await t.http().get(org(owner, '/legal-details/reads')).set(owner.auth).expect(200);
    expect(log.body.items).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        purpose: 'organization',
        reader: { id: member.userId, name: 'Dewi Lestari', email: member.email },
        collaborationId: null,
      },
    ]);
    expect((await t.http().get(org(owner, '/legal-details/reads')).set(member.auth).expect(403)).body.code).toBe('ROLE_FORBIDDEN');
  });

  it('prints the numbers in the agreement (a logged read by the service) and keeps them there as generated', async () => {
    const parties = await pair(t);
    const id = await driveTo(t, parties, 'agreement');
    const reads = await t.http().get(org(parties.partner, '/legal-details/reads')).set(parties.partner.auth).expect(200);
    expect(reads.body.items).toContainEqual(expect.objectContaining({ purpose: 'agreement', reader: null, collaborationId: id }));
    const file = await t
      .http()
      .get(`/api/v1/collaborations/${id}/agreements/1/pdf`)
      .set(parties.partner.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((await pdfText(file.body as Buffer)).join(' ')).toContain(legalDetails('Batik Kita').nib);
  });

  it('re-encrypts every value under the current key when a new DATA_KEY starts, with the old one in DATA_KEY_PREVIOUS', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const first = await startTestApp({ DATA_KEY: oldKey });
    try {
      const owner = await registerUser(first);
      await first.http().patch(org(owner)).set(owner.auth).send({ nib: NIB }).expect(200);
      const before = (await first.app.get(DataSource).query('SELECT nib_sealed FROM organizations'))[0].nib_sealed as string;
      // A value moved in plain by the migration is sealed on start, too.
      const other = await registerUser(first);
      await first.app.get(DataSource).getRepository('OrganizationEntity').update({ id: other.organizationId }, { ktpSealed: KTP });

      const rotated = await startTestApp({ DATA_KEY: newKey, DATA_KEY_PREVIOUS: oldKey }, { shareWith: first });
      try {
        const after = await rotated.app.get(DataSource).getRepository('OrganizationEntity').findOneByOrFail({ id: owner.organizationId });
        expect(after.nibSealed.split(':')[2]).not.toBe(before.split(':')[2]);
        expect((await rotated.http().get(org(owner)).set(owner.auth).expect(200)).body.nib).toBe(NIB);
        const moved = await rotated.app.get(DataSource).getRepository('OrganizationEntity').findOneByOrFail({ id: other.organizationId });
        expect(moved.ktpSealed).toMatch(/^enc:v1:/);
        expect((await rotated.http().get(org(other)).set(other.auth).expect(200)).body.ktp).toBe(KTP);
      } finally {
        await rotated.close();
      }
      // After the rotation the new key alone reads everything.
      const only = await startTestApp({ DATA_KEY: newKey }, { shareWith: first });
      try {
        expect((await only.http().get(org(owner)).set(owner.auth).expect(200)).body.nib).toBe(NIB);
      } finally {
        await only.close();
      }
    } finally {
      await first.close();
    }
  });

  it('exports everything stored about me, without the password hash', async () => {
    const owner = await registerUser(t);
    await t.http().patch(org(owner)).set(owner.auth).send({ nib: NIB }).expect(200);
    await t.http().post('/api/v1/collaborations').set(owner.auth).send({ title: 'Kapsul', form: 'co_branding' });
    const res = await t.http().get('/api/v1/me/export').set(owner.auth).expect(200);
    expect(res.body.account).toMatchObject({ id: owner.userId, email: owner.email, name: 'Dewi Lestari' });
    expect(res.body).toHaveProperty('emailPreferences', null); // never changed: the defaults apply
    expect(res.body.memberships).toEqual([
      expect.objectContaining({ role: 'owner', organization: expect.objectContaining({ id: owner.organizationId, nib: NIB }) }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|scrypt|argon|enc:v1/);
    const log = await t.http().get(org(owner, '/legal-details/reads')).set(owner.auth).expect(200);
    expect(log.body.items[0]).toMatchObject({ purpose: 'export', reader: { id: owner.userId } });
    expect(res.body.legalDetailReads).toEqual([expect.objectContaining({ organizationId: owner.organizationId, purpose: 'export' })]);
  });

  it('erases an account with its password; the last owner hands over or deletes the organization first', async () => {
    const owner = await registerUser(t);
    const colleague = await registerUser(t);
    await joinOrganization(t, owner, owner.organizationId, colleague);

    // A lifecycle notice to the organization: each member who wants it gets a copy to be mailed.
    await t.app.get(NotificationsService).enqueue({
      kind: 'invitation_accepted',
      organizationId: owner.organizationId,
      subject: { id: 'Undangan diterima', en: 'Invitation accepted' },
      body: { id: 'Isi', en: 'Body' },
    });
    const countCopies = async (): Promise<number> =>
      Number(
        (
          await t.app
            .get(DataSource)
            .query(
              'SELECT count(*) AS n FROM notifications WHERE user_id = ' + (t.app.get(DataSource).options.type === 'postgres' ? '$1' : '?'),
              [owner.userId],
            )
        )[0].n,
      );
    expect(await countCopies()).toBe(1);
    const wrong = await t.http().delete('/api/v1/me').set(owner.auth).send({ password: 'not-it' }).expect(400);
    expect(wrong.body.details.fields[0].field).toBe('password');
    const last = await t.http().delete('/api/v1/me').set(owner.auth).send({ password: PASSWORD }).expect(409);
    expect(last.body).toMatchObject({ code: 'LAST_OWNER', details: { organizations: [owner.organizationId] } });

    // The colleague's own organization has no collaboration: deleting it, then handing over, lets them go. Its
    // webhook endpoints go with it.
    await t
      .http()
      .post(org(colleague, '/webhooks'))
      .set(colleague.auth)
      .send({ url: 'http://127.0.0.1:9/kolabora', events: ['collaboration.transitioned'] })
      .expect(201);
    await t.http().delete(org(colleague)).set(colleague.auth).expect(204);
    const hooks = await t.app.get(DataSource).query('SELECT count(*) AS n FROM webhook_endpoints');
    expect(Number(hooks[0].n)).toBe(0);
    await t.http().get(org(colleague)).set(colleague.auth).expect(404);
    await t
      .http()
      .patch(org(owner, `/members/${colleague.userId}`))
      .set(owner.auth)
      .send({ role: 'owner' })
      .expect(200);
    const erased = await t.http().delete('/api/v1/me').set(owner.auth).send({ password: PASSWORD }).expect(200);
    expect(erased.body.kept.map((k: { what: string }) => k.what)).toContain('signed agreements');
    await t.http().get('/api/v1/me').set(owner.auth).expect(401);
    await t.http().post('/api/v1/auth/login').send({ email: owner.email, password: PASSWORD }).expect(401);
    const members = await t.http().get(org(owner, '/members')).set(colleague.auth).expect(200);
    expect(members.body.map((m: { userId: string }) => m.userId)).toEqual([colleague.userId]);
    expect(await countCopies()).toBe(0);
    const invites = await t.app
      .get(DataSource)
      .query(
        'SELECT count(*) AS n FROM membership_invitations WHERE email = ' +
          (t.app.get(DataSource).options.type === 'postgres' ? '$1' : '?'),
        [owner.email],
      );
    expect(Number(invites[0].n)).toBe(0);
  });

  it('refuses to delete an organization that is a party to a collaboration, and lets only owners delete', async () => {
    const parties = await pair(t);
    await driveTo(t, parties, 'proposal');
    const refused = await t.http().delete(org(parties.initiator)).set(parties.initiator.auth).expect(409);
    expect(refused.body.code).toBe('ORGANIZATION_HAS_COLLABORATIONS');
    const admin = await registerUser(t);
    await joinOrganization(t, parties.partner, parties.partner.organizationId, admin, 'admin');
    expect((await t.http().delete(org(parties.partner)).set(admin.auth).expect(403)).body.code).toBe('ROLE_FORBIDDEN');
  });
});
