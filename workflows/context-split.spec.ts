import { attach, detach } from './context-split.js';
import { DETACHED_FIELDS } from './collaboration/v1/storage.js';

const context = {
  title: 'T',
  termsRevisions: [
    { revision: 1, terms: { fee: 1 }, authorOrganizationId: 'a', proposedAt: 'x' },
    { revision: 2, terms: { fee: 2 }, authorOrganizationId: 'b', proposedAt: 'y' },
  ],
  milestones: [{ title: 'Samples', date: '2027-01-01', notes: null, recordedByOrganizationId: 'a', at: 'z' }],
  candidates: [
    { id: 'candidate-1', organizationId: 'o', source: 'event', fit: { score: 60 }, shortlistedAt: 's', scores: null, ratedAt: null },
  ],
  reviews: { a: { kpis: { reach: 1 }, ratings: { overall: 4 }, lessons: 'L', submittedByUserId: 'u', at: 'w' } },
};

describe('context split', () => {
  it('keeps in the snapshot only what the rules read, and puts every part back', () => {
    const { hot, parts } = detach(context, DETACHED_FIELDS);
    expect(hot.termsRevisions).toEqual([
      { revision: 1, authorOrganizationId: 'a', proposedAt: 'x' },
      { revision: 2, authorOrganizationId: 'b', proposedAt: 'y' },
    ]);
    expect(hot.milestones).toEqual([{ recordedByOrganizationId: 'a', at: 'z' }]);
    expect(hot.candidates).toEqual([
      { id: 'candidate-1', organizationId: 'o', source: 'event', shortlistedAt: 's', scores: null, ratedAt: null },
    ]);
    expect(hot.reviews).toEqual({ a: { submittedByUserId: 'u', at: 'w' } });
    expect(parts).toContainEqual({ path: 'termsRevisions.terms', key: '1', value: { fee: 2 } });
    expect(parts).toContainEqual({ path: 'reviews.lessons', key: 'a', value: 'L' });
    expect(attach(hot, parts, DETACHED_FIELDS)).toEqual(context);
    // Keys in the order they had: a snapshot put back together (reverting the migration) is the same text.
    expect(JSON.stringify(attach(hot, parts, DETACHED_FIELDS))).toBe(JSON.stringify(context));
  });

  it('stores no part for a field left undefined', () => {
    const { hot, parts } = detach({ milestones: [{ title: 'T', notes: undefined, at: 'a' }] }, DETACHED_FIELDS);
    expect(parts).toEqual([{ path: 'milestones.title', key: '0', value: 'T' }]);
    expect(hot.milestones).toEqual([{ at: 'a' }]);
  });

  it('yields only the parts a reducer set on a snapshot that already lacks them', () => {
    const { hot } = detach(context, DETACHED_FIELDS);
    const next = {
      ...hot,
      termsRevisions: [...hot.termsRevisions, { revision: 3, terms: { fee: 3 }, authorOrganizationId: 'a', proposedAt: 'v' }],
    };
    expect(detach(next, DETACHED_FIELDS).parts).toEqual([{ path: 'termsRevisions.terms', key: '2', value: { fee: 3 } }]);
  });

  it('leaves a context without detached fields untouched (the same object)', () => {
    const { hot } = detach(context, DETACHED_FIELDS);
    const again = detach(hot, DETACHED_FIELDS);
    expect(again.parts).toEqual([]);
    expect(again.hot.termsRevisions).toBe(hot.termsRevisions);
  });

  it('puts back only parts whose element still exists', () => {
    const { hot, parts } = detach(context, DETACHED_FIELDS);
    expect(attach({ ...hot, milestones: [] }, parts, DETACHED_FIELDS).milestones).toEqual([]);
  });
});
