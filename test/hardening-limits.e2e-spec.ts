import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Scheduler } from '../src/common/scheduler.js';
import { startTestApp, type TestApp } from './support/app.js';
import { DAY, TestClock } from './support/clock.js';
import type { Registered } from './support/factories.js';
import { createCollaboration, driveTo, pair, type Pair, send, TERMS, view } from './support/lifecycle.js';

// Issue 13, items 3 and 4: unbounded input (terms, arrays, revisions, milestones) and review figures so large that the
// outcomes were Infinity and the collaboration could never complete.

const COUNT_MAX = 1_000_000_000;
const RUPIAH_MAX = 1_000_000_000_000_000;

/** The fields a 400 names. */
const fieldsOf = (body: { details?: { fields?: Array<{ field: string }> } }): string[] => (body.details?.fields ?? []).map((f) => f.field);

describe('hardening: limits (issue 13 items 3 and 4)', () => {
  const clock = new TestClock('2026-11-28T03:00:00.000Z');
  let t: TestApp;
  let p: Pair;
  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '0' }, { clock });
    p = await pair(t);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('item 3: every free-text field and array has a maximum', () => {
    const big = 'x'.repeat(50_000);
    it.each([
      ['distribution', { channels: [big, big] }, 'terms.channels'],
      ['mou', { bindingClauses: Array(1000).fill('costs') }, 'terms.bindingClauses'],
      [
        'licensing',
        { marks: [{ name: 'LOOKOUT', registrationNumber: 'IDM000123456', classes: Array(1000).fill(25) }] },
        'terms.marks.0.classes',
      ],
      ['licensing', { minimumGuarantee: 1e308 }, 'terms.minimumGuarantee'],
      ['co_branding', { products: [{ name: 'Overshirt', units: 1e12 }] }, 'terms.products.0.units'],
      ['consignment', { goods: [{ sku: 'LK-1', name: 'Tote', quantity: 1, retailPrice: 1e300 }] }, 'terms.goods.0.retailPrice'],
      [
        'endorsement',
        { deliverables: [{ platform: 'instagram', format: 'reel', count: 1e15, dueDate: '2027-02-01' }] },
        'terms.deliverables.0.count',
      ],
      ['distribution', { targetUnitsPerMonth: 1e20 }, 'terms.targetUnitsPerMonth'],
      [
        'joint_venture',
        { contributions: [{ party: 'initiator', description: 'Fabric and pattern making', valueIdr: 1e300 }] },
        'terms.contributions.0.valueIdr',
      ],
    ])('terms.propose for %s: 400 naming the field over its maximum (%#)', async (form, terms, field) => {
      const id = await driveTo(t, p, 'negotiation', { form }, { startDate: '2027-01-01' });
      const res = await send(t, p.initiator, id, { type: 'terms.propose', terms }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.body)).toContain(field);
    });

    it.each([
      [{ type: 'checklist.complete', itemId: 'pdki-search', evidence: { note: 'x'.repeat(900_000) } }, 'evidence'],
      [{ type: 'proposal.update', reviewPlan: { kpis: [{ key: 'profit', target: 1e308 }] } }, 'reviewPlan.kpis.0.target'],
      [{ type: 'proposal.update', production: { unitsPerMonth: 1e300 } }, 'production.unitsPerMonth'],
      [
        { type: 'review.submit', kpis: { awareness: { followersAfter: 1e308 } }, ratings: {}, lessons: '' },
        'kpis.awareness.followersAfter',
      ],
      [
        { type: 'review.submit', kpis: { commercial: { grossRevenue: RUPIAH_MAX + 1 } }, ratings: {}, lessons: '' },
        'kpis.commercial.grossRevenue',
      ],
    ])('an event payload over a maximum is 400 naming the field (%#)', async (event, field) => {
      const id = await createCollaboration(t, p.initiator);
      const res = await send(t, p.initiator, id, event).expect(400);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('takes at most 100 terms revisions (409 LIMIT_REACHED with the limit); the latest can still be accepted', async () => {
      const id = await driveTo(t, p, 'negotiation', {}, { startDate: '2027-01-01' });
      for (let revision = 2; revision <= 100; revision++) {
        await send(t, p.initiator, id, { type: 'terms.propose', terms: { ...TERMS, sellOffDays: revision } }).expect(200);
      }
      const res = await send(t, p.partner, id, { type: 'terms.propose', terms: { sellOffDays: 1 } }).expect(409);
      expect(res.body).toMatchObject({ code: 'LIMIT_REACHED', details: { limit: 100, what: 'termsRevisions' } });
      const full = await view(t, p.partner, id);
      expect(full.context.termsRevisions).toHaveLength(100);
      // allowedEvents says what may be sent now: no more proposals, but the latest can be accepted.
      expect(full.allowedEvents).toEqual(expect.arrayContaining(['terms.accept']));
      expect(full.allowedEvents).not.toContain('terms.propose');
      await send(t, p.partner, id, { type: 'terms.accept', revision: 100 }).expect(200); // the limit is not in the way
    });

    it('records at most 200 milestones (409 LIMIT_REACHED with the limit)', async () => {
      const id = await driveTo(t, p, 'execution');
      for (let n = 1; n <= 200; n++) {
        await send(t, n % 2 ? p.initiator : p.partner, id, { type: 'milestone.record', title: `Drop ${n}`, date: '2027-02-01' }).expect(
          200,
        );
      }
      const res = await send(t, p.initiator, id, { type: 'milestone.record', title: 'One more', date: '2027-02-02' }).expect(409);
      expect(res.body).toMatchObject({ code: 'LIMIT_REACHED', details: { limit: 200, what: 'milestones' } });
      expect((await view(t, p.initiator, id)).allowedEvents).not.toContain('milestone.record');
      await send(t, p.partner, id, { type: 'collaboration.end' }).expect(200);
    });

    it('documents the maxima in the OpenAPI document', async () => {
      const doc = (await t.http().get('/docs-json').expect(200)).body as {
        components: { schemas: Record<string, { properties: Record<string, Record<string, any>> }> };
      };
      const props = (schema: string) => doc.components.schemas[schema].properties;
      expect(props('AwarenessKpisDto').followersAfter).toMatchObject({ maximum: COUNT_MAX });
      expect(props('CommercialKpisDto').grossRevenue).toMatchObject({ maximum: RUPIAH_MAX });
      // A channel is a string or {id, en}: both bounded.
      expect(props('DistributionTerms').channels).toMatchObject({
        maxItems: 20,
        items: { oneOf: [{ maxLength: 100 }, { properties: { id: { maxLength: 100 }, en: { maxLength: 100 } } }] },
      });
      expect(props('MouTerms').bindingClauses).toMatchObject({ maxItems: 3 });
      expect(props('LicensedMark').classes).toMatchObject({ maxItems: 45, items: { maximum: 45 } });
      expect(props('LicensingTerms').minimumGuarantee).toMatchObject({ maximum: RUPIAH_MAX });
      expect(props('CompleteItemEventDto').evidence.description).toMatch(/5,000/);
    });
  });

  describe('item 4: after any accepted review submission both parties can finish the review', () => {
    it('rejects followersAfter 1e308 with 400 naming it; the other party then completes the review', async () => {
      const id = await driveTo(t, p, 'postReview');
      const huge = { type: 'review.submit', kpis: { awareness: { followersBefore: 1, followersAfter: 1e308 } }, ratings: {}, lessons: '' };
      const res = await send(t, p.initiator, id, huge).expect(400);
      expect(fieldsOf(res.body)).toEqual(['kpis.awareness.followersAfter']);
      await send(t, p.partner, id, { type: 'review.submit', kpis: {}, ratings: {}, lessons: '' }).expect(200);
      await send(t, p.initiator, id, { ...huge, kpis: { awareness: { followersBefore: 1, followersAfter: COUNT_MAX } } }).expect(200);
      expect((await view(t, p.initiator, id)).state).toBe('completed');
    });

    // A seeded generator (mulberry32): the same cases on every run, so a failure reproduces.
    function generator(seed: number): () => number {
      let a = seed;
      return () => {
        a = (a + 0x6d2b79f5) | 0;
        let x = Math.imul(a ^ (a >>> 15), 1 | a);
        x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
        return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
      };
    }
    const random = generator(20261204);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    // Extreme but accepted values: 0, 1, the maximum, and anything between (the plan below needs most figures).
    const count = (): number => pick([0, 1, COUNT_MAX, COUNT_MAX - 1, Math.floor(random() * COUNT_MAX)]);
    const rupiah = (): number => pick([0, 1, RUPIAH_MAX, RUPIAH_MAX - 1, Math.floor(random() * RUPIAH_MAX)]);
    const maybe =
      (value: () => number): (() => number | undefined) =>
      () =>
        random() < 0.3 ? undefined : value();
    const pct = (): number | undefined => pick([undefined, 0, 100, 33.33]);
    const COUNTS = ['followersBefore', 'followersAfter', 'reach', 'impressions', 'clicks'];
    const ENGAGEMENTS = ['likes', 'comments', 'shares', 'saves'];
    const RUPIAH = ['grossRevenue', 'discounts', 'returns', 'costOfGoods', 'marketingCost', 'revenueSharePaid', 'revenueShareReceived'];
    const fill = (names: string[], value: () => number) => Object.fromEntries(names.map((name) => [name, value()]));
    const submission = () => ({
      type: 'review.submit',
      kpis: {
        awareness: {
          ...fill(COUNTS, count),
          mentions: maybe(count)(),
          engagements: fill(ENGAGEMENTS, count),
          aidedRecognitionPct: pct(),
          unaidedRecallPct: pct(),
        },
        commercial: { unitsSold: maybe(count)(), ...fill(RUPIAH, rupiah) },
      },
      ratings: { communication: pick([1, 5]), quality: pick([1, 3, 5]) },
      lessons: pick(['', 'Kirim sampel kain lebih awal. '.repeat(333)]), // up to the 10,000 characters allowed
    });
    /** The submission with one figure just over its maximum or absurd: refused with 400 naming that field. */
    const overMaximum = (valid: ReturnType<typeof submission>): [Record<string, unknown>, string] => {
      const copy = structuredClone(valid) as { kpis: { awareness: Record<string, any>; commercial: Record<string, any> } };
      const group = pick(['awareness', 'engagements', 'commercial'] as const);
      if (group === 'commercial') {
        const name = pick(RUPIAH);
        copy.kpis.commercial[name] = pick([RUPIAH_MAX + 1, Number.MAX_SAFE_INTEGER, 1e308]);
        return [copy, `kpis.commercial.${name}`];
      }
      const name = pick(group === 'awareness' ? COUNTS : ENGAGEMENTS);
      const target = group === 'awareness' ? copy.kpis.awareness : copy.kpis.awareness.engagements;
      target[name] = pick([COUNT_MAX + 1, 1e308]);
      return [copy, `kpis.awareness.${group === 'awareness' ? '' : 'engagements.'}${name}`];
    };
    const PLAN = {
      kpis: ['follower_growth_pct', 'engagement_rate_pct', 'ctr_pct', 'net_revenue', 'profit', 'margin_pct', 'roi_pct'].map((key) => ({
        key,
        target: pick([0, 10, RUPIAH_MAX, -RUPIAH_MAX]),
        baseline: pick([0, 5, -RUPIAH_MAX]),
      })),
    };
    /** One figure over its maximum is refused (400 naming it, never a 5xx); the same figures within the maxima are accepted. */
    const submitSomething = async (who: Registered, id: string): Promise<void> => {
      const valid = submission();
      const [invalid, field] = overMaximum(valid);
      const refused = await send(t, who, id, invalid).expect(400);
      expect(fieldsOf(refused.body)).toEqual([field]);
      await send(t, who, id, valid).expect(200);
    };
    const finiteOrWhyNot = (outcomes: Record<string, { value: number | null; reason: string | null }>) => {
      for (const { value, reason } of Object.values(outcomes)) {
        if (value === null) expect(typeof reason).toBe('string');
        else expect(Number.isFinite(value)).toBe(true);
      }
    };

    const CASES = 24;
    it(`${CASES} seeded cases: the other party submits, or the initiator closes the review, and it completes`, async () => {
      for (let n = 0; n < CASES; n++) {
        const id = await driveTo(t, p, 'postReview', { reviewPlan: PLAN });
        const [first, second] = n % 4 < 2 ? [p.initiator, p.partner] : [p.partner, p.initiator];
        await submitSomething(first, id);
        if (n % 2 === 0) {
          await submitSomething(second, id);
        } else {
          clock.advance(31 * DAY);
          await t.app.get(Scheduler).runOnce();
          await send(t, p.initiator, id, { type: 'review.close' }).expect(200);
        }
        expect((await view(t, first, id)).state).toBe('completed');
        const review = (await t.http().get(`/api/v1/collaborations/${id}/review`).set(first.auth).expect(200)).body;
        // Every party that submitted has outcomes, each finite or null with a reason.
        const withOutcomes = review.parties.filter((party: { outcomes?: unknown }) => party.outcomes);
        expect(withOutcomes).toHaveLength(n % 2 === 0 ? 2 : 1);
        for (const party of withOutcomes) finiteOrWhyNot(party.outcomes);
        await t.http().get(`/api/v1/collaborations/${id}/review.pdf`).set(second.auth).expect(200);
      }
      const insights = await t
        .http()
        .get(`/api/v1/insights?organizationId=${p.initiator.organizationId}`)
        .set(p.initiator.auth)
        .expect(200);
      expect(insights.body.overall.collaborations).toBeGreaterThanOrEqual(CASES);
    }, 120_000);
  });
});
