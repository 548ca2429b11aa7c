// Statutory deadlines of IP records, computed from the rules in templates/ip/deadline-rules.json (legal facts §2.10).
// Pure: dates are calendar days as YYYY-MM-DD, "today" is passed in.

export type FactMark = 'V' | 'S' | 'U';
type Anchor =
  | 'filingDate'
  | 'oppositionDate'
  | 'refusalNoticeDate'
  | 'firstDisclosureDate'
  | 'publicationStart'
  | 'publicationEnd'
  | 'expiry'
  | 'lastUse';

export interface DeadlineRule {
  kind: string;
  record: 'mark' | 'design';
  from: Anchor;
  offset: { days?: number; months?: number; years?: number };
  dayType?: 'calendar' | 'working';
  /** The mark of the day type: whether the Law's "hari" means calendar or working days is unverified. */
  dayTypeMark?: FactMark;
  if?: 'opposed';
  unless?: 'opposed';
  title: { id: string; en: string };
  legalBasis: string;
  mark: FactMark;
  /** The date repeats after each renewal: a mark still registered after the grace period was renewed. */
  renews?: boolean;
  /** Whether reminders go out for it; an informational date (publication starts) only goes in the calendar. */
  remind?: boolean;
}

export interface IpRecordDates {
  status?: string;
  filingDate?: string | null;
  publicationDate?: string | null;
  oppositionDate?: string | null;
  refusalNoticeDate?: string | null;
  registrationDate?: string | null;
  lastUseEvidenceDate?: string | null;
  firstDisclosureDate?: string | null;
}

export interface Deadline {
  kind: string;
  due: string;
  title: { id: string; en: string };
  legalBasis: string;
  mark: FactMark;
  /** A rule resting on an unverified fact is shown as "to be confirmed", never as law. */
  toBeConfirmed: boolean;
  overdue: boolean;
}

const parse = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];
const format = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Calendar months, clamped at month ends: 31 August + 6 months = 28 or 29 February. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parse(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

/** Calendar days, or working days (Monday to Friday; public holidays are not known here). */
export function addDays(date: string, days: number, dayType: 'calendar' | 'working' = 'calendar'): string {
  const [y, m, d] = parse(date);
  const at = new Date(Date.UTC(y, m - 1, d));
  if (dayType === 'calendar') {
    at.setUTCDate(at.getUTCDate() + days);
  } else {
    const step = Math.sign(days);
    for (let left = Math.abs(days); left > 0;) {
      at.setUTCDate(at.getUTCDate() + step);
      if (at.getUTCDay() !== 0 && at.getUTCDay() !== 6) left -= 1;
    }
  }
  return at.toISOString().slice(0, 10);
}

function apply(date: string, rule: DeadlineRule): string {
  let due = date;
  if (rule.offset.years) due = addMonths(due, rule.offset.years * 12);
  if (rule.offset.months) due = addMonths(due, rule.offset.months);
  if (rule.offset.days) due = addDays(due, rule.offset.days, rule.dayType ?? 'calendar');
  return due;
}

const later = (a?: string | null, b?: string | null): string | null => (a && b ? (a > b ? a : b) : (a ?? b ?? null));

/** Every deadline the record's dates allow, in rule order; those before `today` are flagged overdue. */
export function computeDeadlines(kind: 'mark' | 'design', record: IpRecordDates, rules: DeadlineRule[], today: string): Deadline[] {
  const opposed = Boolean(record.oppositionDate) || record.status === 'opposed';
  const computed = new Map<string, string>();
  const anchor = (name: Anchor): string | null => {
    switch (name) {
      case 'publicationStart':
        return record.publicationDate ?? computed.get('publication_start') ?? null;
      case 'publicationEnd':
        return computed.get('opposition_window_end') ?? null;
      case 'expiry':
        return computed.get('expiry') ?? null;
      case 'lastUse':
        return later(record.registrationDate, record.lastUseEvidenceDate);
      default:
        return record[name] ?? null;
    }
  };
  const deadlines: Deadline[] = [];
  for (const rule of rules) {
    if (rule.record !== kind || (rule.if === 'opposed' && !opposed) || (rule.unless === 'opposed' && opposed)) continue;
    const from = anchor(rule.from);
    if (!from) continue;
    let due = apply(from, rule);
    const grace = rule.renews ? rules.find((r) => r.from === rule.kind && r.kind === 'grace_period_end') : undefined;
    // Registered past the grace period means renewed (legal facts §2.4): the current term is the one shown.
    while (grace && record.status === 'registered' && apply(due, grace) < today) due = apply(due, rule);
    computed.set(rule.kind, due);
    deadlines.push({
      kind: rule.kind,
      due,
      title: rule.title,
      legalBasis: rule.legalBasis,
      mark: rule.mark,
      toBeConfirmed: rule.mark === 'U' || rule.dayTypeMark === 'U',
      overdue: due < today,
    });
  }
  return deadlines;
}
