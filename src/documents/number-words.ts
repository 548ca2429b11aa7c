// Whole numbers in words, as Indonesian agreements write amounts beside their figures ("terbilang").
import type { Lang } from './bilingual.js';

const ID_UNITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];
const ID_SCALES: Array<[number, string]> = [
  [1e12, 'triliun'],
  [1e9, 'miliar'],
  [1e6, 'juta'],
  [1e3, 'ribu'],
];

/** Below 1,000, in Indonesian: "seratus", "sebelas", "dua puluh lima". */
function idBelowThousand(n: number): string {
  if (n < 12) return ID_UNITS[n];
  if (n < 20) return `${ID_UNITS[n - 10]} belas`;
  if (n < 100) return [`${ID_UNITS[Math.floor(n / 10)]} puluh`, n % 10 ? ID_UNITS[n % 10] : ''].filter(Boolean).join(' ');
  const hundreds = Math.floor(n / 100);
  const head = hundreds === 1 ? 'seratus' : `${ID_UNITS[hundreds]} ratus`;
  return n % 100 ? `${head} ${idBelowThousand(n % 100)}` : head;
}

/** Indonesian: 15000000 → "lima belas juta"; 1000 → "seribu" (only a thousand takes "se-"; a million is "satu juta"). */
export function terbilang(n: number): string {
  assertWhole(n);
  if (n < 1000) return idBelowThousand(n);
  const parts: string[] = [];
  let rest = n;
  for (const [scale, name] of ID_SCALES) {
    const count = Math.floor(rest / scale);
    rest %= scale;
    if (count === 0) continue;
    parts.push(scale === 1e3 && count === 1 ? 'seribu' : `${terbilang(count)} ${name}`);
  }
  if (rest > 0) parts.push(idBelowThousand(rest));
  return parts.join(' ');
}

const EN_UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_SCALES: Array<[number, string]> = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
  [1e3, 'thousand'],
];

function enBelowThousand(n: number): string {
  if (n < 20) return EN_UNITS[n];
  if (n < 100) return EN_TENS[Math.floor(n / 10)] + (n % 10 ? `-${EN_UNITS[n % 10]}` : '');
  const head = `${EN_UNITS[Math.floor(n / 100)]} hundred`;
  return n % 100 ? `${head} and ${enBelowThousand(n % 100)}` : head;
}

/** English (British usage in contracts): 15000000 → "fifteen million"; 1250 → "one thousand two hundred and fifty". */
export function inWords(n: number): string {
  assertWhole(n);
  if (n < 1000) return enBelowThousand(n);
  const parts: string[] = [];
  let rest = n;
  for (const [scale, name] of EN_SCALES) {
    const count = Math.floor(rest / scale);
    rest %= scale;
    if (count > 0) parts.push(`${inWords(count)} ${name}`);
  }
  if (rest > 0) parts.push(rest < 100 ? `and ${enBelowThousand(rest)}` : enBelowThousand(rest));
  return parts.join(' ');
}

export const numberWords = (n: number, lang: Lang): string => (lang === 'id' ? terbilang(n) : inWords(n));

// Terms are whole numbers up to 10^15 (src/common/limits.ts); anything else here is a programming error.
function assertWhole(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e15) throw new RangeError(`no words for ${n}: whole numbers 0 to 10^15 only`);
}
