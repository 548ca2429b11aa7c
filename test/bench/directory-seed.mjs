// The seeded directory of the benchmarks: BENCH_ORGS (default 100,000) listed organizations with profiles, filter
// values, search documents and some marks, written straight into a migrated SQLite file or PostgreSQL database in
// batched transactions. Deterministic: every run seeds the same directory (only the ids differ).
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
// The service's own token function (built by `npm run bench:directory` before this runs).
import { facetToken } from '../../dist/src/partners/directory-search.js';

export const ORGS = Number(process.env.BENCH_ORGS ?? 100_000);
const BATCH = 2000;

// A small deterministic PRNG, so that every run seeds the same directory.
let state = 0x9e3779b9;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const some = (list, min, max) => {
  const n = min + Math.floor(random() * (max - min + 1));
  return [...new Set(Array.from({ length: n }, () => pick(list)))];
};

const FIRST = [
  'Rumah',
  'Kain',
  'Batik',
  'Tenun',
  'Studio',
  'Griya',
  'Sanggar',
  'Toko',
  'Butik',
  'Omah',
  'Saung',
  'Kriya',
  'Karya',
  'Sinar',
  'Cahaya',
  'Bunga',
  'Lentera',
  'Dapur',
  'Pasar',
  'Gerai',
];
const SECOND = [
  'Nusantara',
  'Sumba',
  'Sekar',
  'Arunika',
  'Lestari',
  'Kencana',
  'Wastra',
  'Parahyangan',
  'Priangan',
  'Melati',
  'Anggrek',
  'Samudra',
  'Pelangi',
  'Senja',
  'Fajar',
  'Mentari',
  'Rembulan',
  'Jingga',
  'Laras',
  'Sari',
  'Indah',
  'Abadi',
  'Jaya',
  'Makmur',
  'Cendana',
  'Kenanga',
  'Padma',
  'Tanjung',
  'Ayu',
  'Batavia',
];
const SYLLABLES = ['ka', 'ra', 'sa', 'ni', 'lu', 'ma', 'ti', 'wa', 'na', 'ya', 'ki', 'ru', 'se', 'da', 'la', 'pu', 'ri', 'go', 'be', 'jo'];
const CITIES = [
  'Jakarta',
  'Bandung',
  'Surabaya',
  'Yogyakarta',
  'Solo',
  'Semarang',
  'Medan',
  'Denpasar',
  'Makassar',
  'Malang',
  'Bogor',
  'Depok',
  'Tangerang',
  'Bekasi',
  'Palembang',
  'Pekalongan',
  'Cirebon',
  'Padang',
  'Pontianak',
  'Kupang',
];
const CATEGORIES = [
  'apparel',
  'batik',
  'tenun',
  'kebaya',
  'hijab',
  'modest wear',
  'footwear',
  'bags',
  'accessories',
  'jewelry',
  'headwear',
  'streetwear',
  'kidswear',
  'leather goods',
  'denim',
];
const TAGS = [
  'handmade',
  'sustainable',
  'ecoprint',
  'tenun ikat',
  'batik tulis',
  'lurik',
  'songket',
  'upcycled',
  'slow fashion',
  'local pride',
  'custom',
  'wholesale',
  'preorder',
  'organic cotton',
  'natural dye',
  'minimalist',
  'streetwear',
  'modest',
  'vintage',
  'limited edition',
];
const STORY = [
  'Kami membuat pakaian dari kain lokal dengan pewarna alami.',
  'Dijahit tangan oleh penjahit di kampung kami sejak 2015.',
  'Every piece is made in small batches to reduce waste.',
  'Motif kami terinspirasi dari tenun Sumba dan batik pesisir.',
  'We work with weavers in Nusa Tenggara Timur.',
  'Koleksi kami dijual di marketplace dan toko offline.',
  'Streetwear with a local twist, designed in our studio.',
  'Bahan katun organik, nyaman untuk iklim tropis.',
  'Our leather is tanned with vegetable tannins.',
  'Kolaborasi adalah cara kami tumbuh bersama brand lain.',
];
const CHANNELS = ['offline_store', 'marketplace', 'instagram', 'tiktok', 'website', 'consignment'];
const FORMS = ['co_branding', 'licensing', 'consignment', 'endorsement', 'distribution', 'joint_venture', 'nda', 'mou'];
const TIERS = ['budget', 'mid', 'premium'];
const AGES = ['13-17', '18-24', '25-34', '35-44', '45-54', '55+'];
const STATUSES = ['filed', 'published', 'examination', 'registered', 'registered', 'refused'];

const brandName = () =>
  Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES))
    .join('')
    .toUpperCase();
const norm = (v) => v.trim().replace(/\s+/g, ' ').toLowerCase();

/** One organization with its listed profile, filter values, search document and maybe a mark, as plain rows. */
function organization(i, now) {
  const id = randomUUID();
  const brands = some([brandName(), brandName()], 1, 2);
  const name = `${pick(FIRST)} ${pick(SECOND)} ${brands[0][0]}${brands[0].slice(1).toLowerCase()}`;
  const city = pick(CITIES);
  const categories = some(CATEGORIES, 1, 3);
  const tags = some(TAGS, 2, 4);
  const channels = some(CHANNELS, 1, 3);
  const forms = some(FORMS, 1, 3);
  const story = some(STORY, 2, 3).join(' ');
  const at = new Date(now - (ORGS - i) * 1000);
  const audience = {
    ageBands: some(AGES, 1, 3),
    femalePercent: Math.floor(random() * 100),
    cities: some(CITIES, 1, 3),
    followers: { instagram: Math.floor(random() * 100_000) },
  };
  const values = [
    ...channels.map((v) => ['channel', v]),
    ...tags.map((v) => ['tag', norm(v)]),
    ...forms.map((v) => ['form', v]),
    ['city', norm(city)],
    ...categories.map((v) => ['category', v]),
  ];
  const mark = random() < 0.3 ? { id: randomUUID(), name: brands[0], classes: [25], status: pick(STATUSES) } : null;
  return {
    id,
    name,
    city,
    brands,
    categories,
    tags,
    channels,
    forms,
    story,
    at,
    audience,
    values,
    mark,
    instagram: `@${brands[0].toLowerCase()}.id`,
    tier: pick(TIERS),
    capacity: 50 * (1 + Math.floor(random() * 400)),
    leadTime: 3 + Math.floor(random() * 58),
  };
}

/** The index tokens of an organization's filter values and price tier, as PartnerProfilesService writes them. */
const facets = (o) => [...o.values, ['tier', o.tier]].map(([kind, value]) => facetToken(kind, value));

export async function seedSqlite(file) {
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  const sqliteDate = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
  const org = db.prepare(`INSERT INTO organizations (id, name, legal_form, scale, city, brands, categories, instagram, website,
    legal_name, address, nib, ktp, signatory_name, signatory_title, created_at, updated_at)
    VALUES (?, ?, 'cv', 'small', ?, ?, ?, ?, NULL, 'CV Rahasia', 'Jl. Rahasia 1', '9120001234567', NULL, 'Dewi', 'Direktur', ?, ?)`);
  const profile = db.prepare(`INSERT INTO partner_profiles (organization_id, listed, listed_at, price_tier, capacity_per_month,
    lead_time_days, story, audience, channels, tags, open_to_forms, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const value = db.prepare('INSERT INTO partner_profile_values (organization_id, kind, value) VALUES (?, ?, ?)');
  const doc = db.prepare(
    'INSERT INTO partner_search_docs (organization_id, name, brands, tags, story, facets, capacity) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const mark = db.prepare(`INSERT INTO ip_records (id, organization_id, kind, name, classes, status, owners, created_at, updated_at)
    VALUES (?, ?, 'mark', ?, ?, ?, '[]', ?, ?)`);
  const insert = db.transaction((rows) => {
    for (const o of rows) {
      const at = sqliteDate(o.at);
      org.run(o.id, o.name, o.city, JSON.stringify(o.brands), JSON.stringify(o.categories), o.instagram, at, at);
      profile.run(
        o.id,
        at,
        o.tier,
        o.capacity,
        o.leadTime,
        o.story,
        JSON.stringify(o.audience),
        JSON.stringify(o.channels),
        JSON.stringify(o.tags),
        JSON.stringify(o.forms),
        at,
        at,
      );
      for (const [kind, v] of o.values) value.run(o.id, kind, v);
      doc.run(o.id, o.name, o.brands.join(', '), o.tags.join(', '), o.story, facets(o).join(' '), o.capacity);
      if (o.mark) mark.run(o.mark.id, o.id, o.mark.name, JSON.stringify(o.mark.classes), o.mark.status, at, at);
    }
  });
  const now = Date.now();
  for (let i = 0; i < ORGS; i += BATCH) insert(Array.from({ length: Math.min(BATCH, ORGS - i) }, (_, j) => organization(i + j, now)));
  db.close();
}

export async function seedPostgres(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const many = async (sqlHead, rows, width, tail = '') => {
    if (rows.length === 0) return;
    const params = rows.flat();
    const tuples = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
    await client.query(`${sqlHead} VALUES ${tuples.join(', ')}${tail}`, params);
  };
  const now = Date.now();
  for (let i = 0; i < ORGS; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, ORGS - i) }, (_, j) => organization(i + j, now));
    await client.query('BEGIN');
    await many(
      `INSERT INTO organizations (id, name, legal_form, scale, city, brands, categories, instagram, website, legal_name, address, nib,
        ktp, signatory_name, signatory_title, created_at, updated_at)`,
      batch.map((o) => [
        o.id,
        o.name,
        'cv',
        'small',
        o.city,
        JSON.stringify(o.brands),
        JSON.stringify(o.categories),
        o.instagram,
        null,
        'CV Rahasia',
        'Jl. Rahasia 1',
        '9120001234567',
        null,
        'Dewi',
        'Direktur',
        o.at,
        o.at,
      ]),
      17,
    );
    await many(
      `INSERT INTO partner_profiles (organization_id, listed, listed_at, price_tier, capacity_per_month, lead_time_days, story, audience,
        channels, tags, open_to_forms, created_at, updated_at)`,
      batch.map((o) => [
        o.id,
        true,
        o.at,
        o.tier,
        o.capacity,
        o.leadTime,
        o.story,
        JSON.stringify(o.audience),
        JSON.stringify(o.channels),
        JSON.stringify(o.tags),
        JSON.stringify(o.forms),
        o.at,
        o.at,
      ]),
      13,
    );
    const values = batch.flatMap((o) => o.values.map(([kind, v]) => [o.id, kind, v]));
    for (let k = 0; k < values.length; k += 10_000) {
      await many('INSERT INTO partner_profile_values (organization_id, kind, value)', values.slice(k, k + 10_000), 3);
    }
    await client.query(
      `INSERT INTO partner_search (organization_id, document, facets, capacity, listed_at)
       SELECT id::uuid, setweight(to_tsvector('simple', name), 'A') || setweight(to_tsvector('simple', brands), 'A') ||
         setweight(to_tsvector('simple', tags), 'B') || setweight(to_tsvector('simple', story), 'D'),
         array_to_tsvector(string_to_array(facets, ' ')), capacity, listed_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::timestamp[])
         AS d(id, name, brands, tags, story, facets, capacity, listed_at)`,
      [
        batch.map((o) => o.id),
        batch.map((o) => o.name),
        batch.map((o) => o.brands.join(', ')),
        batch.map((o) => o.tags.join(', ')),
        batch.map((o) => o.story),
        batch.map((o) => facets(o).join(' ')),
        batch.map((o) => o.capacity),
        batch.map((o) => o.at),
      ],
    );
    const marks = batch.filter((o) => o.mark);
    await many(
      'INSERT INTO ip_records (id, organization_id, kind, name, classes, status, owners, created_at, updated_at)',
      marks.map((o) => [o.mark.id, o.id, 'mark', o.mark.name, JSON.stringify(o.mark.classes), o.mark.status, '[]', o.at, o.at]),
      9,
    );
    await client.query('COMMIT');
  }
  await client.query('ANALYZE'); // what autovacuum would do after a bulk load
  await client.end();
}
