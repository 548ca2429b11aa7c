// How values print in a document, in each language: rupiah the Indonesian way (Rp1.500.000), dates in words.
import { JAKARTA_OFFSET_MS } from '../common/clock.js';
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

const WEEKDAYS: Bilingual<string[]> = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** The day of the week of a calendar date (YYYY-MM-DD): Jumat / Friday. */
export const weekday = (iso: string, lang: Lang): string => WEEKDAYS[lang][new Date(`${iso}T00:00:00Z`).getUTCDay()];

export function list(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'id' ? 'dan' : 'and'} ${items[items.length - 1]}`;
}

export const yesno = (value: boolean, lang: Lang): string => (value ? (lang === 'id' ? 'ya' : 'yes') : lang === 'id' ? 'tidak' : 'no');

/** A moment in Jakarta time: 4 Desember 2026 pukul 05.15 WIB / 4 December 2026, 05:15 WIB. */
export function wibDateTime(iso: string, lang: Lang): string {
  const local = new Date(Date.parse(iso) + JAKARTA_OFFSET_MS).toISOString();
  const [hours, minutes] = [local.slice(11, 13), local.slice(14, 16)];
  return lang === 'id'
    ? `${date(local.slice(0, 10), 'id')} pukul ${hours}.${minutes} WIB`
    : `${date(local.slice(0, 10), 'en')}, ${hours}:${minutes} WIB`;
}
