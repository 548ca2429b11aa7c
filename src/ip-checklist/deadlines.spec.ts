import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addDays, addMonths, computeDeadlines, type DeadlineRule } from './deadlines.js';

const { rules } = JSON.parse(readFileSync(fileURLToPath(new URL('../../templates/ip/deadline-rules.json', import.meta.url)), 'utf8')) as {
  rules: DeadlineRule[];
};
const due = (kind: string, record: Parameters<typeof computeDeadlines>[1], type: 'mark' | 'design' = 'mark') =>
  computeDeadlines(type, record, rules, '2026-11-28').find((d) => d.kind === kind)?.due;

describe('date arithmetic', () => {
  it.each([
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 120, '2034-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-12-15', 2, '2027-02-15'],
    ['2027-02-28', -6, '2026-08-28'],
  ])('%s + %i months = %s', (from, months, expected) => expect(addMonths(from, months)).toBe(expected));

  it.each([
    ['2026-12-20', 15, 'calendar', '2027-01-04'],
    ['2028-02-20', 15, 'calendar', '2028-03-06'],
    ['2026-11-27', 1, 'working', '2026-11-30'],
    ['2026-11-27', 5, 'working', '2026-12-04'],
    ['2026-11-30', -1, 'working', '2026-11-27'],
  ] as const)('%s + %i %s days = %s', (from, days, type, expected) => expect(addDays(from, days, type)).toBe(expected));
});

describe('trademark and design deadlines (legal facts §2.10)', () => {
  it.each([
    ['publication_start', { filingDate: '2026-01-10' }, '2026-01-25'],
    ['opposition_window_end', { filingDate: '2026-01-10' }, '2026-03-25'],
    ['opposition_window_end', { filingDate: '2026-01-10', publicationDate: '2026-01-20' }, '2026-03-20'],
    ['opposition_window_end', { filingDate: '2026-12-16', publicationDate: '2026-12-31' }, '2027-02-28'],
    ['rebuttal_due', { filingDate: '2026-01-10', oppositionDate: '2026-03-01' }, '2026-05-01'],
    ['substantive_decision_expected', { filingDate: '2026-01-10', publicationDate: '2026-01-20' }, '2026-04-19'],
    [
      'substantive_decision_expected',
      { filingDate: '2026-01-10', publicationDate: '2026-01-20', oppositionDate: '2026-02-10' },
      '2026-06-18',
    ],
    ['refusal_response_due', { filingDate: '2026-01-10', refusalNoticeDate: '2026-06-01' }, '2026-07-01'],
    ['appeal_due', { filingDate: '2026-01-10', refusalNoticeDate: '2026-06-01' }, '2026-08-30'],
    ['expiry', { filingDate: '2016-03-15' }, '2026-03-15'],
    ['expiry', { filingDate: '2024-02-29' }, '2034-02-28'],
    ['renewal_window_opens', { filingDate: '2016-08-31' }, '2026-02-28'],
    ['renewal_window_opens', { filingDate: '2017-08-31' }, '2027-02-28'],
    ['grace_period_end', { filingDate: '2017-08-31' }, '2028-02-29'],
    ['non_use_risk', { filingDate: '2020-01-01', registrationDate: '2021-05-31' }, '2026-05-31'],
    ['non_use_risk', { filingDate: '2020-01-01', registrationDate: '2021-05-31', lastUseEvidenceDate: '2025-02-28' }, '2030-02-28'],
    ['non_use_reminder', { filingDate: '2020-01-01', registrationDate: '2024-02-29' }, '2028-02-29'],
    ['non_use_reminder', { filingDate: '2020-01-01', registrationDate: '2023-02-28', lastUseEvidenceDate: '2022-01-01' }, '2027-02-28'],
  ] as const)('%s for %j is %s', (kind, record, expected) => expect(due(kind, record)).toBe(expected));

  it('gives the design novelty grace period from the first disclosure', () => {
    expect(due('design_novelty_grace_end', { firstDisclosureDate: '2026-08-31' }, 'design')).toBe('2027-02-28');
    expect(due('expiry', { filingDate: '2026-08-31' }, 'design')).toBeUndefined();
  });

  it('includes past deadlines flagged overdue, skips those it has no date for, and carries basis and mark', () => {
    const deadlines = computeDeadlines('mark', { filingDate: '2016-03-15', registrationDate: '2017-01-10' }, rules, '2026-11-28');
    expect(deadlines.find((d) => d.kind === 'expiry')).toMatchObject({ due: '2026-03-15', overdue: true, mark: 'S', toBeConfirmed: false });
    expect(deadlines.find((d) => d.kind === 'grace_period_end')).toMatchObject({ due: '2026-09-15', overdue: true });
    expect(deadlines.find((d) => d.kind === 'rebuttal_due')).toBeUndefined();
    expect(deadlines.every((d) => d.legalBasis.length > 0 && d.title.id && d.title.en)).toBe(true);
    const expiryRule = rules.find((r) => r.kind === 'expiry')!;
    const unverified = computeDeadlines('mark', { filingDate: '2026-01-10' }, [{ ...expiryRule, mark: 'U' }], '2026-11-28');
    expect(unverified[0]).toMatchObject({ mark: 'U', toBeConfirmed: true });
  });

  it('shows a deadline counted in days as to be confirmed (calendar or working days is unverified), one in months not', () => {
    const deadlines = computeDeadlines('mark', { refusalNoticeDate: '2026-06-01', oppositionDate: '2026-06-01' }, rules, '2026-11-28');
    expect(deadlines.find((d) => d.kind === 'refusal_response_due')).toMatchObject({ mark: 'S', toBeConfirmed: true });
    expect(deadlines.find((d) => d.kind === 'rebuttal_due')).toMatchObject({ mark: 'V', toBeConfirmed: false });
  });

  it('shows the current term of a registered mark renewed after its first ten years, and the lapsed term of one not registered', () => {
    const renewed = computeDeadlines('mark', { status: 'registered', filingDate: '2012-03-01' }, rules, '2026-11-28');
    expect(
      renewed.filter((d) => ['expiry', 'renewal_window_opens', 'grace_period_end'].includes(d.kind)).map((d) => [d.kind, d.due, d.overdue]),
    ).toEqual([
      ['expiry', '2032-03-01', false],
      ['renewal_window_opens', '2031-09-01', false],
      ['grace_period_end', '2032-09-01', false],
    ]);
    // Within the grace period it is not rolled on: the renewal is still due, at double fee.
    const inGrace = computeDeadlines('mark', { status: 'registered', filingDate: '2016-08-01' }, rules, '2026-11-28');
    expect(inGrace.find((d) => d.kind === 'expiry')).toMatchObject({ due: '2026-08-01', overdue: true });
    const notRegistered = computeDeadlines('mark', { status: 'filed', filingDate: '2012-03-01' }, rules, '2026-11-28');
    expect(notRegistered.find((d) => d.kind === 'expiry')).toMatchObject({ due: '2022-03-01', overdue: true });
  });

  it('counts working days when a rule says so', () => {
    const working = rules.map((r) => (r.kind === 'refusal_response_due' ? { ...r, dayType: 'working' as const } : r));
    expect(
      computeDeadlines('mark', { refusalNoticeDate: '2026-06-01' }, working, '2026-11-28').find((d) => d.kind === 'refusal_response_due')
        ?.due,
    ).toBe('2026-07-13');
  });
});
