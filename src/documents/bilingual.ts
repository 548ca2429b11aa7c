// Kolabora writes for Indonesian and English readers: text comes in both languages, documents in one or both.

/** A text (or anything else) in Indonesian and in English. */
export interface Bilingual<T = string> {
  id: T;
  en: T;
}

export type Lang = keyof Bilingual;

/** What a document is laid out in: one language, or both side by side. */
export type LayoutLanguage = Lang | 'bilingual';

/** One language, or both joined with " / " (once, when they read the same): how cells, headings and calendars show text. */
export const inLang = (text: Bilingual, lang: LayoutLanguage): string =>
  lang === 'bilingual' ? (text.id === text.en ? text.id : `${text.id} / ${text.en}`) : text[lang];
