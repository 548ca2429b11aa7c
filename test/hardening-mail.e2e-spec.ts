import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { DAY, TestClock } from './support/clock.js';
import { type Registered, registerUser } from './support/factories.js';
import { createCollaboration, send } from './support/lifecycle.js';
import { parseMail, startSmtpServer, type TestSmtpServer } from './support/smtp.js';

// Issue 13, item 9: invitation mail is not an open relay.
describe('invitation mail limits (issue 13, item 9)', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  const clock = new TestClock('2026-12-01T03:00:00.000Z');
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp(
      {
        WORKER_POLL_MS: '0',
        PUBLIC_URL: 'https://kolabora.example',
        SMTP_URL: smtp.url,
        MAIL_DAILY_PER_ADDRESS: '2',
        MAIL_DAILY_PER_ORGANIZATION: '4',
      },
      { clock },
    );
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const contact = (email: string) => ({ name: 'Sari Wulandari', email, brand: 'Tenun Sari' });
  const count = async (table: string): Promise<number> =>
    Number(((await t.app.get(DataSource).query(`SELECT count(*) AS n FROM ${table}`)) as Array<{ n: unknown }>)[0].n);

  /** A proposal in partner search with `email` shortlisted and rated: ready for `partner.invite`. */
  async function shortlisted(initiator: Registered, email: string): Promise<string> {
    const id = await createCollaboration(t, initiator);
    await send(t, initiator, id, { type: 'proposal.submit' }).expect(200);
    await send(t, initiator, id, { type: 'partner.shortlist', contact: contact(email), source: 'event' }).expect(200);
    await send(t, initiator, id, { type: 'partner.rate', candidateId: 'candidate-1', scores: { capability_fit: 4 } }).expect(200);
    return id;
  }
  const invite = (who: Registered, id: string, message = 'Kolaborasi kapsul batik?') =>
    send(t, who, id, { type: 'partner.invite', candidateId: 'candidate-1', message });

  it('limits invitation mails to one address per day: invite, revoke, invite… is 429 with Retry-After, and writes nothing', async () => {
    const initiator = await registerUser(t);
    const id = await shortlisted(initiator, 'relay@target.example');
    await invite(initiator, id).expect(200);
    await send(t, initiator, id, { type: 'invitation.revoke' }).expect(200);
    await invite(initiator, id).expect(200);
    await send(t, initiator, id, { type: 'invitation.revoke' }).expect(200);
    const [tokens, notifications] = [await count('invitation_tokens'), await count('notifications')];

    clock.advance(60 * 60 * 1000); // an hour after the first mail
    const limited = await invite(initiator, id).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', details: { limit: 2, per: 'address' } });
    // The first mail leaves the 24-hour window 23 hours from now.
    // The test clock runs with real time: a slow machine takes seconds between the mails and this request.
    expect(23 * 60 * 60 - Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(0);
    expect(23 * 60 * 60 - Number(limited.headers['retry-after'])).toBeLessThan(30);
    expect([await count('invitation_tokens'), await count('notifications')]).toEqual([tokens, notifications]);
    expect((await t.http().get(`/api/v1/collaborations/${id}`).set(initiator.auth).expect(200)).body.state).toBe('partnerSearch');

    // Another address is not held back by this one's limit.
    const other = await shortlisted(initiator, 'someone-else@target.example');
    await invite(initiator, other).expect(200);

    clock.advance(23 * 60 * 60 * 1000);
    await invite(initiator, id).expect(200);
  });

  it('limits invitation mails per inviting organization per day, whatever the addresses', async () => {
    clock.advance(2 * DAY);
    const initiator = await registerUser(t);
    for (let i = 0; i < 4; i++) await invite(initiator, await shortlisted(initiator, `contact${i}@shop.example`)).expect(200);
    const id = await shortlisted(initiator, 'contact5@shop.example');
    const limited = await invite(initiator, id).expect(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 4, per: 'organization' } });
    // All four went out moments ago (the test clock runs with real time, so a slow machine adds seconds).
    expect(24 * 60 * 60 - Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(0);
    expect(24 * 60 * 60 - Number(limited.headers['retry-after'])).toBeLessThan(30);

    // Another organization still invites.
    const another = await registerUser(t);
    await invite(another, await shortlisted(another, 'contact5@shop.example')).expect(200);
  });

  it('makes only links to PUBLIC_URL clickable in a mail; other links are shown defanged', async () => {
    clock.advance(2 * DAY);
    smtp.received.length = 0;
    const initiator = await registerUser(t);
    const id = await shortlisted(initiator, 'phished@target.example');
    const message =
      'Masuk di https://evil.example/login?next=1 atau www.phish.example/akun, ' +
      'lihat juga evil-shop.example. Brosur: https://kolabora.example/docs';
    await invite(initiator, id, message).expect(200);
    await t.app.get(NotificationsService).deliverDue();
    const mail = smtp.received.find((m) => m.to.includes('phished@target.example'))!;
    const { text } = parseMail(mail.raw);
    expect(text).not.toMatch(/https?:\/\/evil\.example/);
    expect(text).not.toContain('www.phish.example');
    expect(text).not.toContain('evil-shop.example');
    expect(text).toContain('evil[.]example/login?next=1');
    expect(text).toContain('www[.]phish[.]example/akun');
    expect(text).toContain('evil-shop[.]example');
    expect(text).toContain('https://kolabora.example/docs');
    expect(text).toMatch(/https:\/\/kolabora\.example\/invitations\/[A-Za-z0-9_-]{43}/); // the invitation link itself
  });
});
