// How values print in a document, in each language: rupiah the Indonesian way (Rp1.500.000), dates in words.
import type { Bilingual, Lang } from './bilingual.js';

const MONTHS: Bilingual<string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const grouped = (n: number, separator: string): string => String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, separator);

export const rupiah = (n: number): string => `Rp${grouped(n, '.')}`;

/** Rupiah in each language's own figures: Rp15.000.000 / IDR 15,000,000. */
export const rupiahIn = (n: number, lang: Lang): string => (lang === 'id' ? rupiah(n) : `IDR ${grouped(n, ',')}`);

export function number(n: number, lang: Lang): string {
  const [whole, fraction] = String(n).split('.');
  return grouped(Number(whole), lang === 'id' ? '.' : ',') + (fraction ? (lang === 'id' ? ',' : '.') + fraction : '');
}

export function date(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[lang][m - 1]} ${y}`;
}

export function list(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'id' ? 'dan' : 'and'} ${items[items.length - 1]}`;
}

export const yesno = (value: boolean, lang: Lang): string => (value ? (lang === 'id' ? 'ya' : 'yes') : lang === 'id' ? 'tidak' : 'no');
