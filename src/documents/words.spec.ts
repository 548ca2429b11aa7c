import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { TEMPLATES_DIR } from '../common/paths.js';
import { wibDateTime } from './format.js';
import { readTemplate } from './templates.js';

// Every words file: templates/**/words.json, and the invitation's and the review report's words that predate the name.
const WORDS_FILES = [
  ...readdirSync(TEMPLATES_DIR, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('/words.json')),
  'invitations/invitation.json',
  'reviews/report.json',
].sort();

/** What is wrong in a words file: an entry (an object with `id` or `en`) lacking either, or, in words.json, text outside an entry. */
function problems(node: unknown, at: string, strict: boolean): string[] {
  if (typeof node === 'string') return strict && !at.endsWith('.note') ? [`${at}: text outside an {id, en} entry`] : [];
  if (!node || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  if ('id' in object || 'en' in object) {
    return (['id', 'en'] as const).flatMap((lang) =>
      typeof object[lang] === 'string' && (object[lang] as string).trim()
        ? []
        : [`${at}: no ${lang === 'id' ? 'Indonesian' : 'English'} text`],
    );
  }
  return Object.entries(object).flatMap(([key, value]) => problems(value, `${at}.${key}`, strict));
}

describe('words files', () => {
  it('are found', () => {
    expect(WORDS_FILES).toEqual(expect.arrayContaining(['agreements/words.json', 'checklists/words.json', 'reviews/words.json']));
  });

  it.each(WORDS_FILES)('%s has Indonesian and English text for every entry', (path) => {
    expect(problems(readTemplate(path), path, path.endsWith('words.json'))).toEqual([]);
  });

  it('catches an entry in one language only, and text outside an entry', () => {
    expect(problems({ note: 'fine', a: { id: 'ya', en: 'yes' }, b: { id: 'ya' }, c: { en: ' ' }, d: 'loose' }, 'x', true)).toEqual([
      'x.b: no English text',
      'x.c: no Indonesian text',
      'x.c: no English text',
      'x.d: text outside an {id, en} entry',
    ]);
  });
});

describe('wibDateTime', () => {
  it('prints a moment in Jakarta time, the day turning at 17.00 UTC', () => {
    expect(wibDateTime('2026-12-03T22:15:00.000Z', 'id')).toBe('4 Desember 2026 pukul 05.15 WIB');
    expect(wibDateTime('2026-12-03T22:15:00.000Z', 'en')).toBe('4 December 2026, 05:15 WIB');
    expect(wibDateTime('2026-12-31T16:59:00.000Z', 'id')).toBe('31 Desember 2026 pukul 23.59 WIB');
  });
});
