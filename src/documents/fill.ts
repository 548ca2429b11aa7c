import type { Bilingual, Lang } from './bilingual.js';

const PLACEHOLDER = /\{(\w+)\}/g;

/** The names of the `{placeholders}` in a text, in order of appearance. */
export const placeholders = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);

/**
 * Fills `{name}` placeholders in one pass (a filled-in value is not scanned again). A placeholder without a value is
 * kept as written, so a later step may fill it (the invitation `{link}`), unless `missing` says otherwise (e.g. throws).
 */
export function fill(
  text: string,
  values: Readonly<Record<string, string>>,
  missing: (name: string) => string = (name) => `{${name}}`,
): string {
  return text.replace(PLACEHOLDER, (_, name: string) => (Object.hasOwn(values, name) ? values[name] : missing(name)));
}

/** Fills both languages; a bilingual value gives each language its own words. */
export function fillBoth(
  text: Bilingual,
  values: Readonly<Record<string, string | Bilingual>>,
  missing?: (name: string) => string,
): Bilingual {
  const one = (lang: Lang): string =>
    fill(text[lang], Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v : v[lang]])), missing);
  return { id: one('id'), en: one('en') };
}
