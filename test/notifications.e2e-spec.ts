import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { NotificationEntity } from '../src/notifications/notification.entity.js';
import { MAX_ATTEMPTS, NotificationsService, type NewNotification } from '../src/notifications/notifications.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { TestClock } from './support/clock.js';
import { joinOrganization, registerUser } from './support/factories.js';
import { parseMail, startSmtpServer, type TestSmtpServer } from './support/smtp.js';

const MINUTE = 60_000;

/** A notification as the invitation code will write one: both languages, a link with a query string, non-ASCII text. */
const invitation = (email: string, extra: Partial<NewNotification> = {}): NewNotification =>
  ({
    kind: 'invitation_sent',
    email,
    subject: { id: 'Undangan kolaborasi dari Lookout', en: 'Collaboration invitation from Lookout' },
    body: {
      id: 'Lookout Kreasi mengundang Anda ke kolaborasi “Kapsul Batik 2027” — buka tautan untuk menerima.',
      en: 'Lookout Kreasi invites you to the collaboration “Kapsul Batik 2027” — open the link to accept.',
    },
    link: 'http://localhost:3000/invitations/Zm9vYmFyYmF6?lang=id&utm_source=email',
    ...extra,
  }) as NewNotification;

const logCapture = (lines: string[], context: string): Writable =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((l) => l.includes(`"context":"${context}"`)),
      );
      done();
    },
  });

describe('notifications by SMTP', () => {
  let smtp: TestSmtpServer;
  let a: TestApp;
  let b: TestApp;
  const clock = new TestClock('2026-11-28T03:00:00.000Z');
  const lines: string[] = [];
  const capture = logCapture(lines, 'NotificationsService');
  const env = (): Record<string, string> => ({
    WORKER_POLL_MS: '0',
    LOG_LEVEL: 'info',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Kolabora Uji <kabar@kolabora.test>',
  });
  const notifications = (t: TestApp): NotificationsService => t.app.get(NotificationsService);
  const row = (id: string): Promise<NotificationEntity | null> => a.app.get(DataSource).getRepository(NotificationEntity).findOneBy({ id });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    a = await startTestApp(env(), { clock, logDestination: capture });
    b = await startTestApp(env(), { clock, logDestination: capture, shareWith: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await smtp?.close();
  });

  it('mails a notification: subject "id / en", Indonesian then English, the link, from MAIL_FROM, once', async () => {
    const id = await notifications(a).enqueue(invitation('sari@butik-sari.example.id'));
    expect(await notifications(a).deliverDue()).toBe(1);

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to).toEqual(['sari@butik-sari.example.id']);
    expect(mail.from).toBe('kabar@kolabora.test');
    expect(mail.user).toBe('kolabora'); // the credentials in SMTP_URL were used
    const parsed = parseMail(mail.raw);
    expect(parsed.subject).toBe('Undangan kolaborasi dari Lookout / Collaboration invitation from Lookout');
    expect(parsed.headers.from).toBe('Kolabora Uji <kabar@kolabora.test>');
    expect(parsed.headers['x-kolabora-notification']).toBe(id);
    expect(parsed.headers['content-type']).toMatch(/^text\/plain/);
    const indonesian = parsed.text.indexOf('Lookout Kreasi mengundang Anda ke kolaborasi “Kapsul Batik 2027” — buka tautan');
    const english = parsed.text.indexOf('Lookout Kreasi invites you to the collaboration “Kapsul Batik 2027” — open the link');
    expect(indonesian).toBeGreaterThanOrEqual(0);
    expect(english).toBeGreaterThan(indonesian);
    expect(parsed.text).toContain('http://localhost:3000/invitations/Zm9vYmFyYmF6?lang=id&utm_source=email');

    expect(await notifications(a).deliverDue()).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(await row(id)).toMatchObject({ attempts: 0, lastError: null, deliveredAt: expect.any(Date) });
  });

  it('counts a row for an organization only as delivered (in-app) without sending mail; its members get their own copies', async () => {
    const before = smtp.received.length;
    const owner = await registerUser(a);
    const id = await notifications(a).enqueue({ ...invitation(''), email: null, organizationId: owner.organizationId } as NewNotification);
    expect(await notifications(a).deliverDue()).toBe(2); // the organization's row, and the owner's copy (test/email.e2e-spec.ts)
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([[owner.email]]);
    expect(parseMail(smtp.received[before].raw).headers['x-kolabora-notification']).not.toBe(id);
    expect(await row(id)).toMatchObject({ email: null, deliveredAt: expect.any(Date) });
  });

  it('writes the notification only when the transaction that enqueues it commits', async () => {
    const dataSource = a.app.get(DataSource);
    let rolledBack = '';
    await expect(
      dataSource.transaction(async (em) => {
        rolledBack = await notifications(a).enqueue(invitation('rollback@example.id'), em);
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    const committed = await dataSource.transaction((em) => notifications(a).enqueue(invitation('commit@example.id'), em));
    expect(await row(rolledBack)).toBeNull();
    expect(await row(committed)).not.toBeNull();
    const before = smtp.received.length;
    expect(await notifications(a).deliverDue()).toBe(1);
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([['commit@example.id']]);
  });

  it('delivers each row once when two instances deliver at the same moment', async () => {
    const before = smtp.received.length;
    const ids = await Promise.all(
      Array.from({ length: 8 }, (_, i) => notifications(i % 2 ? a : b).enqueue(invitation(`partner-${i}@example.id`))),
    );
    const [x, y] = await Promise.all([notifications(a).deliverDue(), notifications(b).deliverDue()]);
    expect(x + y).toBe(8);
    const sent = smtp.received.slice(before).map((m) => parseMail(m.raw).headers['x-kolabora-notification']);
    expect(sent.sort()).toEqual([...ids].sort());
    const [again1, again2] = await Promise.all([notifications(a).deliverDue(), notifications(b).deliverDue()]);
    expect(again1 + again2).toBe(0);
    expect(smtp.received.length - before).toBe(8);
  });

  it('keeps a notification the SMTP server refused, retries it after a backoff, and delivers it when the server recovers', async () => {
    const before = smtp.received.length;
    smtp.reject = true;
    const id = await notifications(a).enqueue(invitation('retry@example.id'));
    expect(await notifications(a).deliverDue()).toBe(0);
    expect(smtp.refused).toEqual(['retry@example.id']);
    expect(await row(id)).toMatchObject({ attempts: 1, deliveredAt: null, lastError: expect.stringMatching(/550/) });
    expect(lines.some((l) => l.includes(id) && l.includes('attempt 1'))).toBe(true);

    // Not tried again before the backoff (1 minute after the first failure), on either instance.
    expect(await notifications(b).deliverDue()).toBe(0);
    clock.advance(MINUTE - 1_000);
    expect(await notifications(b).deliverDue()).toBe(0);
    expect(smtp.refused).toHaveLength(1);

    smtp.reject = false;
    clock.advance(1_000);
    expect(await notifications(b).deliverDue()).toBe(1);
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([['retry@example.id']]);
    expect(await row(id)).toMatchObject({ attempts: 1, deliveredAt: expect.any(Date) });
  });

  it(`gives up after ${MAX_ATTEMPTS} failed deliveries, with an error in the log`, async () => {
    smtp.reject = true;
    smtp.refused.length = 0;
    const id = await notifications(a).enqueue(invitation('never@example.id'));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS + 2; attempt += 1) {
      expect(await notifications(a).deliverDue()).toBe(0);
      clock.advance(attempt * MINUTE);
    }
    smtp.reject = false;
    expect(await notifications(a).deliverDue()).toBe(0);
    expect(smtp.refused).toHaveLength(MAX_ATTEMPTS);
    expect(await row(id)).toMatchObject({ attempts: MAX_ATTEMPTS, deliveredAt: null });
    const gaveUp = lines.filter((l) => l.includes(id) && l.includes('given up'));
    expect(gaveUp).toHaveLength(1);
    expect(JSON.parse(gaveUp[0])).toMatchObject({ level: 50 });
  });
});

describe('notifications in-app and in the log', () => {
  let t: TestApp;
  const clock = new TestClock('2026-11-28T03:00:00.000Z');
  const lines: string[] = [];
  const capture = logCapture(lines, 'Mail');

  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '0', LOG_LEVEL: 'info' }, { clock, logDestination: capture });
  });
  afterAll(async () => t?.close());

  it("lists the notifications of the caller's organizations only, newest first, page by page", async () => {
    const notifications = t.app.get(NotificationsService);
    const dewi = await registerUser(t);
    const other = await registerUser(t);
    const third = await registerUser(t);
    // Dewi also belongs to the third organization.
    await joinOrganization(t, third, third.organizationId, dewi);
    // Her joining is the third organization's first notification.
    const joined = (await t.http().get('/api/v1/notifications').set(third.auth).expect(200)).body.items;
    expect(joined.map((n: { kind: string }) => n.kind)).toEqual(['membership_accepted']);
    // Out of the way of the counts below: the invitation mail and this notice.
    expect(await notifications.deliverDue()).toBe(2);
    lines.length = 0;

    const enqueue = async (organizationId: string | null, n: number, email?: string): Promise<string> => {
      clock.advance(1_000);
      return notifications.enqueue({
        kind: 'invitation_accepted',
        organizationId,
        email: email ?? null,
        subject: { id: `Undangan diterima ${n}`, en: `Invitation accepted ${n}` },
        body: { id: `Isi ${n}`, en: `Body ${n}` },
        link: `http://localhost:3000/collaborations/${n}`,
      } as NewNotification);
    };
    const mine = [joined[0].id as string, await enqueue(dewi.organizationId, 1)];
    await enqueue(other.organizationId, 2);
    mine.push(await enqueue(third.organizationId, 3));
    await enqueue(null, 4, 'outsider@example.id');
    mine.push(await enqueue(dewi.organizationId, 5, 'dewi@example.id'));
    mine.push(await enqueue(dewi.organizationId, 6));

    const seen: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Array<Record<string, unknown>>; nextCursor: string | null } } = await t
        .http()
        .get('/api/v1/notifications')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set(dewi.auth)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen.map((n) => n.id)).toEqual([...mine].reverse());
    expect(seen[0]).toEqual({
      id: mine[4],
      organizationId: dewi.organizationId,
      kind: 'invitation_accepted',
      subject: { id: 'Undangan diterima 6', en: 'Invitation accepted 6' },
      body: { id: 'Isi 6', en: 'Body 6' },
      link: 'http://localhost:3000/collaborations/6',
      collaborationId: null,
      createdAt: expect.any(String),
      deliveredAt: null,
    });
    expect(seen.map((n) => n.organizationId)).toEqual([
      dewi.organizationId,
      dewi.organizationId,
      third.organizationId,
      dewi.organizationId,
      third.organizationId,
    ]);

    const others = await t.http().get('/api/v1/notifications').set(other.auth).expect(200);
    expect(others.body.items.map((n: { subject: { en: string } }) => n.subject.en)).toEqual(['Invitation accepted 2']);
    expect(others.body.nextCursor).toBeNull();

    await t.http().get('/api/v1/notifications').expect(401);
    const bad = await t.http().get('/api/v1/notifications?cursor=not-a-cursor').set(dewi.auth).expect(400);
    expect(bad.body.details.fields[0].field).toBe('cursor');
    await t.http().get('/api/v1/notifications?limit=0').set(dewi.auth).expect(400);

    // The log mailer delivers all six, addressed or not, and the copies for the members of the four addressed only to an
    // organization (1, 2, 6: its owner; 3: the third's owner and Dewi): one line each.
    expect(await notifications.deliverDue()).toBe(6 + 5);
    const after = await t.http().get('/api/v1/notifications').set(dewi.auth).expect(200);
    expect(after.body.items.every((n: { deliveredAt: string | null }) => n.deliveredAt !== null)).toBe(true);
    expect(lines).toHaveLength(6 + 5);
  });

  it('writes one JSON log line per message with the subject in both languages, both texts and the link', async () => {
    const notifications = t.app.get(NotificationsService);
    await notifications.deliverDue(); // whatever an earlier test left
    lines.length = 0;
    const id = await notifications.enqueue(invitation('sari@butik-sari.example.id'));
    expect(await notifications.deliverDue()).toBe(1);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]) as { level: number; msg: string };
    expect(line.level).toBe(30);
    expect(line.msg).toContain(id);
    expect(line.msg).toContain('to sari@butik-sari.example.id: Undangan kolaborasi dari Lookout / Collaboration invitation from Lookout');
    expect(line.msg).toContain('mengundang Anda');
    expect(line.msg).toContain('invites you');
    expect(line.msg).toContain('http://localhost:3000/invitations/Zm9vYmFyYmF6?lang=id&utm_source=email');
    expect(await notifications.deliverDue()).toBe(0);
    expect(lines).toHaveLength(1);
  });
});
