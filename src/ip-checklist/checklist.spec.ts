import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { TEMPLATES_DIR } from '../common/paths.js';
import {
  type BuiltItem,
  buildChecklist,
  type ChecklistData,
  type ChecklistInput,
  type ChecklistParty,
  type MarkRecord,
} from './checklist.js';

const json = (path: string) => JSON.parse(readFileSync(`${TEMPLATES_DIR}/${path}`, 'utf8'));
// The real data files: the words and fees a founder sees.
const DATA: ChecklistData = {
  items: json('checklists/items.json').items,
  ...json('ip/fees.json'),
  deadlineRules: json('ip/deadline-rules.json').rules,
};

const mark = (name: string, fields: Partial<MarkRecord> = {}): MarkRecord => ({
  id: `rec-${name}`,
  name,
  classes: [25],
  status: 'none',
  ...fields,
});
const party = (side: 'initiator' | 'partner', fields: Partial<ChecklistParty> = {}): ChecklistParty => ({
  organizationId: `org-${side}`,
  side,
  name: side === 'initiator' ? 'Lookout' : 'Batik Kita',
  brands: [side === 'initiator' ? 'Lookout' : 'Batik Kita'],
  scale: 'micro',
  marks: [],
  ...fields,
});
const build = (input: Partial<ChecklistInput>): BuiltItem[] =>
  buildChecklist({ form: 'co_branding', terms: {}, parties: [party('initiator'), party('partner')], today: '2026-11-28', ...input }, DATA);
const byKey = (items: BuiltItem[], key: string): BuiltItem[] => items.filter((i) => i.key === key);
const one = (items: BuiltItem[], key: string): BuiltItem => {
  const found = byKey(items, key);
  expect(found).toHaveLength(1);
  return found[0];
};

const LICENSED = { name: 'Lookout', registrationNumber: 'IDM000123456', classes: [25, 18] };
const licensing = (record?: Partial<MarkRecord>): BuiltItem[] =>
  build({
    form: 'licensing',
    terms: { licensor: 'initiator', marks: [LICENSED], startDate: '2027-01-01' },
    parties: [
      party('initiator', { marks: record ? [mark('Lookout', { registrationNumber: 'IDM000123456', ...record })] : [] }),
      party('partner'),
    ],
  });

describe('IP checklist generation', () => {
  describe('licensing', () => {
    it('holds the launch on the licensor mark when there is no record of it', () => {
      const item = one(licensing(), 'licensed-mark-registered');
      expect(item).toMatchObject({ launchBlocking: true, status: 'todo', responsible: { organizationId: 'org-initiator' } });
      expect(item.title.en).toBe('Licensed mark "Lookout" (IDM000123456) registered to the licensor and not lapsed');
    });

    it('shows an application still at DJKI as in progress, still blocking', () => {
      expect(one(licensing({ status: 'examination', filingDate: '2026-03-01' }), 'licensed-mark-registered')).toMatchObject({
        status: 'inProgress',
        launchBlocking: true,
      });
    });

    it('counts a registered mark within its term as done, with the record as evidence', () => {
      const item = one(licensing({ status: 'registered', filingDate: '2020-01-15' }), 'licensed-mark-registered');
      expect(item.status).toBe('done');
      expect(item.evidence).toMatchObject({ source: 'ipRecord', recordId: 'rec-Lookout', registrationNumber: 'IDM000123456' });
      expect(item.record).toEqual({ kind: 'mark', id: 'rec-Lookout' });
    });

    it('reopens a registered mark past its expiry: renew by the end of the grace period', () => {
      // Filed 2016-08-01: expires 2026-08-01, grace to 2027-02-01; today is 2026-11-28.
      const item = one(licensing({ status: 'registered', filingDate: '2016-08-01' }), 'licensed-mark-registered');
      expect(item).toMatchObject({ status: 'todo', due: '2027-02-01' });
    });

    it('is lapsed beyond the grace period: no due date left to meet', () => {
      const item = one(licensing({ status: 'lapsed', filingDate: '2015-01-01' }), 'licensed-mark-registered');
      expect(item).toMatchObject({ status: 'todo', due: null });
    });

    it('counts a mark still registered past its first term as renewed (expiry repeats after each renewal)', () => {
      // Filed 2012-03-01: first term to 2022-03-01, grace to 2022-09-01; still registered in 2026, so renewed to 2032.
      const item = one(licensing({ status: 'registered', filingDate: '2012-03-01' }), 'licensed-mark-registered');
      expect(item).toMatchObject({ status: 'done', launchBlocking: true });
    });

    it('asks for the licence to be recorded, Rp1,000,000 per registration number whatever the scale', () => {
      const item = one(licensing(), 'licence-recordal');
      expect(item.launchBlocking).toBe(false);
      expect(item.fee).toMatchObject({ amount: 1_000_000, quantity: 1, rate: 'flat', toBeConfirmed: true });
      expect(item.fee!.table.basis).toMatch(/PP 28\/2019/);
    });

    it('uses the licensed marks, not the licensee brand', () => {
      const items = licensing();
      expect(byKey(items, 'pdki-search').map((i) => i.title.en)).toEqual(['PDKI search for the mark "Lookout"']);
      expect(byKey(items, 'mark-filed')).toHaveLength(0);
    });

    it('takes the licensor from the terms', () => {
      const items = build({
        form: 'licensing',
        terms: { licensor: 'partner', marks: [{ name: 'Batik Kita', registrationNumber: 'IDM0009', classes: [25] }] },
      });
      expect(one(items, 'licensed-mark-registered').responsible).toEqual({ organizationId: 'org-partner', name: 'Batik Kita' });
    });
  });

  describe('co-branding', () => {
    const terms = { startDate: '2027-01-01', designOwnership: 'joint' };

    it('asks whether there is a joint mark when the terms name none', () => {
      const items = build({ terms });
      expect(one(items, 'joint-mark-decision').launchBlocking).toBe(false);
      expect(byKey(items, 'joint-mark-filed')).toHaveLength(0);
    });

    it('holds the launch until a named joint mark is searched and filed', () => {
      const items = build({ terms: { ...terms, jointMark: { name: 'Lookout x Batik', registrant: 'joint' } } });
      const filed = one(items, 'joint-mark-filed');
      expect(filed).toMatchObject({ launchBlocking: true, status: 'todo', id: 'joint-mark-filed:lookout-x-batik' });
      expect(filed.title.id).toBe('Merek kolaborasi "Lookout x Batik" diajukan oleh Lookout & Batik Kita');
      expect(items.find((i) => i.id === 'pdki-search:joint:lookout-x-batik')?.launchBlocking).toBe(true);
      expect(byKey(items, 'joint-mark-decision')).toHaveLength(0);
    });

    it('charges a joint application the general rate unless every applicant is micro or small', () => {
      const jointMark = { name: 'LXB', registrant: 'joint' };
      expect(one(build({ terms: { ...terms, jointMark } }), 'joint-mark-filed').fee!.amount).toBe(500_000);
      const mixed = build({ terms: { ...terms, jointMark }, parties: [party('initiator'), party('partner', { scale: 'medium' })] });
      expect(one(mixed, 'joint-mark-filed').fee!.amount).toBe(1_800_000);
    });

    it('counts the design-ownership clause of the agreement, and asks for the designs to be filed before launch', () => {
      const items = build({ terms });
      expect(one(items, 'design-ownership')).toMatchObject({ status: 'done', evidence: { term: 'designOwnership', value: 'joint' } });
      expect(one(items, 'design-filing')).toMatchObject({ due: '2027-01-01', launchBlocking: false });
    });

    it('lists both parties brands, with a mark already filed counted as done', () => {
      const items = build({
        terms,
        parties: [party('initiator', { marks: [mark('Lookout', { status: 'filed', applicationNumber: 'DID2026001' })] }), party('partner')],
      });
      expect(byKey(items, 'mark-filed').map((i) => [i.id, i.status])).toEqual([
        ['mark-filed:initiator:lookout', 'done'],
        ['mark-filed:partner:batik-kita', 'todo'],
      ]);
      expect(items.find((i) => i.id === 'mark-filed:initiator:lookout')!.evidence).toMatchObject({ applicationNumber: 'DID2026001' });
    });

    it('recommends copyright recordal as optional', () => {
      expect(one(build({ terms }), 'copyright-recordal')).toMatchObject({ launchBlocking: false, fee: { amount: 200_000 } });
    });
  });

  describe('fees by scale', () => {
    it('estimates a filing per class at the UMK rate for a micro party and the general rate for a medium one', () => {
      const items = build({
        terms: {},
        parties: [party('initiator', { marks: [mark('Lookout', { classes: [25, 18, 14] })] }), party('partner', { scale: 'medium' })],
      });
      const [mine, theirs] = byKey(items, 'mark-filed');
      expect(mine.fee).toMatchObject({ amount: 1_500_000, quantity: 3, rate: 'umk', per: { en: 'class' } });
      expect(theirs.fee).toMatchObject({ amount: 1_800_000, quantity: 1, rate: 'general' });
      // The DJKI tariffs may have changed under PP 45/2024: shown as to be confirmed, with the table's basis.
      expect(mine.fee!.toBeConfirmed).toBe(true);
      expect(mine.fee!.table.caveat?.en).toMatch(/PP 45\/2024/);
    });

    it('asks micro and small parties with something to file for the UMK documents, and nobody else', () => {
      const items = build({ parties: [party('initiator'), party('partner', { scale: 'medium' })] });
      expect(byKey(items, 'umk-documents').map((i) => i.id)).toEqual(['umk-documents:initiator']);
      const allFiled = build({
        parties: [party('initiator', { marks: [mark('Lookout', { status: 'registered' })] }), party('partner', { scale: 'medium' })],
      });
      expect(byKey(allFiled, 'umk-documents')).toHaveLength(0);
    });

    it('puts a meterai on each party copy at Rp10,000, effective 1 January 2021', () => {
      const meterai = byKey(build({}), 'meterai');
      expect(meterai.map((i) => i.responsible!.organizationId)).toEqual(['org-initiator', 'org-partner']);
      expect(meterai[0].fee).toMatchObject({ amount: 10_000, toBeConfirmed: false, table: { effectiveDate: '2021-01-01' } });
    });
  });

  describe('whose brand', () => {
    it('consignment: the consignor brand only', () => {
      const items = build({ form: 'consignment', terms: { consignor: 'partner' } });
      expect(byKey(items, 'mark-filed').map((i) => i.id)).toEqual(['mark-filed:partner:batik-kita']);
      expect(byKey(items, 'design-filing')).toHaveLength(0);
    });

    it('distribution: the brand being distributed, not the distributor', () => {
      const items = build({ form: 'distribution', terms: { distributor: 'partner' } });
      expect(byKey(items, 'mark-filed').map((i) => i.id)).toEqual(['mark-filed:initiator:lookout']);
    });

    it('an NDA only needs its stamps', () => {
      expect(build({ form: 'nda', terms: {} }).map((i) => i.key)).toEqual(['meterai', 'meterai']);
    });

    it('uses the organization name when it lists no brands', () => {
      const items = build({ parties: [party('initiator', { brands: [], name: 'CV Lookout' }), party('partner')] });
      expect(byKey(items, 'mark-filed')[0].title.en).toBe('CV Lookout\'s mark "CV Lookout" filed or registered');
    });
  });

  it('gives every item a unique id an event can carry (at most 64 characters), with both languages and a legal basis', () => {
    const long = 'A very long brand name that goes on and on and on Batik Nusantara Collection';
    for (const form of ['co_branding', 'licensing', 'joint_venture', 'endorsement'] as const) {
      const items = build({
        form,
        terms: { licensor: 'initiator', endorser: 'partner', marks: [LICENSED], jointMark: { name: long, registrant: 'initiator' } },
        parties: [party('initiator', { brands: [long, long] }), party('partner')],
      });
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      for (const item of items) {
        expect(item.id.length).toBeLessThanOrEqual(64);
        expect(item.title.id && item.title.en && item.explanation.id && item.explanation.en && item.legalBasis).toBeTruthy();
        expect(item.title.en).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
