import { DataSource } from 'typeorm';
import { DirectoryFacets1795950000000 } from '../src/database/migrations/1795950000000-directory-facets.js';
import { PartnersDirectory } from '../src/partners/partners-directory.service.js';
import { startTestApp, TEST_DATABASE, type TestApp } from './support/app.js';
import { DirectoryFixture } from './support/directory.js';
import { type Registered, registerUser } from './support/factories.js';

type Body = Record<string, unknown>;
const UUID0 = '7d0c3f9e-5b1a-4c2e-9f00-000000000000';
/** A cursor as the API encodes one (see encodeCursor), with any parts. */
const cursorOf = (parts: unknown[]): string => Buffer.from(JSON.stringify(parts)).toString('base64url');

const profile = (overrides: Body = {}): Body => ({
  listed: true,
  story: 'Kami membuat pakaian dari kain lokal.',
  priceTier: 'mid',
  audience: { ageBands: ['18-24', '25-34'], femalePercent: 70, cities: ['Bandung', 'Jakarta'], followers: { instagram: 12000 } },
  capacityPerMonth: 500,
  leadTimeDays: 21,
  channels: ['instagram', 'marketplace'],
  tags: ['tenun'],
  openToForms: ['co_branding', 'consignment'],
  ...overrides,
});

describe('partner directory', () => {
  let t: TestApp;
  let viewer: Registered;
  let d: DirectoryFixture;

  beforeAll(async () => {
    t = await startTestApp();
    viewer = await registerUser(t);
    d = new DirectoryFixture(t, viewer, profile);
    // Registered in this order: "newest first" without q is the reverse.
    await d.partner('nameMatch', { name: 'Sumba Weaves', brands: ['IKAT'] }, { story: 'Kain tangan.' });
    await d.partner('brandMatch', { name: 'Rumah Kain', brands: ['SUMBA LOKA'] }, { tags: ['ikat', 'tenun'] });
    await d.partner(
      'storyMatch',
      { name: 'Benang Emas', brands: ['BE'], city: 'Yogyakarta', categories: ['Batik', 'accessories'] },
      { story: 'Motif kami terinspirasi dari tenun Sumba dan batik pesisir.', priceTier: 'premium', channels: ['offline_store'] },
    );
    await d.partner(
      'surabaya',
      { name: 'Kota Pahlawan Apparel', brands: ['KPA'], city: 'Surabaya', categories: ['footwear'] },
      {
        priceTier: 'budget',
        capacityPerMonth: 5000,
        tags: ['Streetwear', 'sustainable'],
        openToForms: ['licensing'],
        channels: ['tiktok'],
      },
    );
    await d.partner('unlisted', { name: 'Rahasia Sumba', brands: ['SECRET'] }, { listed: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('ranks a name or brand match above a story-only match, and matches the last word as a prefix', async () => {
    const ranked = await d.find({ q: 'sumba' });
    // Name and brand weigh the same: their order is the id tie-break.
    expect(ranked.slice(0, 2).sort()).toEqual(['brandMatch', 'nameMatch']);
    expect(ranked).toHaveLength(3);
    expect(ranked[2]).toBe('storyMatch');
    expect(await d.find({ q: 'SUMB' })).toEqual(ranked);
    expect(await d.find({ q: 'tenun sumb' })).toEqual(expect.arrayContaining(['storyMatch', 'brandMatch']));
    expect(await d.find({ q: 'kain  tangan' })).toEqual(['nameMatch']);
    expect(await d.find({ q: 'tidakada' })).toEqual([]);
  });

  it('lists the newest listed first without q, and never an unlisted organization', async () => {
    expect(await d.find({})).toEqual(['surabaya', 'storyMatch', 'brandMatch', 'nameMatch']);
    expect(await d.find({ q: 'rahasia' })).toEqual([]);
    expect(await d.find({ q: 'secret' })).toEqual([]);
    const hidden = await t
      .http()
      .get(`/api/v1/partners/${d.orgs.get('unlisted')!.organizationId}`)
      .set(viewer.auth)
      .expect(404);
    const nothing = await t.http().get(`/api/v1/partners/${UUID0}`).set(viewer.auth).expect(404);
    expect(hidden.body).toEqual(nothing.body);
    expect(hidden.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Partner not found' });
    // The owner still sees its own profile, unlisted.
    const own = d.orgs.get('unlisted')!;
    const res = await t.http().get(`/api/v1/organizations/${own.organizationId}`).set(own.auth).expect(200);
    expect(res.body.profile).toMatchObject({ listed: false, listedAt: null, priceTier: 'mid' });
  });

  it.each([
    [{ category: 'BATIK' }, ['storyMatch']],
    [{ category: 'apparel' }, ['brandMatch', 'nameMatch']],
    [{ city: ' surabaya ' }, ['surabaya']],
    [{ priceTier: 'premium' }, ['storyMatch']],
    [{ channel: 'tiktok' }, ['surabaya']],
    [{ tag: 'STREETWEAR' }, ['surabaya']],
    [{ tag: 'tenun' }, ['storyMatch', 'brandMatch', 'nameMatch']],
    [{ minCapacity: 1000 }, ['surabaya']],
    [{ minCapacity: 500 }, ['surabaya', 'storyMatch', 'brandMatch', 'nameMatch']],
    [{ form: 'licensing' }, ['surabaya']],
    [{ form: 'consignment', tag: 'ikat' }, ['brandMatch']],
    [{ q: 'sumba', city: 'yogyakarta' }, ['storyMatch']],
    [{ q: 'sumba', priceTier: 'budget' }, []],
    [{ q: 'sumba', priceTier: 'premium' }, ['storyMatch']],
    [{ q: 'tenun', tag: 'ikat' }, ['brandMatch']],
    [{ q: 'tenun', tag: 'ikat', channel: 'instagram', form: 'co_branding', category: 'APPAREL', city: 'bandung' }, ['brandMatch']],
    [{ q: 'tenun', channel: 'tiktok' }, []],
    [{ q: 'kota', minCapacity: 5000 }, ['surabaya']],
    [{ q: 'kota', minCapacity: 5001 }, []],
    [{ q: 'sustainable', category: 'footwear', minCapacity: 100 }, ['surabaya']],
  ])('filters %j', async (query, expected) => {
    expect(await d.find(query)).toEqual(expected);
  });

  it('pages with a cursor, ranked or newest first, without duplicates or gaps', async () => {
    for (const q of [{}, { q: 'tenun' }, { q: 'kain' }, { q: 'kain', tag: 'tenun' }, { tag: 'tenun' }] as Array<Record<string, string>>) {
      const all = await d.find({ ...q, limit: 50 });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t
          .http()
          .get('/api/v1/partners')
          .query({ ...q, limit: 1, ...(cursor ? { cursor } : {}) })
          .set(viewer.auth)
          .expect(200);
        seen.push(...(res.body.items as Array<{ id: string }>).map((p) => d.keyOf(p.id)));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toEqual(all);
      expect(all.length).toBeGreaterThan(1);
    }
  });

  it('shows only public fields of a listed organization, with its marks', async () => {
    const owner = d.orgs.get('nameMatch')!;
    await t
      .http()
      .patch(`/api/v1/organizations/${owner.organizationId}`)
      .set(owner.auth)
      .send({
        legalName: 'CV Sumba Weaves',
        address: 'Jl. Rahasia 1',
        nib: '9120001234567',
        signatory: { name: 'Dewi', title: 'Direktur' },
        website: 'https://sumba.example.id',
      })
      .expect(200);
    await t
      .http()
      .post(`/api/v1/organizations/${owner.organizationId}/marks`)
      .set(owner.auth)
      .send({ name: 'SUMBA WEAVES', classes: [25], status: 'registered', filingDate: '2020-01-02', registrationDate: '2021-03-04' })
      .expect(201);
    const res = await t.http().get(`/api/v1/partners/${owner.organizationId}`).set(viewer.auth).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'id',
        'name',
        'city',
        'brands',
        'categories',
        'instagram',
        'website',
        'story',
        'priceTier',
        'audience',
        'capacityPerMonth',
        'leadTimeDays',
        'channels',
        'tags',
        'openToForms',
        'marks',
      ].sort(),
    );
    expect(res.body).toMatchObject({
      name: 'Sumba Weaves',
      website: 'https://sumba.example.id',
      audience: { ageBands: ['18-24', '25-34'], femalePercent: 70, cities: ['Bandung', 'Jakarta'], followers: { instagram: 12000 } },
      marks: [{ name: 'SUMBA WEAVES', classes: [25], status: 'registered' }],
    });
    const text = JSON.stringify(res.body);
    for (const secret of ['CV Sumba Weaves', 'Rahasia', '9120001234567', 'Direktur', owner.email]) expect(text).not.toContain(secret);
    for (const field of [
      'legalName',
      'address',
      'nib',
      'ktp',
      'npwp',
      'deed',
      'skAhu',
      'owner',
      'signatory',
      'members',
      'legalForm',
      'scale',
      'listed',
      'role',
    ]) {
      expect(res.body).not.toHaveProperty(field);
    }
    const page = await t.http().get('/api/v1/partners').query({ q: 'sumba weaves' }).set(viewer.auth).expect(200);
    expect(page.body.items[0]).toEqual(res.body);
  });

  it.each([
    [{ audience: { ageBands: [], cities: 'Bandung', followers: {} } }, 'profile.audience.cities'],
    [{ audience: { ageBands: ['18-24'], cities: [], followers: { instagram: -1 } } }, 'profile.audience.followers.instagram'],
    [{ audience: { ageBands: ['teens'], cities: [], followers: {} } }, 'profile.audience.ageBands'],
    [{ priceTier: 'luxury' }, 'profile.priceTier'],
    [{ channels: ['fax'] }, 'profile.channels'],
    [{ openToForms: ['merger'] }, 'profile.openToForms'],
    [{ capacityPerMonth: 1.5 }, 'profile.capacityPerMonth'],
    [{ listed: 'yes' }, 'profile.listed'],
    [{ tags: [''] }, 'profile.tags'],
    [{ extra: 1 }, 'profile.extra'],
  ])('rejects profile %j with 400 naming %s, changing nothing', async (overrides, field) => {
    const owner = d.orgs.get('surabaya')!;
    const url = `/api/v1/organizations/${owner.organizationId}`;
    const before = await t.http().get(url).set(owner.auth).expect(200);
    const res = await t
      .http()
      .patch(url)
      .set(owner.auth)
      .send({ name: 'Renamed', profile: profile(overrides) })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    const after = await t.http().get(url).set(owner.auth).expect(200);
    expect(after.body).toEqual(before.body);
  });

  it.each([
    [{ priceTier: 'luxury' }, 'priceTier'],
    [{ channel: 'fax' }, 'channel'],
    [{ form: 'merger' }, 'form'],
    [{ minCapacity: '-1' }, 'minCapacity'],
    [{ minCapacity: '1.5' }, 'minCapacity'],
    [{ minCapacity: 'many' }, 'minCapacity'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '51' }, 'limit'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    // Dates PostgreSQL cannot hold, and ranked keys of the wrong kind for either engine.
    [{ cursor: cursorOf(['n', '-271821-04-20T00:00:00.000Z', UUID0]) }, 'cursor'],
    [{ cursor: cursorOf(['n', '+275760-09-13T00:00:00.000Z', UUID0]) }, 'cursor'],
    [{ q: 'tenun', cursor: cursorOf(['r', 1, -5]) }, 'cursor'],
    [{ q: 'tenun', cursor: cursorOf(['r', 1, 'not-a-key']) }, 'cursor'],
    [{ q: 'x'.repeat(201) }, 'q'],
  ])('answers %j with 400 naming %s', async (query, field) => {
    const res = await t.http().get('/api/v1/partners').query(query).set(viewer.auth).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual([field]);
  });

  it('answers a cursor dated at the edge of the four-digit years with a page, not a 500', async () => {
    for (const at of ['0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      const cursor = cursorOf(['n', at, UUID0]);
      const res = await t.http().get('/api/v1/partners').query({ cursor }).set(viewer.auth).expect(200);
      expect(res.body.items.length).toBe(at.startsWith('0000') ? 0 : (await d.find({ limit: 50 })).length);
    }
  });

  it('refuses a cursor of a ranked search for the newest list, and the reverse', async () => {
    const ranked = await t.http().get('/api/v1/partners').query({ q: 'tenun', limit: 1 }).set(viewer.auth).expect(200);
    const res = await t.http().get('/api/v1/partners').query({ cursor: ranked.body.nextCursor }).set(viewer.auth).expect(400);
    expect(res.body.details.fields[0].field).toBe('cursor');
  });

  it('needs a logged-in user', async () => {
    await t.http().get('/api/v1/partners').expect(401);
    await t
      .http()
      .get(`/api/v1/partners/${d.orgs.get('surabaya')!.organizationId}`)
      .expect(401);
  });

  it('finds an organization by its new name, brands, categories and city after a PATCH, and not by the old ones', async () => {
    const user = await d.partner('renamed', { name: 'Lama Sekali', brands: ['OLDBRAND'], city: 'Medan', categories: ['bags'] });
    expect(await d.find({ q: 'lama' })).toEqual(['renamed']);
    await t
      .http()
      .patch(`/api/v1/organizations/${user.organizationId}`)
      .set(user.auth)
      .send({ name: 'Baru Gemilang', brands: ['NEWBRAND'], city: 'Makassar', categories: ['jewelry'] })
      .expect(200);
    expect(await d.find({ q: 'lama' })).toEqual([]);
    expect(await d.find({ q: 'oldbrand' })).toEqual([]);
    expect(await d.find({ q: 'baru gemilang' })).toEqual(['renamed']);
    expect(await d.find({ q: 'newbrand' })).toEqual(['renamed']);
    expect(await d.find({ city: 'medan' })).toEqual([]);
    expect(await d.find({ city: 'makassar', category: 'jewelry' })).toEqual(['renamed']);
    expect(await d.find({ category: 'bags' })).toEqual([]);
    // The same through the words: the filter tokens in the full-text index moved with the PATCH.
    expect(await d.find({ q: 'baru', city: 'makassar', category: 'jewelry' })).toEqual(['renamed']);
    expect(await d.find({ q: 'baru', city: 'medan' })).toEqual([]);
    expect(await d.find({ q: 'baru', category: 'bags' })).toEqual([]);
    expect(await d.find({ q: 'baru', minCapacity: 9000 })).toEqual([]);
    await t
      .http()
      .patch(`/api/v1/organizations/${user.organizationId}`)
      .set(user.auth)
      .send({ profile: profile({ capacityPerMonth: 9000, priceTier: 'premium' }) })
      .expect(200);
    expect(await d.find({ q: 'baru', minCapacity: 9000, priceTier: 'premium' })).toEqual(['renamed']);
    expect(await d.find({ q: 'baru', priceTier: 'mid' })).toEqual([]);
  });

  it('removes the profile with profile: null: unlisted everywhere, and null in the organization', async () => {
    const user = await d.partner('removed', { name: 'Segera Hilang', brands: ['GONE'] });
    expect(await d.find({ q: 'segera' })).toEqual(['removed']);
    const res = await t.http().patch(`/api/v1/organizations/${user.organizationId}`).set(user.auth).send({ profile: null }).expect(200);
    expect(res.body.profile).toBeNull();
    expect(await d.find({ q: 'segera' })).toEqual([]);
    expect(await d.find({})).not.toContain('removed');
    await t.http().get(`/api/v1/partners/${user.organizationId}`).set(viewer.auth).expect(404);
    const again = await t.http().get(`/api/v1/organizations/${user.organizationId}`).set(user.auth).expect(200);
    expect(again.body.profile).toBeNull();
    // Listing false again keeps the profile but takes it out of the directory.
    await t
      .http()
      .patch(`/api/v1/organizations/${user.organizationId}`)
      .set(user.auth)
      .send({ profile: profile({ listed: false }) })
      .expect(200);
    expect(await d.find({ q: 'segera' })).toEqual([]);
  });

  it('fills the filter tokens of profiles indexed before the facets migration exactly as a save writes them', async () => {
    const dataSource = t.app.get(DataSource);
    const indexed = async (): Promise<Map<string, { facets: string[]; capacity: number; listedAt: string | null }>> => {
      // PostgreSQL also keeps the listing time beside the facets (for the newest-first list).
      const rows: Array<{ organization_id: string; facets: string; capacity: number; listed_at: string | null }> = await dataSource.query(
        TEST_DATABASE === 'postgres'
          ? 'SELECT organization_id, facets::text AS facets, capacity, listed_at::text AS listed_at FROM partner_search'
          : 'SELECT organization_id, facets, capacity, NULL AS listed_at FROM partner_search_docs',
      );
      // tsvector text is 'a' 'b'; the SQLite column is a b: compared as sorted token lists.
      const tokens = (text: string): string[] => text.replace(/'/g, '').split(' ').filter(Boolean).sort();
      return new Map(
        rows.map((r) => [r.organization_id, { facets: tokens(r.facets), capacity: Number(r.capacity), listedAt: r.listed_at }]),
      );
    };
    const written = await indexed();
    expect(written.get(d.orgs.get('surabaya')!.organizationId)).toEqual({
      facets: [
        ['category', 'footwear'],
        ['channel', 'tiktok'],
        ['city', 'surabaya'],
        ['form', 'licensing'],
        ['tag', 'streetwear'],
        ['tag', 'sustainable'],
        ['tier', 'budget'],
      ]
        .map(([k, v]) => `${k}x${Buffer.from(v).toString('hex')}`)
        .sort(),
      capacity: 5000,
      listedAt: TEST_DATABASE === 'postgres' ? expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/) : null,
    });
    const migration = new DirectoryFacets1795950000000();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await indexed()).toEqual(written);
    expect(await d.find({ q: 'sumba', city: 'yogyakarta' })).toEqual(['storyMatch']);
    expect(await d.find({ q: 'kota', minCapacity: 5000, tag: 'streetwear' })).toEqual(['surabaya']);
  });

  it('shows a never-set profile as null in the organization', async () => {
    const res = await t.http().get(`/api/v1/organizations/${viewer.organizationId}`).set(viewer.auth).expect(200);
    expect(res.body.profile).toBeNull();
  });

  describe('PartnersDirectory (for fit suggestions)', () => {
    it('profileOf: any organization, listed or not, with null parts without a profile', async () => {
      const directory = t.app.get(PartnersDirectory);
      expect(await directory.profileOf(viewer.organizationId)).toEqual({
        organizationId: viewer.organizationId,
        name: expect.any(String),
        listed: false,
        categories: ['apparel', 'headwear'],
        priceTier: null,
        audience: null,
        capacityPerMonth: null,
        leadTimeDays: null,
        marks: [],
      });
      expect(await directory.profileOf(d.orgs.get('unlisted')!.organizationId)).toMatchObject({ listed: false, priceTier: 'mid' });
      expect(await directory.profileOf(d.orgs.get('nameMatch')!.organizationId)).toMatchObject({
        listed: true,
        capacityPerMonth: 500,
        marks: [{ classes: [25], status: 'registered' }],
      });
      expect(await directory.profileOf(UUID0)).toBeNull();
    });

    it('candidatesFor: listed only, category overlap first then newest, without the excluded', async () => {
      const directory = t.app.get(PartnersDirectory);
      const candidates = await directory.candidatesFor({
        categories: ['FOOTWEAR', 'batik'],
        excludeOrganizationIds: [d.orgs.get('brandMatch')!.organizationId],
        limit: 10,
      });
      const keys = candidates.map((c) => d.keyOf(c.profile.id));
      expect(keys.slice(0, 2).sort()).toEqual(['storyMatch', 'surabaya']);
      expect(keys).not.toContain('brandMatch');
      expect(keys).not.toContain('unlisted');
      expect(keys).toContain('nameMatch');
      expect(candidates[0].fit).toMatchObject({ listed: true, priceTier: expect.any(String), audience: expect.any(Object) });
      expect(await directory.candidatesFor({ excludeOrganizationIds: [], limit: 1 })).toHaveLength(1);
    });
  });
});
