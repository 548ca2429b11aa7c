import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Scheduler } from '../src/common/scheduler.js';
import { RemindersService } from '../src/ip-checklist/reminders.service.js';
import { DigestService } from '../src/notifications/digest.service.js';
import { MembershipEntity } from '../src/organizations/membership.entity.js';
import { NotificationEntity } from '../src/notifications/notification.entity.js';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { DAY, TestClock } from './support/clock.js';
import { type Registered, registerUser } from './support/factories.js';
import { driveTo, pair, REVIEW, send } from './support/lifecycle.js';
import { parseMail, type ParsedMail, startSmtpServer, type TestSmtpServer } from './support/smtp.js';

const PUBLIC_URL = 'https://kolabora.example';

interface Mail extends ParsedMail {
  to: string;
  kind: string;
}

describe('email to members', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  const clock = new TestClock('2026-11-28T03:00:00.000Z');
  const until = (iso: string): void => clock.advance(Date.parse(iso) - clock.now().getTime());
  let seen = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ WORKER_POLL_MS: '0', SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Kolabora <kabar@kolabora.test>' }, { clock });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    seen = smtp.received.length;
  });

  const dataSource = (): DataSource => t.app.get(DataSource);
  /** The mails received since the test began, each with the kind of the notification it carries. */
  const newMail = async (): Promise<Mail[]> => {
    const mails = smtp.received.slice(seen).map((m) => ({ ...parseMail(m.raw), to: m.to.join(',') }));
    const rows = await dataSource().getRepository(NotificationEntity).find();
    const kindOf = new Map(rows.map((r) => [r.id, r.kind]));
    return mails.map((m) => ({ ...m, kind: kindOf.get(m.headers['x-kolabora-notification']) ?? '?' }));
  };
  const kindsTo = async (who: Registered): Promise<string[]> =>
    (await newMail())
      .filter((m) => m.to === who.email)
      .map((m) => m.kind)
      .sort();
  const deliverAll = async (): Promise<void> => {
    while ((await t.app.get(NotificationsService).deliverDue()) > 0);
  };
  /** A registered user made a member of `organizationId` (the memberships row itself: the invitation flow is another part). */
  const memberOf = async (organizationId: string): Promise<Registered> => {
    const user = await registerUser(t);
    await dataSource()
      .getRepository(MembershipEntity)
      .insert({ organizationId, userId: user.userId, role: 'member', createdAt: clock.now() });
    return user;
  };
  const removeMember = async (organizationId: string, who: Registered): Promise<void> => {
    await dataSource().getRepository(MembershipEntity).delete({ organizationId, userId: who.userId });
  };
  const preferences = (who: Registered, email: Record<string, unknown>) =>
    t.http().patch('/api/v1/me/notifications').set(who.auth).send({ email });
  const unsubscribePath = (mail: ParsedMail): string => {
    const match = /^<(https:\/\/kolabora\.example)(\/api\/v1\/unsubscribe\/[A-Za-z0-9_-]+)>$/.exec(mail.headers['list-unsubscribe']);
    if (!match) throw new Error(`no one-click List-Unsubscribe header: ${mail.headers['list-unsubscribe']}`);
    return match[2];
  };

  it('has preferences with documented defaults, changed field by field, and validated naming the field', async () => {
    const dewi = await registerUser(t);
    const get = async () => (await t.http().get('/api/v1/me/notifications').set(dewi.auth).expect(200)).body;
    expect(await get()).toEqual({ email: { reminders: true, lifecycle: true, digest: 'off' } });
    expect((await preferences(dewi, { lifecycle: false }).expect(200)).body).toEqual({
      email: { reminders: true, lifecycle: false, digest: 'off' },
    });
    expect((await preferences(dewi, { digest: 'daily' }).expect(200)).body.email).toEqual({
      reminders: true,
      lifecycle: false,
      digest: 'daily',
    });
    expect(await get()).toEqual({ email: { reminders: true, lifecycle: false, digest: 'daily' } });

    for (const [body, field] of [
      [{ email: { reminders: 'yes' } }, 'email.reminders'],
      [{ email: { lifecycle: null } }, 'email.lifecycle'],
      [{ email: { digest: 'weekly' } }, 'email.digest'],
      [{ email: { sms: true } }, 'email.sms'],
      [{ email: true }, 'email'],
      [{}, 'email'],
    ] as const) {
      const res = await t.http().patch('/api/v1/me/notifications').set(dewi.auth).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await get()).toEqual({ email: { reminders: true, lifecycle: false, digest: 'daily' } });
    await t.http().get('/api/v1/me/notifications').expect(401);
    await t
      .http()
      .patch('/api/v1/me/notifications')
      .send({ email: { reminders: false } })
      .expect(401);
  });

  it('mails a due reminder to each member who wants reminders: not to one who turned them off (before or after it was written), nor to one removed', async () => {
    const owner = await registerUser(t);
    const ownerName = (await t.http().get(`/api/v1/organizations/${owner.organizationId}`).set(owner.auth).expect(200)).body.name;
    const keen = await memberOf(owner.organizationId);
    const quiet = await memberOf(owner.organizationId);
    const leaving = await memberOf(owner.organizationId);
    const changedMind = await memberOf(owner.organizationId);
    const removedEarlier = await memberOf(owner.organizationId);
    await preferences(quiet, { reminders: false }).expect(200);
    await removeMember(owner.organizationId, removedEarlier);
    // A provisional refusal noticed 20 November: the response is due 20 December, reminded on 13 December at 09.00 WIB.
    await t
      .http()
      .post(`/api/v1/organizations/${owner.organizationId}/marks`)
      .set(owner.auth)
      .send({ name: 'LOOKOUT', classes: [25], status: 'refused', refusalNoticeDate: '2026-11-20' })
      .expect(201);

    until('2026-12-13T02:00:00.000Z');
    expect(await t.app.get(RemindersService).deliverDue()).toBe(1);
    // Removed after the reminder was written, before the mail went out: checked again at delivery.
    await removeMember(owner.organizationId, leaving);
    await preferences(changedMind, { reminders: false }).expect(200);
    await deliverAll();

    const mails = await newMail();
    expect(mails.map((m) => m.to).sort()).toEqual([owner.email, keen.email].sort());
    for (const mail of mails) {
      expect(mail.kind).toBe('reminder');
      expect(mail.subject).toMatch(/ \/ .*LOOKOUT: Response to the provisional refusal/);
      const indonesian = mail.text.indexOf('2026-12-20');
      expect(indonesian).toBeGreaterThanOrEqual(0);
      expect(mail.text.indexOf('----------')).toBeGreaterThan(indonesian);
      expect(mail.text).toContain(`Anda menerima email ini sebagai anggota ${ownerName}`);
      expect(mail.text).toContain(`as a member of ${ownerName} on Kolabora. Stop getting reminder emails`);
      expect(mail.text).toContain('Berhenti menerima email pengingat');
      expect(mail.text).toContain(`${PUBLIC_URL}/api/v1/unsubscribe/`);
      expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(mail.headers['auto-submitted']).toBe('auto-generated');
      expect(unsubscribePath(mail)).toMatch(/^\/api\/v1\/unsubscribe\//);
    }
    const outcomes = await dataSource()
      .getRepository(NotificationEntity)
      .find({ where: { kind: 'reminder', organizationId: owner.organizationId } });
    expect(outcomes.map((r) => [r.userId, r.outcome]).sort()).toEqual(
      [
        [null, null], // the organization's own row: in-app
        [owner.userId, 'sent'],
        [keen.userId, 'sent'],
        [leaving.userId, 'notMember'],
        [changedMind.userId, 'optedOut'],
      ].sort(),
    );
    // In-app the reminder is listed once, not once per member.
    const inbox = (await t.http().get('/api/v1/notifications').set(keen.auth).expect(200)).body.items;
    expect(inbox.filter((n: { kind: string }) => n.kind === 'reminder')).toHaveLength(1);
  });

  it('mails lifecycle notices: invitation received and answered, agreement ready to sign, signed by the other party, executed', async () => {
    const parties = await pair(t);
    const partnerColleague = await memberOf(parties.partner.organizationId);
    const optedOut = await memberOf(parties.initiator.organizationId);
    await preferences(optedOut, { lifecycle: false }).expect(200);
    await driveTo(t, parties, 'ipChecklist'); // the initiator signs first, then the partner
    await deliverAll();

    expect(await kindsTo(parties.initiator)).toEqual(['agreement_executed', 'agreement_ready', 'invitation_accepted']);
    const partnerKinds = ['agreement_executed', 'agreement_ready', 'agreement_signed', 'invitation_sent'];
    expect(await kindsTo(parties.partner)).toEqual(partnerKinds);
    expect(await kindsTo(partnerColleague)).toEqual(partnerKinds);
    expect(await kindsTo(optedOut)).toEqual([]);

    const signed = (await newMail()).find((m) => m.to === parties.partner.email && m.kind === 'agreement_signed')!;
    expect(signed.subject).toBe(
      'LOOKOUT menandatangani perjanjian: LOOKOUT × Batik Kita / LOOKOUT signed the agreement: LOOKOUT × Batik Kita',
    );
    expect(signed.text).toContain('Berhenti menerima email kabar kolaborasi');
    expect(signed.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const executed = (await newMail()).find((m) => m.to === parties.initiator.email && m.kind === 'agreement_executed')!;
    expect(executed.text).toMatch(/Setiap pihak telah menandatangani[\s\S]*----------[\s\S]*Every party has signed/);
  });

  it('unsubscribes in one click without a login (POST), while opening the link (GET) only shows a page', async () => {
    const owner = await registerUser(t);
    await t.app.get(NotificationsService).enqueue({
      kind: 'reminder',
      organizationId: owner.organizationId,
      subject: { id: 'Pengingat uji', en: 'Test reminder' },
      body: { id: 'Batas waktu besok.', en: 'Due tomorrow.' },
    });
    await deliverAll();
    const [mail] = await newMail();
    const path = unsubscribePath(mail);

    const page = await t.http().get(path).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Berhenti menerima email pengingat');
    expect(page.text).toContain('<form method="post">');
    expect((await t.http().get('/api/v1/me/notifications').set(owner.auth).expect(200)).body.email.reminders).toBe(true);

    // As a mail client sends it (RFC 8058): a form body, no credentials.
    const res = await t.http().post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(res.body).toMatchObject({
      unsubscribed: 'reminders',
      preferences: { email: { reminders: false, lifecycle: true, digest: 'off' } },
    });
    expect((await t.http().get('/api/v1/me/notifications').set(owner.auth).expect(200)).body.email).toEqual({
      reminders: false,
      lifecycle: true,
      digest: 'off',
    });
    // Again, and from a browser's form: still off, and a page in answer.
    const again = await t
      .http()
      .post(path)
      .set('Accept', 'text/html,application/xhtml+xml')
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(again.status).toBe(200);
    expect(again.text).toContain('Anda tidak akan lagi menerima email pengingat');

    // The next reminder reaches the in-app list only.
    seen = smtp.received.length;
    await t.app.get(NotificationsService).enqueue({
      kind: 'reminder',
      organizationId: owner.organizationId,
      subject: { id: 'Pengingat kedua', en: 'Second reminder' },
      body: { id: 'Lagi.', en: 'Again.' },
    });
    await deliverAll();
    expect(await newMail()).toEqual([]);

    // A token changed in one character, or not a token at all, is not found; a form body elsewhere is not accepted.
    const forged = path.slice(0, -1) + (path.endsWith('A') ? 'B' : 'A');
    expect((await t.http().post(forged).type('form').send('List-Unsubscribe=One-Click').expect(404)).body.code).toBe('NOT_FOUND');
    await t.http().get('/api/v1/unsubscribe/nonsense').expect(404);
    const elsewhere = await t.http().post('/api/v1/auth/login').type('form').send('email=a%40b.id&password=x').expect(415);
    expect(elsewhere.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('keeps mail to people who are not members as it was: an invitation to a contact has no List-Unsubscribe', async () => {
    await t.app.get(NotificationsService).enqueue({
      kind: 'invitation_sent',
      email: 'kontak@tenun-sari.example',
      subject: { id: 'Undangan', en: 'Invitation' },
      body: { id: 'Anda diundang.', en: 'You are invited.' },
    });
    await deliverAll();
    const [mail] = await newMail();
    expect(mail.to).toBe('kontak@tenun-sari.example');
    expect(mail.headers['list-unsubscribe']).toBeUndefined();
    expect(mail.headers['list-unsubscribe-post']).toBeUndefined();
  });

  it('sends one daily digest at 17.00 WIB to a member who chose it, listing the notices since the last one', async () => {
    until('2026-12-20T01:00:00.000Z'); // 08.00 WIB
    const owner = await registerUser(t);
    const colleague = await memberOf(owner.organizationId);
    const leaver = await memberOf(owner.organizationId);
    await preferences(owner, { digest: 'daily' }).expect(200);
    await preferences(leaver, { digest: 'daily' }).expect(200);
    const notice = (n: number) =>
      t.app.get(NotificationsService).enqueue({
        kind: n === 1 ? 'reminder' : 'agreement_ready',
        organizationId: owner.organizationId,
        subject: { id: `Kabar nomor ${n}`, en: `Notice number ${n}` },
        body: { id: `Isi kabar ${n}.`, en: `Body of notice ${n}.` },
      });
    await notice(1);
    clock.advance(3_600_000);
    await notice(2);
    const scheduler = t.app.get(Scheduler);
    await scheduler.runOnce();
    // The colleague gets each at once; the owner nothing yet.
    expect((await newMail()).map((m) => m.to)).toEqual([colleague.email, colleague.email]);

    until('2026-12-20T09:59:59.000Z');
    await scheduler.runOnce();
    expect((await newMail()).filter((m) => m.to === owner.email)).toEqual([]);
    await removeMember(owner.organizationId, leaver); // held for the digest, then removed: the digest leaves them out

    until('2026-12-20T10:00:00.000Z'); // 17.00 WIB
    await scheduler.runOnce();
    await scheduler.runOnce();
    const digests = (await newMail()).filter((m) => m.to === owner.email);
    expect(digests).toHaveLength(1);
    expect((await newMail()).filter((m) => m.to === leaver.email)).toEqual([]);
    const [digest] = digests;
    expect(digest.kind).toBe('digest');
    expect(digest.subject).toBe('Ringkasan harian Kolabora: 2 pemberitahuan / Kolabora daily digest: 2 notices');
    const order = ['Kabar nomor 1', 'Isi kabar 2.', '----------', 'Notice number 1', 'Body of notice 2.'].map((s) =>
      digest.text.indexOf(s),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(digest.text).toContain('Berhenti menerima email pemberitahuan Kolabora');

    // The next day's digest carries only what came after; the digest's link turns off every member mail.
    clock.advance(3_600_000);
    await notice(3);
    await scheduler.runOnce();
    until('2026-12-21T10:00:00.000Z');
    await scheduler.runOnce();
    const second = (await newMail()).filter((m) => m.to === owner.email);
    expect(second.map((m) => m.subject)).toEqual([
      'Ringkasan harian Kolabora: 2 pemberitahuan / Kolabora daily digest: 2 notices',
      'Ringkasan harian Kolabora: 1 pemberitahuan / Kolabora daily digest: 1 notices',
    ]);
    expect(second[1].text).toContain('Kabar nomor 3');
    expect(second[1].text).not.toContain('Kabar nomor 1');
    const res = await t.http().post(unsubscribePath(second[1])).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(res.body).toMatchObject({
      unsubscribed: 'all',
      preferences: { email: { reminders: false, lifecycle: false, digest: 'daily' } },
    });
  });

  // Last: it moves the clock a month on.
  it('reminds when the review window ends: the initiator that it may close the review, a party yet to submit that its review is missing', async () => {
    const parties = await pair(t);
    const id = await driveTo(t, parties, 'postReview');
    await send(t, parties.partner, id, { type: 'review.submit', ...REVIEW }).expect(200);
    await deliverAll();
    seen = smtp.received.length;
    clock.advance(31 * DAY);
    await t.app.get(Scheduler).runOnce();
    await deliverAll();
    const mails = (await newMail()).filter((m) => m.kind === 'review_window_ended');
    expect(mails.map((m) => m.to)).toEqual([parties.initiator.email]); // the partner has submitted: nothing left for it to do
    const [mail] = mails;
    expect(mail.subject).toBe('Jendela tinjauan berakhir: LOOKOUT × Batik Kita / Review window ended: LOOKOUT × Batik Kita');
    expect(mail.text).toMatch(/Tinjauan pihak Anda belum dikirim[\s\S]*Anda sekarang dapat menutup tinjauan[\s\S]*----------/);
    expect(mail.text).toContain('As the initiator, you can now close the review.');
    expect(mail.text).toContain('Berhenti menerima email pengingat');
  });
});

describe('the daily digest on two instances', () => {
  let smtp: TestSmtpServer;
  let a: TestApp;
  let b: TestApp;
  const clock = new TestClock('2026-12-20T03:00:00.000Z');

  beforeAll(async () => {
    smtp = await startSmtpServer();
    a = await startTestApp({ WORKER_POLL_MS: '0', SMTP_URL: smtp.url, PUBLIC_URL }, { clock });
    b = await startTestApp({ WORKER_POLL_MS: '0', SMTP_URL: smtp.url, PUBLIC_URL }, { clock, shareWith: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await smtp?.close();
  });

  it('writes and mails one digest when both compose at the same moment', async () => {
    const owners = [await registerUser(a), await registerUser(a)];
    for (const owner of owners) {
      await a
        .http()
        .patch('/api/v1/me/notifications')
        .set(owner.auth)
        .send({ email: { digest: 'daily' } })
        .expect(200);
      for (const n of [1, 2]) {
        await a.app.get(NotificationsService).enqueue({
          kind: 'agreement_ready',
          organizationId: owner.organizationId,
          subject: { id: `Kabar ${n}`, en: `Notice ${n}` },
          body: { id: `Isi ${n}.`, en: `Body ${n}.` },
        });
      }
    }
    await a.app.get(NotificationsService).deliverDue();
    expect(smtp.received).toEqual([]);
    clock.advance(7 * 3_600_000); // 17.00 WIB
    const written = await Promise.all([a, b].map((t) => t.app.get(DigestService).composeDue()));
    // On one SQLite file one of two racing transactions may be refused (and its rows left for the next pass): never more than one each.
    expect(written[0] + written[1]).toBeLessThanOrEqual(2);
    await Promise.all([a, b].map((t) => t.app.get(NotificationsService).deliverDue()));
    await Promise.all([a, b].map((t) => t.app.get(DigestService).composeDue()));
    await Promise.all([a, b].map((t) => t.app.get(NotificationsService).deliverDue()));
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(owners.map((o) => o.email).sort());
    for (const mail of smtp.received) expect(parseMail(mail.raw).subject).toContain('Kolabora daily digest: 2 notices');
  });
});
