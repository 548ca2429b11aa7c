// What the benches send: a collaboration's proposal and complete co-branding terms (as test/support/lifecycle.ts), and
// varied text from a small deterministic PRNG, so neither a diff nor the database sees one repeated string.

export const VISION = {
  statement: 'Reach Surabaya with a batik capsule',
  goals: ['new_market', 'brand_awareness'],
  objectives: ['Sell 300 units'],
};
export const REQUIREMENTS = [
  { criterion: 'capability_fit', weight: 60, minimum: 3 },
  { criterion: 'brand_image_fit', weight: 40 },
];
export const TERMS = {
  startDate: '2027-01-01',
  endDate: '2027-03-31',
  territory: 'Indonesia',
  exclusivity: false,
  disputeResolution: 'small_claims',
  districtCourt: 'Bandung',
  confidentialityYears: 2,
  products: [{ name: 'Batik overshirt', sku: 'LK-BK-01', units: 300 }],
  revenueSplit: { initiator: 60, partner: 40 },
  costSplit: { initiator: 50, partner: 50 },
  designOwnership: 'joint',
  sellOffDays: 90,
};

let seed = 0x2545f491;
export const random = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const WORDS =
  'batik tenun kain motif pesisir sumba katun indigo kemeja outer selendang tas dompet sepatu kebaya songket lurik ecoprint koleksi edisi terbatas warna alami jahit tangan premium anak wanita pria tropis'.split(
    ' ',
  );
const word = () => WORDS[Math.floor(random() * WORDS.length)];
/** Words up to `length` characters; `numbered` appends a number to each, so few words repeat (a diff finds little equal). */
export const words = (length, { numbered = false } = {}) => {
  let s = word();
  while (s.length < length) s += ` ${word()}${numbered ? Math.floor(random() * 1000) : ''}`;
  return s.slice(0, length).trim();
};
