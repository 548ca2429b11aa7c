import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DirectoryFacets1795950000000 } from '../src/database/migrations/1795950000000-directory-facets.js';
import { CHANNELS } from '../src/organizations/dto/partner-profile.dto.js';
import { FORMS } from '../workflows/collaboration/index.js';
import { startTestApp, type TestApp } from './support/app.js';
import { DirectoryFixture } from './support/directory.js';
import { type Registered, registerUser } from './support/factories.js';

type Body = Record<string, unknown>;

const profile = (overrides: Body = {}): Body => ({
  listed: true,
  story: 'Kami membuat pakaian.',
  priceTier: 'mid',
  audience: { ageBands: ['18-24'], cities: ['Bandung'], followers: {} },
  capacityPerMonth: 500,
  leadTimeDays: 21,
  channels: ['instagram'],
  tags: [],
  openToForms: ['co_branding'],
  ...overrides,
});

/** The directory's filter index beside its text index: ranking stays the text's, filters of any script match. */
describe('partner directory index', () => {
  let t: TestApp;
  let viewer: Registered;
  let d: DirectoryFixture;

  beforeAll(async () => {
    t = await startTestApp();
    viewer = await registerUser(t);
    d = new DirectoryFixture(t, viewer, profile);
    // A name match with 50 categories and every channel and form, and a tag-only match with few filter values (names
    // weigh 10, tags 4). With the filter tokens in the text's FTS5 table, bm25 counted them as length and swapped these.
    await d.partner(
      'nameMatch',
      { name: 'Sumba Raya', categories: Array.from({ length: 50 }, (_, i) => `kategori ${i}`) },
      { tags: ['label29'], channels: [...CHANNELS], openToForms: [...FORMS] },
    );
    await d.partner('tagMatch', { name: 'Lain' }, { tags: ['sumba'] });
    for (let i = 0; i < 6; i++) await d.partner(`other${i}`, { name: `Toko ${i}` });
    // Filter values beyond ASCII: diacritics, CJK, an emoji, spaces.
    await d.partner(
      'unicode',
      { name: 'Rumah Wastra', city: 'Tanjung  Pinang', categories: ['Tenun Ikat 手工'] },
      { tags: ['été', '🧵 benang'], priceTier: 'premium' },
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('ranks a name match above a tag-only match however many filter values it has', async () => {
    expect(await d.find({ q: 'sumba' })).toEqual(['nameMatch', 'tagMatch']);
    expect(await d.find({ q: 'sumba', channel: 'website', form: 'nda', tag: 'label29', category: 'kategori 49' })).toEqual(['nameMatch']);
  });

  it('filters on values in any script, with and without words', async () => {
    const filters = { city: 'tanjung pinang', category: 'TENUN IKAT 手工', tag: '🧵 Benang', priceTier: 'premium' };
    expect(await d.find(filters)).toEqual(['unicode']);
    expect(await d.find({ ...filters, q: 'wastra' })).toEqual(['unicode']);
    expect(await d.find({ q: 'wastra', tag: 'ete' })).toEqual([]);
    expect(await d.find({ q: 'wastra', tag: 'été' })).toEqual(['unicode']);
  });

  it('finds the same after the facets migration is undone and run again, and keeps the index in step after it', async () => {
    const migration = new DirectoryFacets1795950000000();
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await d.find({ q: 'wastra', city: 'Tanjung Pinang', category: 'tenun ikat 手工', tag: 'été' })).toEqual(['unicode']);
    expect(await d.find({ city: 'tanjung pinang', tag: '🧵 benang' })).toEqual(['unicode']);
    expect(await d.find({ q: 'sumba', form: 'mou', minCapacity: 500 })).toEqual(['nameMatch']);
    // A write after the migration goes through the triggers (SQLite) or the service (both) into the new index.
    const user = d.orgs.get('unicode')!;
    await t.http().patch(`/api/v1/organizations/${user.organizationId}`).set(user.auth).send({ city: 'Kota Bàru' }).expect(200);
    expect(await d.find({ q: 'wastra', city: 'tanjung pinang' })).toEqual([]);
    expect(await d.find({ q: 'wastra', city: 'kota bàru' })).toEqual(['unicode']);
    expect(await d.find({ city: 'kota bàru' })).toEqual(['unicode']);
  });
});
