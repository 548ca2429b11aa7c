import { DataSource } from 'typeorm';
import { verifyHistories } from '../src/collaborations/history-check.js';
import { WorkflowRegistry } from '../src/workflow-runtime/workflow-registry.js';
import { Scheduler as WorkflowWorker } from '../src/common/scheduler.js';
import { startTestApp, type TestApp } from './support/app.js';
import { DAY, TestClock } from './support/clock.js';
import { driveTo, pair, send, view, type Pair } from './support/lifecycle.js';

// Two application instances on one PostgreSQL database, as behind a load balancer.
describe('two instances on one PostgreSQL database', () => {
  let a: TestApp;
  let b: TestApp;
  let p: Pair;
  const clock = new TestClock();
  beforeAll(async () => {
    a = await startTestApp({ WORKER_POLL_MS: '0' }, { clock });
    b = await startTestApp({ WORKER_POLL_MS: '0' }, { clock, shareWith: a });
    p = await pair(a);
  });
  afterAll(async () => {
    await b.app.close();
    await a.close();
  });

  const both = <T>(fn: (t: TestApp, i: number) => Promise<T>): Promise<T[]> =>
    Promise.all(Array.from({ length: 50 }, (_, i) => fn(i % 2 ? b : a, i)));
  const verify = async (id: string) => (await verifyHistories(a.app.get(DataSource), a.app.get(WorkflowRegistry), [id]))[0].problems;

  it('50 signatures from one party split across instances: exactly one applies, the rest 409', async () => {
    const id = await driveTo(a, p, 'agreement');
    const { version, sha256 } = (await view(a, p.initiator, id)).context.agreement;
    const statuses = await both((t) =>
      send(t, p.initiator, id, { type: 'agreement.sign', version, sha256, meterai: { kind: 'paper' } }).then((r) => r.status),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    expect(await verify(id)).toEqual([]);
  });

  it('50 updates split across instances all apply, gap-free', async () => {
    const id = await driveTo(a, p, 'proposal');
    const statuses = await both((t, i) => send(t, p.initiator, id, { type: 'proposal.update', title: `T${i}` }).then((r) => r.status));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await view(b, p.initiator, id)).version).toBe(50);
    expect(await verify(id)).toEqual([]);
  });

  it('both parties accepting at once on different instances: one applies', async () => {
    const id = await driveTo(a, p, 'negotiation');
    const [x, y] = await Promise.all([
      send(a, p.partner, id, { type: 'terms.accept', revision: 1 }),
      send(b, p.initiator, id, { type: 'terms.accept', revision: 1 }),
    ]);
    expect(x.status).toBe(200);
    expect([403, 409]).toContain(y.status);
    expect(await verify(id)).toEqual([]);
  });

  it('fires each due timer exactly once when both instances poll at the same time', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => driveTo(a, p, 'invitation')));
    clock.advance(15 * DAY);
    await Promise.all([
      a.app.get(WorkflowWorker).runOnce(),
      b.app.get(WorkflowWorker).runOnce(),
      a.app.get(WorkflowWorker).runOnce(),
      b.app.get(WorkflowWorker).runOnce(),
    ]);
    for (const id of ids) {
      const history = (await a.http().get(`/api/v1/collaborations/${id}/history`).set(p.initiator.auth).expect(200)).body;
      expect(history.filter((e: { type: string }) => e.type === 'invitation.expire')).toHaveLength(1);
      expect((await view(b, p.initiator, id)).state).toBe('partnerSearch');
      expect(await verify(id)).toEqual([]);
    }
  });
});
