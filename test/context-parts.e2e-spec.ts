import { DataSource } from 'typeorm';
import { verifyHistories } from '../src/collaborations/history-check.js';
import { appDataSourceOptions } from '../src/entities.js';
import { WorkflowRegistry } from '../src/workflow-runtime/workflow-registry.js';
import { startTestApp, type TestApp } from './support/app.js';
import { driveTo, pair, REVIEW, send, TERMS, view, type Pair } from './support/lifecycle.js';

// Appending to a collaboration's history (terms revisions, milestones, candidates' fits, reviews) no longer grows the
// snapshot an event reads and writes: those fields live in collaboration_context_parts. Existing data is migrated.
describe('detached context parts', () => {
  let t: TestApp;
  let p: Pair;
  let dataSource: DataSource;
  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '0' });
    p = await pair(t);
    dataSource = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  const snapshotText = async (id: string): Promise<string> =>
    String((await dataSource.query(`SELECT snapshot FROM collaborations WHERE id = '${id}'`))[0].snapshot);
  const verify = async (id: string): Promise<string[]> =>
    (await verifyHistories(dataSource, t.app.get(WorkflowRegistry), [id]))[0].problems;

  it('keeps a snapshot the same size however many revisions are proposed, and reads any revision in full', async () => {
    const id = await driveTo(t, p, 'negotiation');
    const before = (await snapshotText(id)).length;
    // 200 products with long names: ~50 KB of terms per revision.
    const products = Array.from({ length: 200 }, (_, k) => ({ name: `Batik tulis ${k} ${'motif parang '.repeat(14)}`, units: 1 + k }));
    for (let i = 0; i < 6; i++) {
      const who = i % 2 === 0 ? p.initiator : p.partner;
      await send(t, who, id, { type: 'terms.propose', terms: { ...TERMS, territory: `Indonesia ${i}`, products } }).expect(200);
    }
    expect(JSON.stringify(products).length).toBeGreaterThan(40_000);
    // Six revisions of ~40 KB each: the snapshot grew by their numbers and authors only.
    expect((await snapshotText(id)).length - before).toBeLessThan(6 * 200);
    const seen = await view(t, p.initiator, id);
    expect(seen.context.termsRevisions).toHaveLength(7);
    expect(seen.context.termsRevisions[6].terms.territory).toBe('Indonesia 5'); // the latest carries its terms
    expect(seen.context.termsRevisions[2]).not.toHaveProperty('terms'); // an older one is read on its own
    const third = await t.http().get(`/api/v1/collaborations/${id}/terms/3`).set(p.partner.auth).expect(200);
    expect(third.body).toMatchObject({ revision: 3, terms: { territory: 'Indonesia 1', products } });
    await t.http().get(`/api/v1/collaborations/${id}/terms/99`).set(p.partner.auth).expect(404);
    expect(await verify(id)).toEqual([]);
  });

  it('carries the notes of the latest 20 milestones in the view; an older milestone is read on its own, in full', async () => {
    const id = await driveTo(t, p, 'execution');
    const notes = (n: number): string => `Catatan produksi ${n} — ${'kain tenun '.repeat(150)}`;
    for (let n = 1; n <= 25; n++) {
      await send(t, n % 2 ? p.initiator : p.partner, id, {
        type: 'milestone.record',
        title: `Drop ${n}`,
        date: '2027-02-01',
        notes: notes(n),
      }).expect(200);
    }
    const seen = await view(t, p.partner, id);
    expect(seen.context.milestones).toHaveLength(25);
    expect(seen.context.milestones.map((m: { title: string }) => m.title)).toEqual(Array.from({ length: 25 }, (_, k) => `Drop ${k + 1}`));
    expect(seen.context.milestones[4]).not.toHaveProperty('notes'); // the 5th of 25: older than the latest 20
    expect(seen.context.milestones[5].notes).toBe(notes(6));
    expect(seen.context.milestones[24].notes).toBe(notes(25));
    const first = await t.http().get(`/api/v1/collaborations/${id}/milestones/1`).set(p.initiator.auth).expect(200);
    expect(first.body).toMatchObject({ number: 1, title: 'Drop 1', date: '2027-02-01', notes: notes(1) });
    await t.http().get(`/api/v1/collaborations/${id}/milestones/26`).set(p.initiator.auth).expect(404);
    await t.http().get(`/api/v1/collaborations/${id}/milestones/0`).set(p.initiator.auth).expect(404);
    const outsider = await pair(t);
    await t.http().get(`/api/v1/collaborations/${id}/milestones/1`).set(outsider.initiator.auth).expect(404);
    expect(await verify(id)).toEqual([]);
  });

  it('splits snapshots written before the change, and puts them back when the migration is reverted', async () => {
    const id = await driveTo(t, p, 'postReview');
    await send(t, p.initiator, id, { type: 'review.submit', ...REVIEW }).expect(200);
    const seenBefore = await view(t, p.initiator, id);
    expect(await snapshotText(id)).not.toContain('Order fabric earlier'); // the lessons are a detached part

    // A second connection, as the migrations CLI would (the app's own guards its transactions on SQLite).
    const cli = await new DataSource(appDataSourceOptions(t.config)).initialize();
    // Revert migrations, newest first, down to and including this one.
    const applied = async (): Promise<string[]> => (await cli.query('SELECT name FROM migrations')).map((m: { name: string }) => m.name);
    while ((await applied()).includes('ContextParts1795960000000')) await cli.undoLastMigration({ transaction: 'all' });
    // As the data was before: the whole context in the snapshot, no phase column.
    expect(await snapshotText(id)).toContain('Order fabric earlier');
    expect(await snapshotText(id)).toContain('"terms":{');
    expect((await dataSource.query(`SELECT * FROM collaborations WHERE id = '${id}'`))[0]).not.toHaveProperty('phase');

    await cli.runMigrations({ transaction: 'all' });
    await cli.destroy();
    expect(await snapshotText(id)).not.toContain('Order fabric earlier');
    expect((await dataSource.query(`SELECT phase FROM collaborations WHERE id = '${id}'`))[0].phase).toBe('running');
    const { version: _v, updatedAt: _u, ...same } = seenBefore;
    expect(await view(t, p.initiator, id)).toMatchObject(same);
    expect(await verify(id)).toEqual([]);
  });
});
