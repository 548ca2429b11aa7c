// Builds a collaboration's IP checklist from its form, its parties, their IP records and the accepted terms.
// Pure: the words, legal bases and fees come in as data (templates/checklists/items.json, templates/ip/fees.json).
import type { ChecklistItemSeed, ChecklistStatus, Form } from '../../workflows/collaboration/index.js';
import type { Bilingual } from '../documents/bilingual.js';
import { fillBoth } from '../documents/fill.js';
import { computeDeadlines, type DeadlineRule, type FactMark, type IpRecordDates } from './deadlines.js';

type Side = 'initiator' | 'partner';
type Scale = 'micro' | 'small' | 'medium';

export interface ItemDefinition {
  category: string;
  title: Bilingual;
  explanation: Bilingual;
  legalBasis: string;
  mark: FactMark;
  launchBlocking: boolean;
  fee?: string;
}
export interface FeeTable {
  title: Bilingual;
  basis: string;
  effectiveDate: string | null;
  effectiveNote?: Bilingual;
  caveat?: Bilingual;
  mark: FactMark;
}
export interface FeeDefinition {
  table: string;
  umk?: number;
  general?: number;
  flat?: number;
  per: Bilingual;
}
export interface ChecklistData {
  items: Record<string, ItemDefinition>;
  fees: Record<string, FeeDefinition>;
  tables: Record<string, FeeTable>;
  deadlineRules: DeadlineRule[];
}

export interface MarkRecord extends IpRecordDates {
  id: string;
  name: string;
  classes: number[];
  status: string;
  applicationNumber?: string | null;
  registrationNumber?: string | null;
}
export interface ChecklistParty {
  organizationId: string;
  side: Side;
  name: string;
  brands: string[];
  scale: Scale;
  marks: MarkRecord[];
}
export interface ChecklistInput {
  form: Form;
  terms: Record<string, unknown>;
  parties: ChecklistParty[];
  /** YYYY-MM-DD in Jakarta: the day the checklist is built. */
  today: string;
}

export interface FeeEstimate {
  amount: number;
  currency: 'IDR';
  quantity: number;
  per: Bilingual;
  rate: 'umk' | 'general' | 'flat';
  table: FeeTable;
  toBeConfirmed: boolean;
}
export interface BuiltItem extends ChecklistItemSeed {
  key: string;
  explanation: Bilingual;
  legalBasis: string;
  mark: FactMark;
  toBeConfirmed: boolean;
  status: ChecklistStatus;
  evidence: Record<string, unknown> | null;
  responsible: { organizationId: string; name: string } | null;
  due: string | null;
  fee: FeeEstimate | null;
  /** The IP record the item is about, when there is one: its current status and deadlines are shown with it. */
  record: { kind: 'mark'; id: string } | null;
}

// From these statuses on, an application exists at DJKI.
const FILED = ['filed', 'published', 'opposed', 'examination', 'registered'];
const MARK_FORMS: Partial<Record<Form, 'both' | { term: string; owner: 'named' | 'other' }>> = {
  co_branding: 'both',
  joint_venture: 'both',
  licensing: { term: 'licensor', owner: 'named' },
  consignment: { term: 'consignor', owner: 'named' },
  distribution: { term: 'distributor', owner: 'other' }, // the brand being distributed is the supplier's
  endorsement: { term: 'endorser', owner: 'other' }, // the brand being endorsed
};
const DESIGN_FORMS: Form[] = ['co_branding', 'joint_venture'];
const COPYRIGHT_FORMS: Form[] = ['co_branding', 'joint_venture', 'endorsement'];

const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 28) || 'mark';
const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
const isUmk = (scale: Scale): boolean => scale === 'micro' || scale === 'small';

/** Every item the collaboration needs, in the order a founder works through them. */
export function buildChecklist(input: ChecklistInput, data: ChecklistData): BuiltItem[] {
  const items: BuiltItem[] = [];
  const ids = new Set<string>();
  const party = (side: Side): ChecklistParty | undefined => input.parties.find((p) => p.side === side);
  const other = (side: Side): Side => (side === 'initiator' ? 'partner' : 'initiator');

  const fee = (key: string | undefined, scale: Scale | null, quantity: number): FeeEstimate | null => {
    const definition = key ? data.fees[key] : undefined;
    if (!definition) return null;
    const table = data.tables[definition.table];
    const rate = definition.flat !== undefined ? 'flat' : scale && isUmk(scale) ? 'umk' : 'general';
    const unit = rate === 'flat' ? definition.flat! : rate === 'umk' ? definition.umk! : definition.general!;
    const count = Math.max(1, quantity);
    return { amount: unit * count, currency: 'IDR', quantity: count, per: definition.per, rate, table, toBeConfirmed: table.mark === 'U' };
  };

  const add = (
    key: string,
    suffix: string,
    options: {
      values?: Record<string, string>;
      owner?: ChecklistParty | null;
      status?: ChecklistStatus;
      evidence?: Record<string, unknown> | null;
      due?: string | null;
      quantity?: number;
      scale?: Scale | null;
      record?: MarkRecord | null;
    } = {},
  ): void => {
    const definition = data.items[key];
    let id = suffix ? `${key}:${suffix}` : key;
    for (let n = 2; ids.has(id); n++) id = `${key}:${suffix}-${n}`;
    ids.add(id);
    const values = { party: options.owner?.name ?? '', ...options.values };
    items.push({
      id,
      key,
      category: definition.category,
      title: fillBoth(definition.title, values),
      explanation: definition.explanation,
      legalBasis: definition.legalBasis,
      mark: definition.mark,
      toBeConfirmed: definition.mark === 'U',
      launchBlocking: definition.launchBlocking,
      status: options.status ?? 'todo',
      evidence: options.evidence ?? null,
      responsible: options.owner ? { organizationId: options.owner.organizationId, name: options.owner.name } : null,
      due: options.due ?? null,
      fee: fee(definition.fee, options.scale ?? options.owner?.scale ?? null, options.quantity ?? 1),
      record: options.record ? { kind: 'mark', id: options.record.id } : null,
    });
  };
  const fromRecord = (record: MarkRecord): Record<string, unknown> => ({
    source: 'ipRecord',
    recordId: record.id,
    status: record.status,
    ...(record.applicationNumber ? { applicationNumber: record.applicationNumber } : {}),
    ...(record.registrationNumber ? { registrationNumber: record.registrationNumber } : {}),
  });
  // A registered mark needs no fresh search before a collaboration; anything else does.
  const searchStatus = (record: MarkRecord | undefined): ChecklistStatus => (record?.status === 'registered' ? 'done' : 'todo');

  // Each party's own brands: a search, and the mark filed.
  const brandItems = (owner: ChecklistParty): void => {
    const brands = owner.brands.length > 0 ? owner.brands : [owner.name];
    for (const brand of brands) {
      const record = owner.marks.find((m) => sameName(m.name, brand));
      const suffix = `${owner.side}:${slug(brand)}`;
      add('pdki-search', suffix, {
        owner,
        values: { mark: brand },
        status: searchStatus(record),
        evidence: record?.status === 'registered' ? fromRecord(record) : null,
        record,
      });
      const filed = record !== undefined && FILED.includes(record.status);
      add('mark-filed', suffix, {
        owner,
        values: { mark: brand },
        status: filed ? 'done' : 'todo',
        evidence: filed ? fromRecord(record) : null,
        quantity: record?.classes.length ?? 1,
        record,
      });
    }
  };

  const marks = MARK_FORMS[input.form];
  if (marks === 'both') {
    for (const p of input.parties) brandItems(p);
  } else if (marks && input.form === 'licensing') {
    licensingItems();
  } else if (marks) {
    const named = input.terms[marks.term] as Side | undefined;
    const side = named ? (marks.owner === 'named' ? named : other(named)) : null;
    const owner = side ? party(side) : undefined;
    if (owner) brandItems(owner);
  }

  if (input.form === 'co_branding') jointMarkItems();
  if (DESIGN_FORMS.includes(input.form)) designItems();
  if (COPYRIGHT_FORMS.includes(input.form)) {
    const owner = copyrightOwner();
    add('copyright-recordal', '', { owner });
  }
  for (const p of input.parties) add('meterai', p.side, { owner: p });

  // The reduced DJKI fee needs its own documents, for each micro or small party that still has something to file.
  for (const p of input.parties) {
    const files = items.some(
      (i) =>
        ['mark-filed', 'joint-mark-filed'].includes(i.key) && i.status !== 'done' && i.responsible?.organizationId === p.organizationId,
    );
    if (files && isUmk(p.scale)) add('umk-documents', p.side, { owner: p });
  }
  return items;

  function licensingItems(): void {
    const licensor = party((input.terms.licensor as Side | undefined) ?? 'initiator');
    const licensed = (input.terms.marks as Array<{ name: string; registrationNumber: string; classes: number[] }> | undefined) ?? [];
    for (const m of licensed) {
      const record = licensor?.marks.find(
        (r) => (r.registrationNumber && r.registrationNumber === m.registrationNumber) || sameName(r.name, m.name),
      );
      const suffix = slug(m.registrationNumber || m.name);
      const values = { mark: m.name, registrationNumber: m.registrationNumber };
      add('pdki-search', suffix, {
        owner: licensor,
        values,
        status: searchStatus(record),
        evidence: record?.status === 'registered' ? fromRecord(record) : null,
        record,
      });
      const { status, due } = licensedMarkStatus(record);
      add('licensed-mark-registered', suffix, {
        owner: licensor,
        values,
        status,
        due,
        evidence: status === 'done' && record ? fromRecord(record) : null,
        record,
      });
      add('licence-recordal', suffix, { owner: licensor, values });
    }
  }

  /** Registered and within its term → done; applied for → in progress; in the grace period → renew by its end. */
  function licensedMarkStatus(record: MarkRecord | undefined): { status: ChecklistStatus; due: string | null } {
    if (!record) return { status: 'todo', due: null };
    if (FILED.includes(record.status) && record.status !== 'registered') return { status: 'inProgress', due: null };
    if (record.status !== 'registered') return { status: 'todo', due: null };
    const deadlines = computeDeadlines('mark', record, data.deadlineRules, input.today);
    const expiry = deadlines.find((d) => d.kind === 'expiry');
    const grace = deadlines.find((d) => d.kind === 'grace_period_end');
    if (!expiry || !expiry.overdue) return { status: 'done', due: null };
    return { status: 'todo', due: grace && !grace.overdue ? grace.due : null };
  }

  function jointMarkItems(): void {
    const joint = input.terms.jointMark as { name: string; registrant: 'joint' | Side } | undefined;
    if (!joint) {
      add('joint-mark-decision', '', { owner: party('initiator') });
      return;
    }
    // A joint application pays the general rate unless every applicant is micro or small.
    const applicants = joint.registrant === 'joint' ? input.parties : input.parties.filter((p) => p.side === joint.registrant);
    const owner = applicants[0];
    const record = applicants.flatMap((p) => p.marks).find((m) => sameName(m.name, joint.name));
    const registrant =
      joint.registrant === 'joint' ? applicants.map((p) => p.name).join(' & ') : (party(joint.registrant)?.name ?? joint.registrant);
    const values = { mark: joint.name, registrant };
    add('pdki-search', `joint:${slug(joint.name)}`, { owner, values, status: searchStatus(record), record });
    const filed = record !== undefined && FILED.includes(record.status);
    add('joint-mark-filed', slug(joint.name), {
      owner,
      values,
      status: filed ? 'done' : 'todo',
      evidence: filed ? fromRecord(record) : null,
      scale: applicants.every((p) => isUmk(p.scale)) ? 'micro' : 'medium',
      quantity: record?.classes.length ?? 1,
      record,
    });
  }

  function designItems(): void {
    const ownership = input.terms.designOwnership as 'joint' | Side | undefined;
    add('design-ownership', '', {
      owner: party('initiator'),
      status: ownership ? 'done' : 'todo',
      evidence: ownership ? { source: 'agreement', term: 'designOwnership', value: ownership } : null,
    });
    // File before the public launch, which is the start of the collaboration's term.
    add('design-filing', '', { owner: copyrightOwner(), due: (input.terms.startDate as string | undefined) ?? null });
  }

  function copyrightOwner(): ChecklistParty | null {
    const ownership = input.terms.designOwnership as 'joint' | Side | undefined;
    if (ownership === 'initiator' || ownership === 'partner') return party(ownership) ?? null;
    if (input.form === 'endorsement') {
      const endorser = input.terms.endorser as Side | undefined;
      return (endorser && party(endorser)) || null;
    }
    return party('initiator') ?? null;
  }
}
