import { DataSource } from 'typeorm';
import { createMachine, transition } from 'xstate';
import { collaborationV1, COLLABORATION_VERSIONS } from '../workflows/collaboration/index.js';
import { WorkflowPlugins } from '../src/workflow-runtime/plugins.js';
import { EffectEntity } from '../src/workflow-runtime/effect.entity.js';
import { verifyHistories } from '../src/collaborations/history-check.js';
import { TimerEntity } from '../src/workflow-runtime/timer.entity.js';
import { WorkflowRegistry } from '../src/workflow-runtime/workflow-registry.js';
import { Scheduler as WorkflowWorker } from '../src/common/scheduler.js';
import { startTestApp, type TestApp } from './support/app.js';
import { DAY, TestClock } from './support/clock.js';
import { createCollaboration, driveTo, eventually, pair, send, TERMS, view, type Pair } from './support/lifecycle.js';

describe('the workflow runtime', () => {
  let t: TestApp;
  let p: Pair;
  const clock = new TestClock();
  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '0' }, { clock });
    p = await pair(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const history = async (id: string) => (await t.http().get(`/api/v1/collaborations/${id}/history`).set(p.initiator.auth).expect(200)).body;
  const verify = async (id: string) => (await verifyHistories(t.app.get(DataSource), t.app.get(WorkflowRegistry), [id]))[0];
  const worker = () => t.app.get(WorkflowWorker);

  describe('under concurrency: exactly the allowed events apply, never a 500, and the state matches the history', () => {
    it('an acceptance racing a new proposal: exactly one applies, the other is refused', async () => {
      const id = await driveTo(t, p, 'negotiation');
      const [accept, propose] = await Promise.all([
        send(t, p.partner, id, { type: 'terms.accept', revision: 1 }),
        send(t, p.initiator, id, { type: 'terms.propose', terms: { ...TERMS, endDate: '2027-05-31' } }),
      ]);
      expect([accept.status, propose.status].sort()).toEqual([200, 409]);
      const state = (await view(t, p.initiator, id)).state;
      expect(state).toBe(accept.status === 200 ? 'agreement' : 'negotiation');
      expect((await verify(id)).problems).toEqual([]);
    });

    it('the same Idempotency-Key sent 20 times at once: applied once, every answer the same', async () => {
      const id = await driveTo(t, p, 'execution');
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          send(t, p.partner, id, { type: 'milestone.record', title: 'Drop 1', date: '2027-02-01' }).set('Idempotency-Key', `drop-${id}`),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
      expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
      expect((await view(t, p.initiator, id)).context.milestones).toHaveLength(1);
      expect((await verify(id)).problems).toEqual([]);
    });

    it('20 requests with the same If-Match at once: one applies, the rest 412', async () => {
      const id = await createCollaboration(t, p.initiator);
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          send(t, p.initiator, id, { type: 'proposal.update', title: `T${i}` })
            .set('If-Match', '"0"')
            .then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(19);
      expect((await verify(id)).problems).toEqual([]);
    });

    it('both parties accept the same revision at once: one applies', async () => {
      const id = await driveTo(t, p, 'negotiation');
      const [a, b] = await Promise.all([
        send(t, p.partner, id, { type: 'terms.accept', revision: 1 }),
        send(t, p.initiator, id, { type: 'terms.accept', revision: 1 }),
      ]);
      expect(a.status).toBe(200);
      expect([403, 409]).toContain(b.status);
      expect((await verify(id)).problems).toEqual([]);
    });

    it('50 parallel signatures from one party: exactly one applies, the rest are 409', async () => {
      const id = await driveTo(t, p, 'agreement');
      const { version, sha256 } = (await view(t, p.initiator, id)).context.agreement;
      const sign = { type: 'agreement.sign', version, sha256, meterai: { kind: 'paper' } };
      const statuses = await Promise.all(Array.from({ length: 50 }, () => send(t, p.initiator, id, sign).then((r) => r.status)));
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
      const signed = (await view(t, p.initiator, id)).context.signatures;
      expect(signed).toHaveLength(1);
      expect((await verify(id)).problems).toEqual([]);
    });

    it('50 parallel proposal updates: all apply, one after another, gap-free', async () => {
      const id = await createCollaboration(t, p.initiator);
      const statuses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          send(t, p.initiator, id, { type: 'proposal.update', title: `Title ${i}` }).then((r) => r.status),
        ),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
      const events = await history(id);
      expect(events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      const current = await view(t, p.initiator, id);
      expect(current.version).toBe(50);
      expect(current.title).toBe(events[49].payload.title);
      expect((await verify(id)).problems).toEqual([]);
    });
  });

  describe('durable timers', () => {
    it('expires an invitation after 14 days, as the timer, recording when it was due', async () => {
      const id = await driveTo(t, p, 'invitation');
      const invitedAt = Date.parse((await view(t, p.initiator, id)).context.invitation.invitedAt);
      clock.advance(14 * DAY - 60_000);
      await worker().runOnce();
      expect((await view(t, p.initiator, id)).state).toBe('invitation');
      clock.advance(120_000);
      await worker().runOnce();
      expect((await view(t, p.initiator, id)).state).toBe('partnerSearch');
      const expired = (await history(id)).at(-1);
      expect(expired).toMatchObject({ type: 'invitation.expire', actor: { kind: 'timer' }, from: 'invitation', to: 'partnerSearch' });
      expect(Date.parse(expired.dueAt)).toBe(invitedAt + 14 * DAY);
      expect(Date.parse(expired.at)).toBeGreaterThan(Date.parse(expired.dueAt));
      await expect(t.app.get(DataSource).getRepository(TimerEntity).countBy({ collaborationId: id })).resolves.toBe(0);
    });

    it('cancels the invitation timer when the invitation is answered', async () => {
      const id = await driveTo(t, p, 'invitation');
      await send(t, p.initiator, id, { type: 'invitation.revoke' }).expect(200);
      await expect(t.app.get(DataSource).getRepository(TimerEntity).countBy({ collaborationId: id })).resolves.toBe(0);
    });

    it('ends the term at its end date, opens the review window and lets the initiator close it after 30 days', async () => {
      const id = await driveTo(t, p, 'execution');
      const timers = await t.app.get(DataSource).getRepository(TimerEntity).findBy({ collaborationId: id });
      expect(timers.map((x) => [x.timerId, x.fireAt.toISOString()])).toEqual([
        ['termEnd', new Date(Date.parse(`${TERMS.endDate}T00:00:00+07:00`) + DAY).toISOString()],
      ]);
      clock.advance(timers[0].fireAt.getTime() - clock.now().getTime() + 1000);
      await worker().runOnce();
      const ended = await view(t, p.initiator, id);
      expect(ended).toMatchObject({ state: 'postReview', context: { ended: { how: 'term' } } });
      expect(ended.allowedEvents).not.toContain('review.close');
      clock.advance(30 * DAY);
      await worker().runOnce();
      const closable = await view(t, p.initiator, id);
      expect(closable.allowedEvents).toContain('review.close');
      await send(t, p.initiator, id, { type: 'review.close' }).expect(200);
      expect((await verify(id)).problems).toEqual([]);
    });

    it('fires a timer that fell due while the service was down when it starts again, late, with dueAt', async () => {
      const id = await driveTo(t, p, 'invitation');
      const dueAt = (await t.app.get(DataSource).getRepository(TimerEntity).findOneByOrFail({ collaborationId: id })).fireAt;
      const later = new TestClock();
      later.advance(clock.now().getTime() - Date.now() + 20 * DAY);
      // A second instance on the same database, with the default worker: it delivers due timers on start.
      const restarted = await startTestApp({}, { shareWith: t, clock: later });
      try {
        const expired = await eventually(restarted, p.initiator, id, (v) => v.state === 'partnerSearch');
        expect(expired.context.invitationOutcomes.at(-1)).toMatchObject({ outcome: 'expired' });
        const last = (await history(id)).at(-1);
        expect(last).toMatchObject({ type: 'invitation.expire', dueAt: dueAt.toISOString() });
        expect(Date.parse(last.at) - dueAt.getTime()).toBeGreaterThan(5 * DAY);
      } finally {
        await restarted.app.close();
      }
    });
  });

  it('keeps a failed effect in the outbox, retries it after a backoff, and applies its event once', async () => {
    const id = await driveTo(t, p, 'negotiation');
    const plugins = t.app.get(WorkflowPlugins);
    const original = plugins.handlerOf('generateAgreement')!;
    plugins.handle(
      'generateAgreement',
      async () => {
        throw new Error('renderer unavailable');
      },
      { replace: true },
    );
    const outbox = () => t.app.get(DataSource).getRepository(EffectEntity).findBy({ collaborationId: id });
    try {
      await send(t, p.partner, id, { type: 'terms.accept', revision: 1 }).expect(200);
      for (let i = 0; i < 200 && (await outbox())[0]?.lastError !== 'renderer unavailable'; i++)
        await new Promise((r) => setTimeout(r, 10));
    } finally {
      plugins.handle('generateAgreement', original, { replace: true });
    }
    expect(await outbox()).toEqual([expect.objectContaining({ status: 'pending', lastError: 'renderer unavailable' })]);
    expect((await outbox())[0].attempts).toBeGreaterThanOrEqual(1);
    expect((await view(t, p.initiator, id)).context.agreement.sha256).toBeNull();
    clock.advance(60_000); // past the backoff
    await worker().runOnce();
    expect(await outbox()).toEqual([expect.objectContaining({ status: 'done' })]);
    expect((await view(t, p.initiator, id)).context.agreement.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await history(id)).filter((e: { type: string }) => e.type === 'agreement.generated')).toHaveLength(1);
  });

  describe('versions', () => {
    it('keeps a collaboration on the version it started on while new ones start on the latest', async () => {
      const registry = t.app.get(WorkflowRegistry);
      const onV1 = await createCollaboration(t, p.initiator);
      const config = collaborationV1.config as Record<string, any>;
      // A test-only v2: submitting a proposal first goes through a new `screening` state.
      const machineV2 = createMachine(
        {
          ...config,
          id: 'collaboration.v2',
          states: {
            ...config.states,
            proposal: {
              ...config.states.proposal,
              on: {
                ...config.states.proposal.on,
                'proposal.submit': { ...config.states.proposal.on['proposal.submit'], target: 'screening' },
              },
            },
            screening: { on: { 'proposal.reopen': { guard: 'permitted', target: 'proposal', actions: 'apply' } } },
          },
        } as never,
        collaborationV1.implementations as never,
      );
      registry.register({ ...COLLABORATION_VERSIONS[1], version: 2, machine: machineV2 as never });
      try {
        const onV2 = await createCollaboration(t, p.initiator);
        expect((await view(t, p.initiator, onV2)).workflow).toEqual({ id: 'collaboration', version: 2 });
        expect((await view(t, p.initiator, onV1)).workflow).toEqual({ id: 'collaboration', version: 1 });
        expect((await send(t, p.initiator, onV1, { type: 'proposal.submit' }).expect(200)).body.state).toBe('partnerSearch');
        // Unchecked: the test-only v2's `screening` state is not one the served document (built from the released versions) knows.
        const screened = t
          .http({ unchecked: 'a test-only workflow version with a state the document does not list' })
          .post(`/api/v1/collaborations/${onV2}/events`)
          .set(p.initiator.auth)
          .send({ type: 'proposal.submit' });
        expect((await screened.expect(200)).body.state).toBe('screening');
        const workflows = await t.http().get('/api/v1/workflows').set(p.initiator.auth).expect(200);
        expect(workflows.body).toEqual([{ id: 'collaboration', versions: [1, 2], latest: 2 }]);
        expect((await verifyHistories(t.app.get(DataSource), registry, [onV1, onV2])).map((r) => r.problems)).toEqual([[], []]);
        // The replay check would catch a collaboration replayed on the wrong version.
        const [wrong] = transition(
          machineV2,
          machineV2.resolveState({ value: 'proposal', context: (await view(t, p.initiator, onV1)).context }),
          {
            type: 'proposal.submit',
            actor: { kind: 'party', userId: p.initiator.userId, organizationId: p.initiator.organizationId },
            at: new Date().toISOString(),
          } as never,
        );
        expect(wrong.value).toBe('screening');
      } finally {
        (registry as any).versions.delete(2);
        (registry as any).latestVersion = 1;
      }
    });
  });
});
