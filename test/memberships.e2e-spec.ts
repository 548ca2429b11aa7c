import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MembershipsService } from '../src/memberships/index.js';
import { NotificationsService } from '../src/notifications/index.js';
import { startTestApp, type TestApp } from './support/app.js';
import { DAY, TestClock } from './support/clock.js';
import { joinOrganization, type Registered, registerUser } from './support/factories.js';
import { createCollaboration } from './support/lifecycle.js';
import { parseMail, startSmtpServer, type TestSmtpServer } from './support/smtp.js';

// Issue 16, part 1: membership people agree to, roles, removal, and access checked on every request.
describe('membership', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  const clock = new TestClock('2026-12-04T03:00:00.000Z');
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ WORKER_POLL_MS: '0', PUBLIC_URL: 'https://kolabora.example', SMTP_URL: smtp.url }, { clock });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const members = (org: string) => `/api/v1/organizations/${org}/members`;
  const invite = (by: Registered, email: string, role = 'member') =>
    t.http().post(members(by.organizationId)).set(by.auth).send({ email, role });
  const tokenOf = (invitationId: string): string => t.app.get(MembershipsService).tokenOf(invitationId);
  const roles = async (owner: Registered): Promise<Record<string, string>> => {
    const list = await t.http().get(members(owner.organizationId)).set(owner.auth).expect(200);
    return Object.fromEntries(list.body.map((m: { userId: string; role: string }) => [m.userId, m.role]));
  };
  const inbox = async (owner: Registered): Promise<Array<{ kind: string; body: { id: string; en: string } }>> =>
    (await t.http().get('/api/v1/notifications').set(owner.auth).expect(200)).body.items;

  it('nobody joins without consent: the mailed link shows the invitation, and only the invited account accepts it, once', async () => {
    const owner = await registerUser(t);
    const invitee = await registerUser(t);
    const someoneElse = await registerUser(t);
    const created = await invite(owner, invitee.email).expect(201);
    expect(created.body).toMatchObject({ email: invitee.email, role: 'member', status: 'pending', invitedBy: { userId: owner.userId } });
    expect(Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)).toBe(7 * DAY);
    // Not a member yet: the organization is invisible to the invitee.
    await t.http().get(`/api/v1/organizations/${owner.organizationId}`).set(invitee.auth).expect(404);

    smtp.received.length = 0;
    await t.app.get(NotificationsService).deliverDue();
    const mail = smtp.received.find((m) => m.to.includes(invitee.email));
    expect(mail).toBeDefined();
    const text = parseMail(mail!.raw).text;
    const link = /https:\/\/kolabora\.example\/memberships\/([A-Za-z0-9_-]{43})/.exec(text);
    expect(link?.[1]).toBe(tokenOf(created.body.id));
    expect(text).toContain('anggota'); // the role in Indonesian, then in English
    expect(text).toContain('as member');
    const token = link![1];

    const shown = await t.http().get(`/api/v1/memberships/${token}`).expect(200);
    expect(shown.body).toEqual({
      organization: { id: owner.organizationId, name: expect.any(String) },
      inviter: { name: 'Dewi Lestari' },
      email: invitee.email,
      role: 'member',
      expiresAt: created.body.expiresAt,
    });
    const wrongAccount = await t.http().post(`/api/v1/memberships/${token}/accept`).set(someoneElse.auth).expect(403);
    expect(wrongAccount.body).toMatchObject({ code: 'FORBIDDEN', details: { field: 'email' } });
    await t.http().post(`/api/v1/memberships/${token}/accept`).expect(401);
    const accepted = await t.http().post(`/api/v1/memberships/${token}/accept`).set(invitee.auth).expect(200);
    expect(accepted.body).toEqual({ organizationId: owner.organizationId, role: 'member', status: 'accepted' });
    expect((await roles(owner))[invitee.userId]).toBe('member');
    await t.http().get(`/api/v1/organizations/${owner.organizationId}`).set(invitee.auth).expect(200);

    const again = await t.http().post(`/api/v1/memberships/${token}/accept`).set(invitee.auth).expect(410);
    expect(again.body.code).toBe('INVITATION_USED');
    await t.http().get(`/api/v1/memberships/${token}`).expect(410);
    expect((await inbox(owner)).map((n) => n.kind)).toContain('membership_accepted');
    await t
      .http()
      .get(`/api/v1/memberships/${'x'.repeat(43)}`)
      .expect(404);
  });

  it('declining needs no account; the organization reads the reason; a declined, withdrawn or expired link is gone', async () => {
    const owner = await registerUser(t);
    const declined = await invite(owner, 'rina@example.id').expect(201);
    const answer = await t
      .http()
      .post(`/api/v1/memberships/${tokenOf(declined.body.id)}/decline`)
      .send({ reason: 'Saya sudah pindah kerja' })
      .expect(200);
    expect(answer.body).toEqual({ organizationId: owner.organizationId, role: 'member', status: 'declined' });
    const notice = (await inbox(owner)).find((n) => n.kind === 'membership_declined');
    expect(notice?.body.id).toContain('Saya sudah pindah kerja');
    expect(
      (
        await t
          .http()
          .post(`/api/v1/memberships/${tokenOf(declined.body.id)}/decline`)
          .send({})
          .expect(410)
      ).body.code,
    ).toBe('INVITATION_USED');

    // A second invitation to one address voids the first; an admin withdraws the second.
    const first = await invite(owner, 'sari@example.id').expect(201);
    const second = await invite(owner, 'sari@example.id').expect(201);
    const open = await t
      .http()
      .get(`${members(owner.organizationId)}/invitations`)
      .set(owner.auth)
      .expect(200);
    expect(open.body.map((i: { id: string }) => i.id)).toEqual([second.body.id]);
    expect(
      (
        await t
          .http()
          .get(`/api/v1/memberships/${tokenOf(first.body.id)}`)
          .expect(410)
      ).body.code,
    ).toBe('INVITATION_EXPIRED');
    await t
      .http()
      .delete(`${members(owner.organizationId)}/invitations/${second.body.id}`)
      .set(owner.auth)
      .expect(204);
    await t
      .http()
      .get(`/api/v1/memberships/${tokenOf(second.body.id)}`)
      .expect(410);
    await t
      .http()
      .delete(`${members(owner.organizationId)}/invitations/${second.body.id}`)
      .set(owner.auth)
      .expect(410);

    // A third mail to the address within 24 hours is the last one.
    await invite(owner, 'sari@example.id').expect(201);
    const limited = await invite(owner, 'sari@example.id').expect(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', details: { field: 'email' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    const late = await invite(owner, 'tono@example.id').expect(201);
    clock.advance(7 * DAY);
    expect(
      (
        await t
          .http()
          .get(`/api/v1/memberships/${tokenOf(late.body.id)}`)
          .expect(410)
      ).body.code,
    ).toBe('INVITATION_EXPIRED');
    const tono = await registerUser(t, { email: 'tono@example.id' });
    await t
      .http()
      .post(`/api/v1/memberships/${tokenOf(late.body.id)}/accept`)
      .set(tono.auth)
      .expect(410);
    expect((await roles(owner))[tono.userId]).toBeUndefined();
  });

  it('roles: admins manage members and the organization; only owners make admins and owners', async () => {
    const owner = await registerUser(t);
    const admin = await registerUser(t);
    const member = await registerUser(t);
    const other = await registerUser(t);
    await joinOrganization(t, owner, owner.organizationId, admin, 'admin');
    await joinOrganization(t, admin, owner.organizationId, member, 'member');

    const asAdmin = (path: string) => `${members(owner.organizationId)}${path}`;
    const inviteAdmin = await t.http().post(asAdmin('')).set(admin.auth).send({ email: other.email, role: 'admin' }).expect(403);
    expect(inviteAdmin.body).toMatchObject({ code: 'ROLE_FORBIDDEN', details: { required: 'owner', role: 'admin' } });
    await t.http().patch(`/api/v1/organizations/${owner.organizationId}`).set(admin.auth).send({ city: 'Yogyakarta' }).expect(200);
    const marks = `/api/v1/organizations/${owner.organizationId}/marks`;
    const mark = { name: 'LOOKOUT', classes: [25], status: 'filed', filingDate: '2026-01-05' };
    expect((await t.http().post(marks).set(member.auth).send(mark).expect(403)).body.code).toBe('ROLE_FORBIDDEN');
    await t.http().post(marks).set(admin.auth).send(mark).expect(201);
    await t.http().get(marks).set(member.auth).expect(200);

    const promote = await t
      .http()
      .patch(asAdmin(`/${member.userId}`))
      .set(admin.auth)
      .send({ role: 'admin' })
      .expect(403);
    expect(promote.body.details).toEqual({ required: 'owner', role: 'admin' });
    const demoteAdmin = await t
      .http()
      .patch(asAdmin(`/${admin.userId}`))
      .set(member.auth)
      .send({ role: 'member' })
      .expect(403);
    expect(demoteAdmin.body.details).toEqual({ required: 'admin', role: 'member' });
    expect(
      (
        await t
          .http()
          .delete(asAdmin(`/${owner.userId}`))
          .set(admin.auth)
          .expect(403)
      ).body.code,
    ).toBe('ROLE_FORBIDDEN');
    const promoted = await t
      .http()
      .patch(asAdmin(`/${member.userId}`))
      .set(owner.auth)
      .send({ role: 'owner' })
      .expect(200);
    expect(promoted.body).toMatchObject({ userId: member.userId, role: 'owner' });
    expect(await roles(owner)).toEqual({ [owner.userId]: 'owner', [admin.userId]: 'admin', [member.userId]: 'owner' });
    await t
      .http()
      .patch(asAdmin(`/${member.userId}`))
      .set(owner.auth)
      .send({ role: 'chief' })
      .expect(400);
    await t
      .http()
      .patch(asAdmin(`/${other.userId}`))
      .set(owner.auth)
      .send({ role: 'member' })
      .expect(404);
  });

  it('keeps at least one owner (409 LAST_OWNER), also when two owners step down at once', async () => {
    const owner = await registerUser(t);
    const second = await registerUser(t);
    const org = members(owner.organizationId);
    for (const response of [
      await t.http().post(`${org}/leave`).set(owner.auth).expect(409),
      await t.http().patch(`${org}/${owner.userId}`).set(owner.auth).send({ role: 'admin' }).expect(409),
      await t.http().delete(`${org}/${owner.userId}`).set(owner.auth).expect(409),
    ]) {
      expect(response.body.code).toBe('LAST_OWNER');
    }
    await joinOrganization(t, owner, owner.organizationId, second, 'owner');
    // Both owners leave at once: one goes, the other is refused, and the organization keeps an owner.
    const both = await Promise.all([t.http().post(`${org}/leave`).set(owner.auth), t.http().post(`${org}/leave`).set(second.auth)]);
    expect(both.map((r) => r.status).sort()).toEqual([204, 409]);
    const stayed = both[0].status === 204 ? second : owner;
    expect(Object.values(await roles(stayed))).toEqual(['owner']);
  });

  it("a removed member's still-valid token sees nothing of the organization from the next request on", async () => {
    const owner = await registerUser(t);
    const member = await registerUser(t);
    const leaver = await registerUser(t);
    await joinOrganization(t, owner, owner.organizationId, member);
    await joinOrganization(t, owner, owner.organizationId, leaver);
    const collaborationId = await createCollaboration(t, owner);
    await t.http().get(`/api/v1/collaborations/${collaborationId}`).set(member.auth).expect(200);

    await t
      .http()
      .delete(`${members(owner.organizationId)}/${member.userId}`)
      .set(owner.auth)
      .expect(204);
    await t.http().get(`/api/v1/collaborations/${collaborationId}`).set(member.auth).expect(404);
    await t.http().get(`/api/v1/organizations/${owner.organizationId}`).set(member.auth).expect(404);
    await t.http().get(members(owner.organizationId)).set(member.auth).expect(404);
    const list = await t.http().get('/api/v1/collaborations').set(member.auth).expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(collaborationId);
    const me = await t.http().get('/api/v1/me').set(member.auth).expect(200);
    expect(me.body.organizations.map((o: { id: string }) => o.id)).toEqual([member.organizationId]);

    await t
      .http()
      .post(`${members(owner.organizationId)}/leave`)
      .set(leaver.auth)
      .expect(204);
    await t.http().get(`/api/v1/collaborations/${collaborationId}`).set(leaver.auth).expect(404);
    expect(Object.keys(await roles(owner))).toEqual([owner.userId]);
  });
});
