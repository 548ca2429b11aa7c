import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { Scheduler as WorkflowWorker } from '../src/common/scheduler.js';
import { startTestApp, type TestApp } from './support/app.js';
import { parseMail, startSmtpServer, type TestSmtpServer } from './support/smtp.js';
import { DAY, TestClock } from './support/clock.js';
import { type Registered, registerUser } from './support/factories.js';
import { createCollaboration, driveTo, pair, REVIEW, send, view } from './support/lifecycle.js';

const CONTACT = { name: 'Sari Wulandari', email: 'sari@tenun-sari.id', brand: 'Tenun Sari', phone: '+628123456789' };

describe('invitations beyond the platform', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  const clock = new TestClock('2026-11-28T03:00:00.000Z');
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ WORKER_POLL_MS: '0', PUBLIC_URL: 'https://kolabora.example', SMTP_URL: smtp.url }, { clock });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  const notificationsOf = async (who: Registered) =>
    (await t.http().get('/api/v1/notifications').set(who.auth).expect(200)).body.items as Array<Record<string, any>>;

  /** A proposal in partner search with the contact invited; returns the link's token. */
  async function invite(
    initiator: Registered,
    body: Record<string, unknown> = {},
  ): Promise<{ id: string; token: string; link: Record<string, any> }> {
    const id = await createCollaboration(t, initiator);
    await send(t, initiator, id, { type: 'proposal.submit' }).expect(200);
    await send(t, initiator, id, { type: 'partner.shortlist', contact: CONTACT, source: 'event', ...body }).expect(200);
    // A contact has no profile: the initiator rates the capability the proposal sets a minimum for.
    await send(t, initiator, id, { type: 'partner.rate', candidateId: 'candidate-1', scores: { capability_fit: 4 } }).expect(200);
    const invited = await send(t, initiator, id, {
      type: 'partner.invite',
      candidateId: 'candidate-1',
      message: 'Kolaborasi kapsul batik?',
    }).expect(200);
    const link = invited.body.invitation;
    const token = String(link.link).split('/invitations/')[1];
    return { id, token, link };
  }

  it('walks a contact from the email to the negotiation: the mail, the anonymous page, registration, accept', async () => {
    const initiator = await registerUser(t);
    const { id, token, link } = await invite(initiator);

    // The invitation goes out by SMTP, in both languages, with the link.
    expect(await t.app.get(NotificationsService).deliverDue()).toBeGreaterThanOrEqual(1);
    const mail = smtp.received.find((m) => m.to.includes(CONTACT.email))!;
    const parsed = parseMail(mail.raw);
    expect(parsed.subject).toBe('LOOKOUT mengundang Anda berkolaborasi / LOOKOUT invites you to collaborate');
    expect(parsed.text).toContain('Halo Sari Wulandari');
    expect(parsed.text).toContain('Kolaborasi kapsul batik?');
    expect(parsed.text).toContain('invites you to a co-branding (a joint capsule) collaboration');
    expect(parsed.text).toContain(link.link);
    // Only the token's hash is stored: not in the outbox either, where the mail kept a reference until it went out.
    const stored = JSON.stringify(await t.app.get(DataSource).query('SELECT link, body, subject FROM notifications'));
    expect(stored).toContain('kolabora:invitation:');
    expect(stored).not.toContain(token);
    expect(link.link).toMatch(/^https:\/\/kolabora\.example\/invitations\/[A-Za-z0-9_-]{43}$/);
    const invitedAt = (await view(t, initiator, id)).context.invitation.invitedAt;
    expect(Date.parse(link.expiresAt) - Date.parse(invitedAt)).toBe(14 * DAY); // the invitation window
    const text = decodeURIComponent(String(link.whatsappUrl).replace('https://wa.me/?text=', ''));
    expect(text).toContain('Halo Sari Wulandari');
    expect(text).toContain('invites you to collaborate (co-branding (a joint capsule)) on Kolabora');
    expect(text).toContain(link.link);
    // The initiator sees the link again; the context never carries the token.
    expect((await view(t, initiator, id)).invitation).toEqual(link);
    expect(JSON.stringify((await view(t, initiator, id)).context)).not.toContain(token);

    const shown = await t.http().get(`/api/v1/invitations/${token}`).expect(200);
    expect(shown.body).toEqual({ inviter: { name: 'LOOKOUT' }, form: 'co_branding', message: 'Kolaborasi kapsul batik?' });
    const page = await t.http().get(`/invitations/${token}`).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('LOOKOUT mengundang Anda berkolaborasi: co-branding (kapsul bersama).');
    expect(page.text).toContain('LOOKOUT invites you to collaborate');
    expect(page.text).toContain('Kolaborasi kapsul batik?');

    // Sari registers, then accepts for her new organization.
    const sari = await registerUser(t, {
      email: CONTACT.email,
      organization: {
        name: 'Tenun Sari',
        legalForm: 'ud',
        scale: 'micro',
        city: 'Yogyakarta',
        brands: ['Tenun Sari'],
        categories: ['textiles'],
      },
    });
    await t.http().post(`/api/v1/invitations/${token}/accept`).send({}).expect(401);
    const accepted = await t.http().post(`/api/v1/invitations/${token}/accept`).set(sari.auth).send({}).expect(200);
    expect(accepted.body).toEqual({ collaborationId: id, organizationId: sari.organizationId });
    const now = await view(t, sari, id);
    expect(now.state).toBe('negotiation');
    expect(now.parties.map((p: { role: string; organizationId: string }) => [p.role, p.organizationId])).toEqual([
      ['initiator', initiator.organizationId],
      ['partner', sari.organizationId],
    ]);
    expect((await view(t, initiator, id)).invitation).toBeUndefined();
    expect((await notificationsOf(initiator)).map((n) => [n.kind, n.subject.en])).toEqual([
      ['invitation_accepted', 'Tenun Sari accepted your invitation'],
    ]);

    // Used once: the link is gone for everyone.
    expect((await t.http().post(`/api/v1/invitations/${token}/accept`).set(sari.auth).send({}).expect(410)).body.code).toBe(
      'INVITATION_USED',
    );
    expect((await t.http().get(`/api/v1/invitations/${token}`).expect(410)).body.code).toBe('INVITATION_USED');
    expect((await t.http().get(`/invitations/${token}`)).status).toBe(410);
  });

  it('lets the contact decline without an account, and answers a wrong token 404 and an expired one 410', async () => {
    const initiator = await registerUser(t);
    const declined = await invite(initiator);
    await t.http().post(`/api/v1/invitations/${declined.token}/decline`).send({}).expect(400);
    await t.http().post(`/api/v1/invitations/${declined.token}/decline`).send({ reason: 'Sedang penuh order' }).expect(200);
    const after = await view(t, initiator, declined.id);
    expect(after.state).toBe('partnerSearch');
    expect(after.context.invitationOutcomes).toEqual([
      expect.objectContaining({ organizationId: null, contactEmail: CONTACT.email, outcome: 'declined', reason: 'Sedang penuh order' }),
    ]);

    const wrong = `${declined.token.slice(0, -1)}${declined.token.endsWith('A') ? 'B' : 'A'}`;
    expect((await t.http().get(`/api/v1/invitations/${wrong}`).expect(404)).body.code).toBe('NOT_FOUND');
    await t.http().get('/api/v1/invitations/not-a-token').expect(404);
    expect((await t.http().get(`/invitations/${wrong}`)).status).toBe(404);

    expect((await notificationsOf(initiator)).map((n) => [n.kind, n.body.en])).toEqual([
      ['invitation_declined', 'Sari Wulandari declined the invitation to "LOOKOUT × Batik Kita". Reason: Sedang penuh order'],
    ]);

    const other = await registerUser(t);
    const { token } = await invite(other);
    clock.advance(15 * DAY);
    expect((await t.http().get(`/api/v1/invitations/${token}`).expect(410)).body.code).toBe('INVITATION_EXPIRED');
    const late = await registerUser(t);
    expect((await t.http().post(`/api/v1/invitations/${token}/accept`).set(late.auth).send({}).expect(410)).body.code).toBe(
      'INVITATION_EXPIRED',
    );
    // The invitation window's timer ends it, and the initiator hears of it.
    await t.app.get(WorkflowWorker).runOnce();
    expect((await notificationsOf(other)).map((n) => n.kind)).toEqual(['invitation_expired']);
  });

  it('refuses accepting for an organization the user does not belong to, or as the initiator, writing nothing', async () => {
    const initiator = await registerUser(t);
    const { id, token } = await invite(initiator);
    const someone = await registerUser(t);
    const bad = await t
      .http()
      .post(`/api/v1/invitations/${token}/accept`)
      .set(someone.auth)
      .send({ organizationId: initiator.organizationId })
      .expect(400);
    expect(bad.body.details.fields[0].field).toBe('organizationId');
    const own = await t.http().post(`/api/v1/invitations/${token}/accept`).set(initiator.auth).send({}).expect(403);
    expect(own.body.code).toBe('EVENT_FORBIDDEN');
    expect((await view(t, initiator, id)).state).toBe('invitation');
    // The refused attempts did not use the link up.
    await t.http().get(`/api/v1/invitations/${token}`).expect(200);
  });

  it('names the field of a bad contact, and keeps one candidate per email', async () => {
    const initiator = await registerUser(t);
    const id = await createCollaboration(t, initiator);
    await send(t, initiator, id, { type: 'proposal.submit' }).expect(200);
    const noEmail = await send(t, initiator, id, { type: 'partner.shortlist', contact: { name: 'Sari' } }).expect(400);
    expect(noEmail.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['contact.email']);
    const badSource = await send(t, initiator, id, { type: 'partner.shortlist', contact: CONTACT, source: 'tiktok-live' }).expect(400);
    expect(badSource.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['source']);
    const neither = await send(t, initiator, id, { type: 'partner.shortlist' }).expect(400);
    expect(neither.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['contact', 'organizationId']);
    await send(t, initiator, id, { type: 'partner.shortlist', contact: CONTACT }).expect(200);
    const twice = await send(t, initiator, id, { type: 'partner.shortlist', contact: { ...CONTACT, email: 'SARI@tenun-sari.id' } }).expect(
      409,
    );
    expect(twice.body.message).toContain('already shortlisted');
  });

  it('shows per source how many candidates became partners and completed collaborations', async () => {
    const { initiator, partner } = await pair(t);
    const done = await driveTo(t, { initiator, partner }, 'postReview'); // shortlisted without a source
    await send(t, initiator, done, { type: 'review.submit', ...REVIEW }).expect(200);
    await send(t, partner, done, { type: 'review.submit', ...REVIEW }).expect(200);
    expect((await view(t, initiator, done)).state).toBe('completed');

    const { token } = await invite(initiator); // a contact met at an event, who accepts
    const sari = await registerUser(t);
    await t.http().post(`/api/v1/invitations/${token}/accept`).set(sari.auth).send({}).expect(200);
    const third = await createCollaboration(t, initiator);
    await send(t, initiator, third, { type: 'proposal.submit' }).expect(200);
    await send(t, initiator, third, { type: 'partner.shortlist', organizationId: sari.organizationId, source: 'directory' }).expect(200);

    const res = await t.http().get('/api/v1/insights/network').set(initiator.auth).expect(200);
    const row = (source: string) => res.body.sources.find((s: { source: string }) => s.source === source);
    expect(row('unknown')).toEqual({ source: 'unknown', candidates: 1, becamePartners: 1, completedCollaborations: 1 });
    expect(row('event')).toEqual({ source: 'event', candidates: 1, becamePartners: 1, completedCollaborations: 0 });
    expect(row('directory')).toEqual({ source: 'directory', candidates: 1, becamePartners: 0, completedCollaborations: 0 });
    expect(row('referral')).toEqual({ source: 'referral', candidates: 0, becamePartners: 0, completedCollaborations: 0 });
    // Another founder's insights do not include these.
    const theirs = await t.http().get('/api/v1/insights/network').set(sari.auth).expect(200);
    expect(theirs.body.sources.every((s: { candidates: number }) => s.candidates === 0)).toBe(true);
    await t.http().get(`/api/v1/insights/network?organizationId=${initiator.organizationId}`).set(sari.auth).expect(404);
  });

  it('holds back an ineligible candidate unless the initiator overrides, and keeps the reason in the history', async () => {
    const initiator = await registerUser(t);
    const id = await createCollaboration(t, initiator);
    await send(t, initiator, id, { type: 'proposal.submit' }).expect(200);
    const listed = await send(t, initiator, id, { type: 'partner.shortlist', contact: CONTACT }).expect(200);
    const fit = listed.body.context.candidates[0].fit;
    expect(fit).toMatchObject({ eligible: false, score: 0 });
    expect(fit.criteria.map((c: { key: string; source: string }) => [c.key, c.source])).toEqual([
      ['capability_fit', 'computed'],
      ['brand_image_fit', 'computed'],
    ]);
    const refused = await send(t, initiator, id, { type: 'partner.invite', candidateId: 'candidate-1' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'CANDIDATE_INELIGIBLE', details: { candidateId: 'candidate-1' } });
    expect(refused.body.message).toContain('minimum not yet known: capability_fit');
    expect((await view(t, initiator, id)).state).toBe('partnerSearch');

    // Rating it recomputes the fit: 60 × 4/5 + 40 × 3/5 = 48 + 24 = 72.
    const rated = await send(t, initiator, id, {
      type: 'partner.rate',
      candidateId: 'candidate-1',
      scores: { capability_fit: 4, brand_image_fit: 3 },
    }).expect(200);
    expect(rated.body.context.candidates[0].fit).toMatchObject({ score: 72, eligible: true });
    const low = await send(t, initiator, id, { type: 'partner.rate', candidateId: 'candidate-1', scores: { capability_fit: 2 } }).expect(
      200,
    );
    expect(low.body.context.candidates[0].fit).toMatchObject({ score: 48, eligible: false });

    await send(t, initiator, id, {
      type: 'partner.invite',
      candidateId: 'candidate-1',
      override: { reason: 'Met at JFW; samples were excellent' },
    }).expect(200);
    const history = (await t.http().get(`/api/v1/collaborations/${id}/history`).set(initiator.auth).expect(200)).body;
    expect(history.find((e: { type: string }) => e.type === 'partner.invite').payload).toMatchObject({
      override: { reason: 'Met at JFW; samples were excellent' },
    });
  });

  it('keeps the override reason from the invited organization, which cannot read the review either', async () => {
    const { initiator, partner } = await pair(t);
    const id = await createCollaboration(t, initiator);
    await send(t, initiator, id, { type: 'proposal.submit' }).expect(200);
    await send(t, initiator, id, { type: 'partner.shortlist', organizationId: partner.organizationId }).expect(200);
    await send(t, initiator, id, {
      type: 'partner.invite',
      candidateId: 'candidate-1',
      override: { reason: 'capacity low but cheap' },
    }).expect(200);
    const seen = JSON.stringify([
      await view(t, partner, id),
      (await t.http().get(`/api/v1/collaborations/${id}/history`).set(partner.auth).expect(200)).body,
    ]);
    expect(seen).not.toContain('capacity low but cheap');
    expect(JSON.stringify(await view(t, initiator, id))).toContain('capacity low but cheap');
    expect((await t.http().get(`/api/v1/collaborations/${id}/review`).set(partner.auth).expect(403)).body.code).toBe('FORBIDDEN');
  });
});
