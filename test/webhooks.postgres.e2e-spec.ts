import { startTestApp, type TestApp } from './support/app.js';
import { createCollaboration, pair, send, type Pair } from './support/lifecycle.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

// Two application instances on one PostgreSQL database, both delivering webhooks in their background loops.
describe('webhooks from two instances on one PostgreSQL database', () => {
  let a: TestApp;
  let b: TestApp;
  let p: Pair;
  const r = new WebhookReceiver();
  beforeAll(async () => {
    await r.start();
    const env = { WORKER_POLL_MS: '20', WEBHOOKS_ALLOW_PRIVATE: 'true' };
    a = await startTestApp(env);
    b = await startTestApp(env, { shareWith: a });
    p = await pair(a);
  });
  afterAll(async () => {
    await b.app.close();
    await a.close();
    await r.stop();
  });

  it('delivers each message exactly once, in seq order per collaboration, while events arrive through both', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await a
        .http()
        .post(`/api/v1/organizations/${p.initiator.organizationId}/webhooks`)
        .set(p.initiator.auth)
        .send({ url: r.url, events: ['collaboration.transitioned'] })
        .expect(201);
      r.secrets.push(res.body.secret);
    }
    const ids = await Promise.all(Array.from({ length: 4 }, () => createCollaboration(a, p.initiator)));
    const rounds = 8;
    for (let round = 0; round < rounds; round++) {
      await Promise.all(
        ids.map((id, i) =>
          send((round + i) % 2 ? a : b, p.initiator, id, { type: 'proposal.update', title: `Round ${round}` }).expect(200),
        ),
      );
    }
    const expected = ids.length * rounds * 2;
    const until = Date.now() + 20_000;
    while (r.received.length < expected && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    // Time for a duplicate to show up, if either instance were to send one.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(r.forged).toEqual([]);
    expect(r.received).toHaveLength(expected);
    expect(new Set(r.received.map((m) => m.id)).size).toBe(expected);
    for (const endpoint of [0, 1]) {
      for (const id of ids) {
        const seqs = r.received
          .filter((m) => m.verifiedBy.includes(endpoint) && m.body.data.collaborationId === id)
          .map((m) => m.body.data.seq);
        expect(seqs).toEqual(Array.from({ length: rounds }, (_, i) => i + 1));
      }
    }
  });
});
