import type { Bilingual, Lang } from '../documents/bilingual.js';
import { fill } from '../documents/fill.js';
import { date, list, number, rupiahIn, weekday, yesno } from '../documents/format.js';
import { numberWords } from '../documents/number-words.js';
import type { TableNode } from '../documents/pdf-layout.js';
import { readTemplate } from '../documents/templates.js';
import type { Block, ClauseTemplate, Segment } from './template-language.js';

const WORDS = readTemplate<{ jointly: Bilingual; rupiah: Bilingual; percent: Bilingual; clause: Bilingual }>('agreements/words.json');

/** What a template is merged with: every value is data, printed as text. */
export interface PartyData {
  name: string;
  legalName: string;
  legalForm: string;
  address: string;
  nib: string | null;
  ktp: string | null;
  signatory: { name: string; title: string };
  /**
   * How the parties clause names it: `individual`, `ud`, `cv`, `pt` for an Indonesian party, `foreign` for a foreign
   * business and `foreign_individual` for a foreign person. Absent in versions made before issue 14.
   */
  kind?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  /** Where it is domiciled (berkedudukan di): its city. */
  domicile?: string;
  npwp?: string | null;
  deed?: { number: string; date: string; notary: string } | null;
  skAhu?: string | null;
  /** The owner of a UD, who is the party (a UD is not a legal entity). */
  owner?: { name: string; nik: string | null } | null;
  /** Who the party legally is: its legal name, or for a UD "owner (UD name)". */
  partyName?: string;
}
export interface AgreementData {
  agreement: { number: string; version: number; date: string; place: string };
  parties: { initiator: PartyData; partner: PartyData };
  terms: Record<string, unknown>;
}

/**
 * Text the parties typed, after its paragraph: in each column when given in both languages, else printed once across
 * both columns and marked with the languages it is in.
 */
export type FreeTextNode = { kind: 'columns'; text: Bilingual } | { kind: 'once'; text: string; langs: Lang[] };

export interface ParagraphNode {
  number: string;
  text: Bilingual;
  items: Array<{ label: string; text: Bilingual }>;
  /** Absent in versions generated before free text was printed once. */
  texts?: FreeTextNode[];
  tables: TableNode[];
}
export interface ClauseNode {
  /** Empty for an unnumbered clause (the parties, the recitals). */
  number: string;
  heading: Bilingual;
  paragraphs: ParagraphNode[];
}
export interface AgreementDocument {
  title: Bilingual;
  number: string;
  version: number;
  template: string;
  contentHash: string;
  clauses: ClauseNode[];
  parties: PartyData[];
  /** Creation date of the PDF: the version's timestamp, so the same version always gives the same bytes. */
  createdAt: Date;
  /** The public page of this version (`$PUBLIC_URL/v/<contentHash>`), as a QR code on every page; absent in older versions. */
  verifyUrl?: string;
}

/** What coded values print as (templates/agreements/labels.json): field → value → text per language. */
export type Labels = Record<string, Record<string, { id: string; en: string }>>;

/** A signatory's title in each language, when labels.json knows it (Direktur → Director); as typed in both otherwise. */
export function signatoryTitle(title: string, labels: Labels): Bilingual {
  const known = Object.entries(labels.signatoryTitles ?? {}).find(([k]) => k.toLowerCase() === title.trim().toLowerCase());
  return known ? known[1] : { id: title, en: title };
}

const regionNames = { id: new Intl.DisplayNames(['id'], { type: 'region' }), en: new Intl.DisplayNames(['en'], { type: 'region' }) };

/** A country by its ISO code, as a sentence names it: from `countries` in labels.json ("the Netherlands"), else Unicode's name. */
function countryName(code: string, lang: Lang, labels: Labels): string {
  return labels.countries?.[code]?.[lang] ?? regionNames[lang].of(code) ?? code;
}

/** Each clause of the form by its manifest name: its number once numbered (absent when its conditions dropped it), and its heading. */
type ClauseRefs = Map<string, { number: string | null; heading: Bilingual }>;
type Scope = { data: AgreementData; item: unknown; labels: Labels; refs: ClauseRefs };

/** "Pasal 7" / "Clause 7"; a clause its conditions dropped is named by its heading, since it has no number. */
function clauseRef(name: string, lang: Lang, scope: Scope): string {
  const ref = scope.refs.get(name);
  if (!ref) return name;
  return ref.number ? fill(WORDS.clause[lang], { number: ref.number }) : ref.heading[lang];
}

const LANGS: Lang[] = ['id', 'en'];

/** A free-text value per language: a plain string is in the agreement's governing language. */
function perLanguage(value: unknown, governing: Lang): Bilingual {
  if (typeof value === 'string') return governing === 'en' ? { id: '', en: value.trim() } : { id: value.trim(), en: '' };
  const v = (value ?? {}) as Partial<Bilingual>;
  return { id: (v.id ?? '').trim(), en: (v.en ?? '').trim() };
}

/** A free-text value (or a list of them) as a node: in columns when every value has both languages, else once. */
function freeText(value: unknown, governing: Lang): FreeTextNode | null {
  const values = (Array.isArray(value) ? value : [value])
    .filter((v) => v !== undefined && v !== null)
    .map((v) => perLanguage(v, governing))
    .filter((v) => v.id || v.en);
  if (values.length === 0) return null;
  const flat = (text: string): string => text.replace(/\s+/g, ' ');
  if (values.every((v) => v.id && v.en))
    return {
      kind: 'columns',
      text: {
        id: flat(
          list(
            values.map((v) => v.id),
            'id',
          ),
        ),
        en: flat(
          list(
            values.map((v) => v.en),
            'en',
          ),
        ),
      },
    };
  return {
    kind: 'once',
    text: flat(values.map((v) => (v.id && v.en ? `${v.id} / ${v.en}` : v.id || v.en)).join('; ')),
    langs: LANGS.filter((l) => values.some((v) => v[l] && !(v.id && v.en))),
  };
}

/** A value that may be free text ({id, en}) as plain text in `lang`, or in the other language when it has none in `lang`. */
const plain = (value: unknown, lang: Lang): string => {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Partial<Bilingual>;
    return (v[lang] || v[lang === 'id' ? 'en' : 'id'] || '').trim();
  }
  return String(value);
};

function lookup(path: string, scope: Scope): unknown {
  // agreement.*, parties.* and terms.* are absolute; anything else is a field of the current {{#each}} item.
  const keys = path.split('.');
  let value: unknown = ['agreement', 'parties', 'terms'].includes(keys[0]) ? scope.data : scope.item;
  for (const key of keys) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/**
 * A value as text. In a clause's text, amounts, percentages and bare counts (days, months, years) carry their words
 * after the figures, as the clause on figures and words expects; a table cell keeps the figures alone.
 */
function show(value: unknown, helper: string | null, lang: Lang, scope: Scope, path = '', inTable = false): string {
  if (value === undefined || value === null) return '';
  const spelled = (figures: string, n: number, unit: Bilingual | null = null): string =>
    inTable || !Number.isSafeInteger(n) || n < 0
      ? figures
      : `${figures} (${[numberWords(n, lang), unit?.[lang]].filter(Boolean).join(' ')})`;
  switch (helper) {
    case 'rupiah':
      return spelled(rupiahIn(Number(value), lang), Number(value), WORDS.rupiah);
    case 'date':
      return date(String(value), lang);
    case 'weekday':
      return weekday(String(value), lang);
    case 'percent':
      return spelled(`${number(Number(value), lang)}%`, Number(value), WORDS.percent);
    case 'number':
      return number(Number(value), lang);
    case 'yesno':
      return yesno(Boolean(value), lang);
    case 'list':
      return list(
        (value as unknown[]).map((v) => plain(v, lang)),
        lang,
      );
    case 'labels': {
      // A label may name a clause by number: "{{clause common/confidentiality}}".
      const table = scope.labels[path.split('.').at(-1) ?? ''] ?? {};
      return list(
        (value as unknown[]).map((v) =>
          (table[String(v)]?.[lang] ?? String(v)).replace(/\{\{clause ([a-z0-9_/-]+)\}\}/g, (_, name: string) =>
            clauseRef(name, lang, scope),
          ),
        ),
        lang,
      );
    }
    case 'title':
      return signatoryTitle(String(value), scope.labels)[lang];
    case 'country':
      return countryName(String(value), lang, scope.labels);
    case 'party':
      if (value === 'joint') return WORDS.jointly[lang];
      // A UD is not a legal entity: its owner is the party (a licence naming the UD would fail DJKI recording).
      return (
        scope.data.parties[value as 'initiator' | 'partner']?.partyName ??
        scope.data.parties[value as 'initiator' | 'partner']?.legalName ??
        String(value)
      );
  }
  if (typeof value === 'boolean') return yesno(value, lang);
  if (typeof value === 'number') return spelled(number(value, lang), value);
  if (Array.isArray(value))
    return list(
      value.map((v) => plain(v, lang)),
      lang,
    );
  return plain(value, lang);
}

const render = (segments: Segment[], lang: Lang, scope: Scope): string =>
  segments
    .map((s) =>
      'text' in s ? s.text : 'clause' in s ? clauseRef(s.clause, lang, scope) : show(lookup(s.path, scope), s.helper, lang, scope, s.path),
    )
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

const truthy = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));

/** A paragraph's number: 2.1, 2.2, …; none in an unnumbered clause. */
const paragraphNumber = (number: string, index: number): string => (number ? `${number}.${index}` : '');

/** Merges data into a clause tree. Values become text of existing nodes: they cannot add nodes. */
function evaluate(blocks: Block[], scope: Scope, clause: ParagraphNode[], number: string): void {
  const last = (): ParagraphNode => {
    if (clause.length === 0)
      clause.push({ number: paragraphNumber(number, 1), text: { id: '', en: '' }, items: [], texts: [], tables: [] });
    return clause[clause.length - 1];
  };
  for (const block of blocks) {
    switch (block.kind) {
      case 'para':
        clause.push({
          number: paragraphNumber(number, clause.length + 1),
          text: { id: render(block.text.id, 'id', scope), en: render(block.text.en, 'en', scope) },
          items: [],
          texts: [],
          tables: [],
        });
        break;
      case 'item': {
        const items = last().items;
        items.push({
          label: `(${String.fromCharCode(97 + (items.length % 26))})`,
          text: { id: render(block.text.id, 'id', scope), en: render(block.text.en, 'en', scope) },
        });
        break;
      }
      case 'if': {
        const value = lookup(block.path, scope);
        const holds = block.equals === null ? truthy(value) : String(value) === block.equals;
        if (holds !== block.negate) evaluate(block.blocks, scope, clause, number);
        break;
      }
      case 'text': {
        const node = freeText(lookup(block.path, scope), scope.data.terms.governingLanguage === 'en' ? 'en' : 'id');
        if (node) (last().texts ??= []).push(node);
        break;
      }
      case 'each':
        for (const item of (lookup(block.path, scope) as unknown[] | undefined) ?? [])
          evaluate(block.blocks, { ...scope, item }, clause, number);
        break;
      case 'table': {
        const rows = ((lookup(block.path, scope) as unknown[] | undefined) ?? []).map((item) =>
          block.columns.map((c) => ({
            id: show((item as Record<string, unknown>)[c.field], c.helper, 'id', { ...scope, item }, c.field, true),
            en: show((item as Record<string, unknown>)[c.field], c.helper, 'en', { ...scope, item }, c.field, true),
          })),
        );
        last().tables.push({ headings: block.columns.map((c) => c.heading), rows });
        break;
      }
    }
  }
}

/**
 * The document tree of an agreement: clauses numbered 1, 2, … (those marked `numbered: false`, the parties and the
 * recitals, are not numbered and do not count), with clauses left empty by their conditions dropped.
 */
export function buildClauses(clauses: ClauseTemplate[], data: AgreementData, labels: Labels = {}): ClauseNode[] {
  // Twice: the first pass numbers the clauses that remain, the second writes references to them by those numbers.
  const refs: ClauseRefs = new Map(clauses.map((c) => [c.name, { number: null, heading: c.heading }]));
  const pass = (): ClauseNode[] => {
    const out: ClauseNode[] = [];
    let numbered = 0;
    for (const clause of clauses) {
      const paragraphs: ParagraphNode[] = [];
      const number = clause.numbered ? String(numbered + 1) : '';
      evaluate(clause.blocks, { data, item: undefined, labels, refs }, paragraphs, number);
      if (paragraphs.length === 0) continue;
      if (clause.numbered) numbered += 1;
      out.push({ number, heading: clause.heading, paragraphs });
    }
    return out;
  };
  const first = pass();
  const byHeading = new Map(first.map((c) => [c.heading, c.number || null]));
  for (const [name, ref] of refs) refs.set(name, { ...ref, number: byHeading.get(ref.heading) ?? null });
  return pass();
}
