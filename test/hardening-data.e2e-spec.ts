import { randomBytes } from 'node:crypto';
import ICAL from 'ical.js';
import { DataSource } from 'typeorm';
import { NfcEmails1795970000000 } from '../src/database/migrations/1795970000000-nfc-emails.js';
import { MembershipsService } from '../src/memberships/index.js';
import { startTestApp, type TestApp } from './support/app.js';
import { PASSWORD, registerUser, registration, type Registered } from './support/factories.js';

// Issue 13, items 6, 10 and 11: what a client sends is stored as it is meant to be, and comes back out safely.
describe('hardening: nulls in PATCH, email normalization, calendar text', () => {
  let t: TestApp;
  let owner: Registered;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await registerUser(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const fieldsOf = (body: { details?: { fields?: Array<{ field: string }> } }): string[] =>
    (body.details?.fields ?? []).map((f) => f.field);

  describe('PATCH with null (item 6)', () => {
    const marks = (suffix = '') => `/api/v1/organizations/${owner.organizationId}/marks${suffix}`;

    it('answers 400 naming the field when a mark field stored NOT NULL is sent as null, and leaves the record as it was', async () => {
      const created = await t
        .http()
        .post(marks())
        .set(owner.auth)
        .send({
          name: 'LOOKOUT',
          classes: [25],
          status: 'filed',
          owners: ['Kain Co'],
          applicationNumber: 'DID2026000001',
          filingDate: '2026-01-05',
        })
        .expect(201);
      for (const field of ['name', 'classes', 'status', 'owners']) {
        const res = await t
          .http()
          .patch(marks(`/${created.body.id}`))
          .set(owner.auth)
          .send({ [field]: null })
          .expect(400);
        expect(res.body).toMatchObject({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: expect.stringContaining(`${field} must not be null`),
        });
        expect(fieldsOf(res.body)).toEqual([field]);
      }
      const read = await t
        .http()
        .get(marks(`/${created.body.id}`))
        .set(owner.auth)
        .expect(200);
      expect(read.body).toMatchObject({ name: 'LOOKOUT', classes: [25], status: 'filed', owners: ['Kain Co'] });
    });

    it('still clears the nullable mark fields (numbers and dates) with null', async () => {
      const created = await t
        .http()
        .post(marks())
        .set(owner.auth)
        .send({ name: 'KAWUNG', applicationNumber: 'DID2026000002', registrationNumber: 'IDM000000002', filingDate: '2026-01-05' })
        .expect(201);
      const cleared = await t
        .http()
        .patch(marks(`/${created.body.id}`))
        .set(owner.auth)
        .send({ applicationNumber: null, registrationNumber: null, filingDate: null })
        .expect(200);
      expect(cleared.body).toMatchObject({ name: 'KAWUNG', applicationNumber: null, registrationNumber: null, filingDate: null });
    });

    it('answers 400 for null in a required organization field, and clears the optional ones with null', async () => {
      const org = `/api/v1/organizations/${owner.organizationId}`;
      for (const field of ['name', 'legalForm', 'scale', 'city', 'brands', 'categories']) {
        const res = await t
          .http()
          .patch(org)
          .set(owner.auth)
          .send({ [field]: null })
          .expect(400);
        expect(res.body).toMatchObject({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: expect.stringContaining(`${field} must not be null`),
        });
        expect(fieldsOf(res.body)).toEqual([field]);
      }
      await t
        .http()
        .patch(org)
        .set(owner.auth)
        .send({ legalName: 'CV Lookout Kreasi', address: 'Jl. Braga 1, Bandung', website: 'https://lookout.id' })
        .expect(200);
      const cleared = await t
        .http()
        .patch(org)
        .set(owner.auth)
        .send({ instagram: null, website: null, legalName: null, address: null, nib: null, ktp: null, signatory: null, profile: null })
        .expect(200);
      expect(cleared.body).toMatchObject({
        instagram: null,
        website: null,
        legalName: null,
        address: null,
        signatory: null,
        profile: null,
      });
    });

    it('answers 400 for null inside the partner profile, whose optional numbers are omitted rather than nulled', async () => {
      const profile = {
        listed: false,
        story: 'Tenun ikat dari Sumba.',
        priceTier: 'mid',
        audience: { ageBands: ['18-24'], femalePercent: 70, cities: ['Bandung'], followers: { instagram: 1200, tiktok: 300 } },
        capacityPerMonth: 500,
        leadTimeDays: 21,
        channels: ['instagram'],
        tags: ['tenun'],
        openToForms: ['co_branding'],
      };
      const org = `/api/v1/organizations/${owner.organizationId}`;
      const ok = await t.http().patch(org).set(owner.auth).send({ profile }).expect(200);
      expect(ok.body.profile.audience.femalePercent).toBe(70);
      const cases: Array<[string, unknown]> = [
        ['profile.audience.femalePercent', { ...profile, audience: { ...profile.audience, femalePercent: null } }],
        ['profile.audience.followers.instagram', { ...profile, audience: { ...profile.audience, followers: { instagram: null } } }],
        ['profile.audience.followers.tiktok', { ...profile, audience: { ...profile.audience, followers: { tiktok: null } } }],
      ];
      for (const [field, body] of cases) {
        const res = await t.http().patch(org).set(owner.auth).send({ profile: body }).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(fieldsOf(res.body)).toEqual([field]);
      }
    });
  });

  describe('emails in Unicode normal form (item 10)', () => {
    // The same address typed two ways: "é" as one code point (NFC) or as "e" plus a combining acute accent (NFD).
    const local = () => `caf${randomBytes(3).toString('hex')}`;
    const composed = (name: string) => `${name}\u00e9@example.id`;
    const decomposed = (name: string) => `${name}e\u0301@example.id`;

    it('stores the NFC form and refuses the decomposed spelling of a registered address as the same email (409)', async () => {
      const name = local();
      const first = await t
        .http()
        .post('/api/v1/auth/register')
        .send(registration({ email: decomposed(name).toUpperCase() }))
        .expect(201);
      expect(first.body.user.email).toBe(composed(name));
      const second = await t
        .http()
        .post('/api/v1/auth/register')
        .send(registration({ email: composed(name) }))
        .expect(409);
      expect(second.body).toMatchObject({ statusCode: 409, code: 'EMAIL_TAKEN' });
    });

    it('logs in and adds a member with either spelling', async () => {
      const name = local();
      const user = await t
        .http()
        .post('/api/v1/auth/register')
        .send(registration({ email: composed(name) }))
        .expect(201);
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: decomposed(name), password: PASSWORD })
        .expect(200);
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: decomposed(name).toUpperCase(), password: PASSWORD })
        .expect(200);
      const invited = await t
        .http()
        .post(`/api/v1/organizations/${owner.organizationId}/members`)
        .set(owner.auth)
        .send({ email: decomposed(name), role: 'member' })
        .expect(201);
      expect(invited.body).toMatchObject({ email: composed(name), status: 'pending' });
      // The account registered with the composed spelling is the one invited.
      const token = t.app.get(MembershipsService).tokenOf(invited.body.id);
      await t
        .http()
        .post(`/api/v1/memberships/${token}/accept`)
        .set({ Authorization: `Bearer ${user.body.accessToken}` })
        .expect(200);
      const members = await t.http().get(`/api/v1/organizations/${owner.organizationId}/members`).set(owner.auth).expect(200);
      expect(members.body).toContainEqual(expect.objectContaining({ userId: user.body.user.id, email: composed(name) }));
    });

    it('rewrites an address stored before in another form (migration), which then logs in with either spelling', async () => {
      const name = local();
      const user = await t
        .http()
        .post('/api/v1/auth/register')
        .send(registration({ email: composed(name) }))
        .expect(201);
      const dataSource = t.app.get(DataSource);
      const postgres = dataSource.options.type === 'postgres';
      await dataSource.query(`UPDATE users SET email = ${postgres ? '$1' : '?'} WHERE id = ${postgres ? '$2' : '?'}`, [
        decomposed(name),
        user.body.user.id,
      ]);
      const runner = dataSource.createQueryRunner();
      try {
        await new NfcEmails1795970000000().up(runner);
      } finally {
        await runner.release();
      }
      const [row] = (await dataSource.query(`SELECT email FROM users WHERE id = ${postgres ? '$1' : '?'}`, [user.body.user.id])) as Array<{
        email: string;
      }>;
      expect(row.email).toBe(composed(name));
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: decomposed(name), password: PASSWORD })
        .expect(200);
    });
  });

  describe('calendar text (item 11)', () => {
    it('sends no bare CR in a downloaded .ics: a CR in a mark name becomes an escaped line break', async () => {
      const marks = `/api/v1/organizations/${owner.organizationId}/marks`;
      const mark = await t
        .http()
        .post(marks)
        .set(owner.auth)
        .send({ name: 'LOOK\rOUT\r\nX-INJECTED:1', status: 'registered', filingDate: '2020-01-05', registrationDate: '2021-02-01' })
        .expect(201);
      const res = await t.http().get(`/api/v1/organizations/${owner.organizationId}/deadlines.ics?lang=en`).set(owner.auth).expect(200);
      expect(res.text).not.toMatch(/\r(?!\n)/);
      expect(res.text).not.toMatch(/\nX-INJECTED/);
      const calendar = new ICAL.Component(ICAL.parse(res.text));
      const summaries = calendar
        .getAllSubcomponents('vevent')
        .filter((e) => String(e.getFirstPropertyValue('uid')).startsWith(`${mark.body.id}.`))
        .map((e) => e.getFirstPropertyValue('summary') as string);
      expect(summaries.length).toBeGreaterThan(0);
      for (const summary of summaries) expect(summary.startsWith('LOOK\nOUT\nX-INJECTED:1: ')).toBe(true);
    });
  });
});
