import { DataSource } from 'typeorm';
import { Scheduler } from '../src/common/scheduler.js';
import { MembershipEntity } from '../src/organizations/membership.entity.js';
import { DISABLE_AFTER_MS, RETRY_SCHEDULE_MS } from '../src/webhooks/webhook-outbox.js';
import { WebhookEndpointEntity } from '../src/webhooks/webhook.entities.js';
import { startTestApp, type TestApp } from './support/app.js';
import { DAY, TestClock } from './support/clock.js';
import { registerUser, type Registered } from './support/factories.js';
import { createCollaboration, driveTo, eventually, pair, send } from './support/lifecycle.js';
import { type Received, WebhookReceiver } from './support/webhook-receiver.js';

const ALL = [
  'collaboration.transitioned',
  'agreement.generated',
  'agreement.signed',
  'agreement.executed',
  'checklist.item.due',
  'reminder.due',
  'invitation.answered',
];

/** The (seq, sub) order a stream's messages were received in must be the order they were written in. */
const inOrder = (messages: Received[]): boolean => messages.every((m, i) => i === 0 || messages[i - 1].body.data.seq <= m.body.data.seq);
const firstSeen = (messages: Received[]): Received[] => messages.filter((m, i) => messages.findIndex((o) => o.id === m.id) === i);

describe('webhooks', () => {
  let t: TestApp;
  const clock = new TestClock();
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '0', WEBHOOKS_ALLOW_PRIVATE: 'true' }, { clock });
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await t.close();
  });

  const receiver = async (): Promise<WebhookReceiver> => {
    const r = new WebhookReceiver();
    receivers.push(r);
    await r.start();
    return r;
  };
  const run = (): Promise<void> => t.app.get(Scheduler).runOnce();
  const hooks = (who: Registered, suffix = ''): string => `/api/v1/organizations/${who.organizationId}/webhooks${suffix}`;
  const subscribe = async (who: Registered, r: WebhookReceiver, events = ALL): Promise<{ id: string; secret: string }> => {
    const res = await t.http().post(hooks(who)).set(who.auth).send({ url: r.url, events, description: 'back office' }).expect(201);
    r.secrets.push(res.body.secret);
    return res.body;
  };
  const deliveries = async (who: Registered, webhookId: string) =>
    (
      await t
        .http()
        .get(hooks(who, `/${webhookId}/deliveries?limit=100`))
        .set(who.auth)
        .expect(200)
    ).body.items;

  it("delivers a collaboration's lifecycle, signed, in seq order, to each party's endpoint from when it is a party", async () => {
    const p = await pair(t);
    const r = await receiver();
    await subscribe(p.initiator, r); // secret 0
    await subscribe(p.partner, r); // secret 1
    const id = await driveTo(t, p, 'execution');
    await run();
    expect(r.forged).toEqual([]);
    const history = (await t.http().get(`/api/v1/collaborations/${id}/history`).set(p.initiator.auth).expect(200)).body as Array<{
      seq: number;
      type: string;
      from: string;
      to: string;
    }>;
    const byEndpoint = (secret: number): Received[] => r.received.filter((m) => m.verifiedBy.includes(secret));
    const initiator = byEndpoint(0);
    const partner = byEndpoint(1);
    expect(initiator.filter((m) => m.verifiedBy.length !== 1)).toEqual([]);

    const transitions = initiator.filter((m) => m.body.type === 'collaboration.transitioned');
    expect(transitions.map((m) => m.body.data)).toEqual(
      history.map((h) => ({ collaborationId: id, seq: h.seq, event: h.type, from: h.from, to: h.to })),
    );
    expect(inOrder(initiator)).toBe(true);
    expect(inOrder(partner)).toBe(true);
    // The invited organization hears of the collaboration from the event that makes it a party.
    const accepted = history.find((h) => h.type === 'invitation.accept')!.seq;
    expect(partner.filter((m) => m.body.type === 'collaboration.transitioned').map((m) => m.body.data.seq)).toEqual(
      history.filter((h) => h.seq >= accepted).map((h) => h.seq),
    );

    const agreement = history.find((h) => h.type === 'agreement.generated')!;
    for (const messages of [initiator, partner]) {
      const types = (type: string) => messages.filter((m) => m.body.type === type).map((m) => m.body.data);
      expect(types('invitation.answered')).toEqual([
        { collaborationId: id, seq: accepted, organizationId: p.partner.organizationId, answer: 'accepted' },
      ]);
      expect(types('agreement.generated')).toEqual([
        { collaborationId: id, seq: agreement.seq, version: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ]);
      expect(types('agreement.signed').map((d) => d.organizationId)).toEqual([p.initiator.organizationId, p.partner.organizationId]);
      expect(types('agreement.executed')).toEqual([
        { collaborationId: id, seq: history.find((h) => h.to === 'ipChecklist')!.seq, version: 1, sha256: expect.any(String) },
      ]);
      // Within one event, the transition comes before what it means.
      const executed = messages.findIndex((m) => m.body.type === 'agreement.executed');
      expect(messages[executed - 1].body.type).toBe('agreement.signed');
    }
    for (const m of r.received) {
      expect(m.id).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(Math.abs(m.timestamp - clock.now().getTime() / 1000)).toBeLessThan(60);
      expect(Object.keys(m.body).sort()).toEqual(['data', 'timestamp', 'type']);
      expect(m.signatures).toHaveLength(1);
    }
    // Nothing of another party's payload: a decline reason, terms or a review never travel.
    expect(JSON.stringify(r.received.map((m) => m.body))).not.toMatch(/Kolaborasi yuk|Batik overshirt|Dewi Lestari/);
  });

  it('is admins only: a member gets 403 ROLE_FORBIDDEN on every route, a stranger 404; the secret is shown once', async () => {
    const owner = await registerUser(t);
    const member = await registerUser(t);
    const stranger = await registerUser(t);
    await t.app.get(DataSource).getRepository(MembershipEntity).insert({
      organizationId: owner.organizationId,
      userId: member.userId,
      role: 'member',
      createdAt: new Date(),
    });
    const r = await receiver();
    const created = await subscribe(owner, r, ['collaboration.transitioned']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // Stored encrypted: the database alone does not hold it.
    const stored = await t.app.get(DataSource).getRepository(WebhookEndpointEntity).findOneByOrFail({ id: created.id });
    expect(stored.secret).toMatch(/^v1\./);
    expect(stored.secret).not.toContain(created.secret.slice(6));
    const listed = (await t.http().get(hooks(owner)).set(owner.auth).expect(200)).body;
    expect(listed).toHaveLength(1);
    const one = (
      await t
        .http()
        .get(hooks(owner, `/${created.id}`))
        .set(owner.auth)
        .expect(200)
    ).body;
    for (const shown of [listed[0], one]) {
      expect(shown).toMatchObject({
        id: created.id,
        url: r.url,
        events: ['collaboration.transitioned'],
        description: 'back office',
        enabled: true,
      });
      expect(JSON.stringify(shown)).not.toContain(created.secret.slice(6));
      expect(shown).not.toHaveProperty('secret');
    }
    const ping = await t
      .http()
      .post(hooks(owner, `/${created.id}/ping`))
      .set(owner.auth)
      .expect(201);
    const routes: Array<[string, string, object?]> = [
      ['post', hooks(owner), { url: r.url, events: ['reminder.due'] }],
      ['get', hooks(owner)],
      ['get', hooks(owner, `/${created.id}`)],
      ['patch', hooks(owner, `/${created.id}`), { description: 'mine now' }],
      ['delete', hooks(owner, `/${created.id}`)],
      ['get', hooks(owner, `/${created.id}/deliveries`)],
      ['post', hooks(owner, `/${created.id}/deliveries/${ping.body.id}/redeliver`)],
      ['post', hooks(owner, `/${created.id}/ping`)],
      ['post', hooks(owner, `/${created.id}/rotate-secret`)],
    ];
    for (const [method, url, body] of routes) {
      const asMember = await (t.http() as any)[method](url).set(member.auth).send(body);
      expect([method, url, asMember.status, asMember.body.code]).toEqual([method, url, 403, 'ROLE_FORBIDDEN']);
      const asStranger = await (t.http() as any)[method](url).set(stranger.auth).send(body);
      expect([method, url, asStranger.status]).toEqual([method, url, 404]);
    }
    // Another organization's admin cannot reach it under its own organization either.
    await t.http().get(`/api/v1/organizations/${stranger.organizationId}/webhooks/${created.id}`).set(stranger.auth).expect(404);
    expect(r.received).toHaveLength(1);
    await t
      .http()
      .delete(hooks(owner, `/${created.id}`))
      .set(owner.auth)
      .expect(204);
    await t
      .http()
      .get(hooks(owner, `/${created.id}`))
      .set(owner.auth)
      .expect(404);
  });

  it('validates the body, naming the field', async () => {
    const owner = await registerUser(t);
    const bad = async (body: object, field: string) => {
      const res = await t.http().post(hooks(owner)).set(owner.auth).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.details)).toContain(`"field":"${field}"`);
    };
    await bad({ url: 'ftp://example.com/x', events: ['reminder.due'] }, 'url');
    await bad({ url: 'not a url', events: ['reminder.due'] }, 'url');
    await bad({ url: 'https://user:pw@example.com/x', events: ['reminder.due'] }, 'url');
    await bad({ url: 'https://example.com/x', events: [] }, 'events');
    await bad({ url: 'https://example.com/x', events: ['collaboration.exploded'] }, 'events');
  });

  it('stopped mid-stream and restarted, the receiver ends with every message at least once, in seq order per collaboration', async () => {
    const p = await pair(t);
    const r = await receiver();
    const hook = await subscribe(p.initiator, r, ['collaboration.transitioned']);
    const ids = [await createCollaboration(t, p.initiator), await createCollaboration(t, p.initiator)];
    const update = async (round: number) => {
      for (const id of ids) expect((await send(t, p.initiator, id, { type: 'proposal.update', title: `Round ${round}` })).status).toBe(200);
    };
    for (let round = 0; round < 5; round++) await update(round);
    r.stopAfter = 3; // it goes down after answering its 3rd message
    await run();
    expect(r.running).toBe(false);
    const before = r.received.length;
    for (let round = 5; round < 10; round++) await update(round);
    await run();
    expect(r.received.length).toBe(before);
    const failed = (await deliveries(p.initiator, hook.id)).filter((d: { succeeded: boolean }) => !d.succeeded);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((d: { statusCode: number | null }) => d.statusCode === null)).toBe(true);
    // Cut while answering, or refused once down.
    for (const d of failed) expect(d.error).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up/);
    // Not retried before its backoff, and a later message of its collaboration waits behind it.
    const attempts = (await deliveries(p.initiator, hook.id)).length;
    await run();
    expect((await deliveries(p.initiator, hook.id)).length).toBe(attempts);

    await r.start();
    clock.advance(RETRY_SCHEDULE_MS[0]);
    await run();
    expect(r.forged).toEqual([]);
    for (const id of ids) {
      const got = r.of('collaboration.transitioned', id);
      expect(inOrder(got)).toBe(true);
      expect(firstSeen(got).map((m) => m.body.data.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    }
    // A retry is the same message: the same webhook-id.
    const failedIds = new Set(failed.map((d: { messageId: string }) => d.messageId));
    expect(r.received.filter((m) => failedIds.has(m.id)).length).toBeGreaterThan(0);
  });

  it('backs off 5 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h; after 24 h of failures the endpoint is disabled and its admins notified', async () => {
    const owner = await registerUser(t);
    const r = await receiver();
    const hook = await subscribe(owner, r, ['collaboration.transitioned']);
    await r.stop();
    const id = await createCollaboration(t, owner);
    await send(t, owner, id, { type: 'proposal.update', title: 'First' }).expect(200);
    await send(t, owner, id, { type: 'proposal.update', title: 'Second' }).expect(200);
    await run();
    expect(await deliveries(owner, hook.id)).toHaveLength(1); // the second waits behind the first
    const start = clock.now().getTime();
    for (const wait of [...RETRY_SCHEDULE_MS, 12 * 3_600_000]) {
      clock.advance(wait - 1000);
      await run();
      const before = (await deliveries(owner, hook.id)).length;
      clock.advance(1000);
      await run();
      expect((await deliveries(owner, hook.id)).length).toBe(before + 1);
    }
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(DISABLE_AFTER_MS);
    const shown = (
      await t
        .http()
        .get(hooks(owner, `/${hook.id}`))
        .set(owner.auth)
        .expect(200)
    ).body;
    expect(shown).toMatchObject({ enabled: false, disabledAt: expect.any(String), failingSince: expect.any(String) });
    const notices = (await t.http().get('/api/v1/notifications').set(owner.auth).expect(200)).body.items;
    expect(notices.filter((n: { kind: string }) => n.kind === 'webhook_disabled')).toHaveLength(1);
    expect(notices[0].body.en).toContain(r.url);

    // Disabled, it is left alone; enabled again, what waited goes out, in order.
    const count = (await deliveries(owner, hook.id)).length;
    clock.advance(DAY);
    await r.start();
    await run();
    expect((await deliveries(owner, hook.id)).length).toBe(count);
    expect(r.received).toHaveLength(0);
    await t
      .http()
      .patch(hooks(owner, `/${hook.id}`))
      .set(owner.auth)
      .send({ enabled: true })
      .expect(200);
    await run();
    expect(r.of('collaboration.transitioned', id).map((m) => m.body.data.seq)).toEqual([1, 2]);
    expect(
      (
        await t
          .http()
          .get(hooks(owner, `/${hook.id}`))
          .set(owner.auth)
          .expect(200)
      ).body,
    ).toMatchObject({ enabled: true, failingSince: null });
  });

  it('rotates the secret: both signatures for 24 hours, then only the new one', async () => {
    const owner = await registerUser(t);
    const r = await receiver();
    const hook = await subscribe(owner, r, ['collaboration.transitioned']);
    const rotated = (
      await t
        .http()
        .post(hooks(owner, `/${hook.id}/rotate-secret`))
        .set(owner.auth)
        .expect(200)
    ).body;
    expect(rotated.secret).not.toBe(hook.secret);
    const overlap = Date.parse(rotated.previousSecretExpiresAt) - clock.now().getTime();
    expect(overlap).toBeGreaterThan(DAY - 5000);
    expect(overlap).toBeLessThanOrEqual(DAY);
    r.secrets.push(rotated.secret);
    const id = await createCollaboration(t, owner);
    await send(t, owner, id, { type: 'proposal.update', title: 'Now' }).expect(200);
    await run();
    expect(r.received[0].signatures).toHaveLength(2);
    expect(r.received[0].verifiedBy).toEqual([0, 1]);
    expect(
      (
        await t
          .http()
          .get(hooks(owner, `/${hook.id}`))
          .set(owner.auth)
          .expect(200)
      ).body.previousSecretExpiresAt,
    ).toBe(rotated.previousSecretExpiresAt);
    clock.advance(DAY);
    await send(t, owner, id, { type: 'proposal.update', title: 'Later' }).expect(200);
    await run();
    expect(r.received[1].signatures).toHaveLength(1);
    expect(r.received[1].verifiedBy).toEqual([1]);
    expect(r.forged).toEqual([]);
  });

  it('pings, records status, latency and the first 1 KB of the answer, treats a redirect as a failure, and redelivers', async () => {
    const owner = await registerUser(t);
    const r = await receiver();
    const hook = await subscribe(owner, r, ['collaboration.transitioned']);
    r.answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(3000));
    const ping = (
      await t
        .http()
        .post(hooks(owner, `/${hook.id}/ping`))
        .set(owner.auth)
        .expect(201)
    ).body;
    expect(ping).toMatchObject({ type: 'webhook.ping', trigger: 'ping', succeeded: true, statusCode: 200, error: null });
    expect(ping.response).toBe('x'.repeat(1024));
    expect(ping.latencyMs).toBeGreaterThanOrEqual(0);
    expect(r.received[0].body).toMatchObject({ type: 'webhook.ping', data: { webhookId: hook.id } });

    r.answer = (_req, res) => res.writeHead(302, { location: `${r.url}/elsewhere` }).end();
    await send(t, owner, await createCollaboration(t, owner), { type: 'proposal.update', title: 'Now' }).expect(200);
    await run();
    const [failed] = await deliveries(owner, hook.id);
    expect(failed).toMatchObject({ type: 'collaboration.transitioned', trigger: 'scheduled', succeeded: false, statusCode: 302 });
    expect(failed.error).toMatch(/redirect/);
    expect(r.received.filter((m) => m.raw.includes('elsewhere'))).toHaveLength(0);
    expect(r.received).toHaveLength(2); // the redirect was not followed

    r.answer = (_req, res) => res.writeHead(204).end();
    const again = (
      await t
        .http()
        .post(hooks(owner, `/${hook.id}/deliveries/${failed.id}/redeliver`))
        .set(owner.auth)
        .expect(201)
    ).body;
    expect(again).toMatchObject({ trigger: 'redeliver', succeeded: true, statusCode: 204, messageId: failed.messageId });
    expect(r.received.map((m) => m.id)).toEqual([ping.messageId, failed.messageId, failed.messageId]);
    // Delivered by the redelivery: the scheduled retry does not send it again.
    clock.advance(RETRY_SCHEDULE_MS[0]);
    await run();
    expect(r.received).toHaveLength(3);
    await t
      .http()
      .post(hooks(owner, `/${hook.id}/deliveries/${hook.id}/redeliver`))
      .set(owner.auth)
      .expect(404);
  });

  it('sends a reminder.due for an IP deadline, in the transaction that sends the in-app reminder', async () => {
    const owner = await registerUser(t);
    const r = await receiver();
    await subscribe(owner, r, ['reminder.due']);
    const today = clock.now().toISOString().slice(0, 10);
    const registered = new Date(clock.now().getTime() - 9.9 * 365 * DAY).toISOString().slice(0, 10);
    const mark = (
      await t
        .http()
        .post(`/api/v1/organizations/${owner.organizationId}/marks`)
        .set(owner.auth)
        .send({
          name: 'LOOKOUT',
          classes: [25],
          status: 'registered',
          registrationNumber: 'IDM000999999',
          filingDate: registered,
          registrationDate: registered,
        })
        .expect(201)
    ).body;
    expect(today < mark.deadlines.find((d: { kind: string }) => d.kind === 'expiry').due).toBe(true);
    clock.advance(60 * DAY);
    await run();
    const notices = (await t.http().get('/api/v1/notifications').set(owner.auth).expect(200)).body.items;
    const reminders = r.of('reminder.due');
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.length).toBe(notices.filter((n: { kind: string }) => n.kind === 'reminder').length);
    expect(reminders[0].body.data).toMatchObject({
      ipRecordId: mark.id,
      deadline: expect.any(String),
      due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });
});

describe('webhook addresses when private ones are not allowed', () => {
  let t: TestApp;
  let owner: Registered;
  const r = new WebhookReceiver();
  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '0' });
    owner = await registerUser(t);
    await r.start();
  });
  afterAll(async () => {
    await r.stop();
    await t.close();
  });

  it.each([
    'http://127.0.0.1:8080/x',
    'http://localhost/x',
    'http://[::1]/x',
    'http://169.254.169.254/latest/meta-data',
    'http://10.1.2.3/x',
    'http://192.168.0.10/x',
    'http://[fd00::1]/x',
    'http://[::ffff:127.0.0.1]/x',
    'http://0.0.0.0/x',
    'http://224.0.0.1/x',
  ])('refuses %s at creation, naming url', async (url) => {
    const res = await t
      .http()
      .post(`/api/v1/organizations/${owner.organizationId}/webhooks`)
      .set(owner.auth)
      .send({ url, events: ['reminder.due'] })
      .expect(400);
    expect(res.body.details.fields[0].field).toBe('url');
    expect(res.body.message).toMatch(/private, loopback or link-local/);
  });

  it('checks again on every delivery: an endpoint whose host now resolves to a private address gets nothing', async () => {
    const created = await t
      .http()
      .post(`/api/v1/organizations/${owner.organizationId}/webhooks`)
      .set(owner.auth)
      .send({ url: 'http://93.184.216.34/hooks', events: ['collaboration.transitioned'] })
      .expect(201);
    // As if its DNS name had been rebound to this host after creation.
    await t.app.get(DataSource).getRepository(WebhookEndpointEntity).update({ id: created.body.id }, { url: r.url });
    const ping = (
      await t.http().post(`/api/v1/organizations/${owner.organizationId}/webhooks/${created.body.id}/ping`).set(owner.auth).expect(201)
    ).body;
    expect(ping).toMatchObject({
      succeeded: false,
      statusCode: null,
      error: expect.stringMatching(/127\.0\.0\.1, a private, loopback or link-local/),
    });
    await send(t, owner, await createCollaboration(t, owner), { type: 'proposal.update', title: 'Now' }).expect(200);
    await t.app.get(Scheduler).runOnce();
    expect(r.received).toEqual([]);
    const [scheduled] = (
      await t.http().get(`/api/v1/organizations/${owner.organizationId}/webhooks/${created.body.id}/deliveries`).set(owner.auth).expect(200)
    ).body.items;
    expect(scheduled).toMatchObject({ trigger: 'scheduled', type: 'collaboration.transitioned', succeeded: false, statusCode: null });
    await t
      .http()
      .patch(`/api/v1/organizations/${owner.organizationId}/webhooks/${created.body.id}`)
      .set(owner.auth)
      .send({ url: r.url })
      .expect(400);
  });
});

describe('checklist.item.due webhooks', () => {
  let t: TestApp;
  const clock = new TestClock('2026-11-28T03:00:00.000Z');
  const r = new WebhookReceiver();
  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '0', WEBHOOKS_ALLOW_PRIVATE: 'true' }, { clock });
    await r.start();
  });
  afterAll(async () => {
    await r.stop();
    await t.close();
  });

  it("goes to the responsible party's endpoints with the in-app reminder, not to the other party's", async () => {
    const p = await pair(t);
    for (const who of [p.initiator, p.partner]) {
      const res = await t
        .http()
        .post(`/api/v1/organizations/${who.organizationId}/webhooks`)
        .set(who.auth)
        .send({ url: r.url, events: ['checklist.item.due'] })
        .expect(201);
      r.secrets.push(res.body.secret);
    }
    const id = await driveTo(t, p, 'ipChecklist'); // the design filing is due on 2027-01-01, the initiator responsible
    await eventually(t, p.initiator, id, (v) => Boolean(v.context.checklist));
    await t.app.get(Scheduler).runOnce();
    expect(r.received).toEqual([]);
    // 2 December, 09:00 in Jakarta: 30 days before.
    clock.advance(Date.parse('2026-12-02T02:00:00.000Z') - clock.now().getTime());
    await t.app.get(Scheduler).runOnce();
    expect(r.forged).toEqual([]);
    expect(r.received.map((m) => [m.verifiedBy, m.body.type, m.body.data])).toEqual([
      [[0], 'checklist.item.due', { collaborationId: id, itemId: 'design-filing', due: '2027-01-01', daysBefore: 30, overdue: false }],
    ]);
  });
});
