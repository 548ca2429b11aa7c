import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, MoreThan } from 'typeorm';
import { Clock } from '../common/clock.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import type { Bilingual } from '../documents/bilingual.js';
import { fillBoth } from '../documents/fill.js';
import { readTemplate } from '../documents/templates.js';
import { NotificationsService } from '../notifications/index.js';
import type { AddMemberDto } from '../organizations/dto/organization.dto.js';
import { MembershipEntity, type MemberRole } from '../organizations/membership.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { UserEntity } from '../users/user.entity.js';
import type { MembershipAnswerDto, MembershipInvitationDto, PublicMembershipInvitationDto } from './memberships.dto.js';
import { MembershipInvitationEntity } from './membership-invitation.entity.js';

type Message = { subject: Bilingual; body: Bilingual };
const WORDS = readTemplate<{
  roles: Record<MemberRole, Bilingual>;
  email: Message;
  notifications: { accepted: Message; declined: Message };
}>('memberships/words.json');

export const MEMBERSHIP_INVITATION_DAYS = 7;
// Invitations one address may get from one organization in 24 hours: the mail goes to someone who never agreed to it.
export const MEMBERSHIP_MAILS_PER_DAY = 3;
const DAY_MS = 86_400_000;
const REFERENCE = 'kolabora:membership:';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * Membership by consent: an admin asks someone to join, who becomes a member only by accepting through a mailed,
 * single-use link while logged in with the address it went to. The link's token is an HMAC of the invitation's id under
 * the service's secret: the table keeps its sha256 and the mail outbox a reference resolved as the mail goes out.
 */
@Injectable()
export class MembershipsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.notifications.resolveLinks(REFERENCE, (reference) => {
      const page = `${this.config.publicUrl}/memberships/`;
      return { link: `${page}${this.tokenOf(reference.slice(REFERENCE.length))}`, logged: `${page}[token]` };
    });
  }

  /** Exported for tests, which accept invitations without reading the mail: the same derivation as the mailed link. */
  tokenOf(invitationId: string): string {
    return createHmac('sha256', this.config.jwt.secret).update(`membership:${invitationId}`).digest('base64url');
  }

  /** Admins invite members; only owners invite admins and owners. An earlier open invitation to the address is voided. */
  async invite(organizationId: string, userId: string, dto: AddMemberDto): Promise<MembershipInvitationDto> {
    await this.organizations.requireRole(organizationId, userId, dto.role === 'member' ? 'admin' : 'owner');
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const member = await em
        .createQueryBuilder(MembershipEntity, 'm')
        .innerJoin(UserEntity, 'u', 'u.id = m.user_id')
        .where('m.organization_id = :organizationId AND u.email = :email', { organizationId, email: dto.email })
        .getExists();
      if (member) throw new DomainException(ErrorCode.ALREADY_MEMBER, `${dto.email} is already a member`, { field: 'email' });
      const since = new Date(now.getTime() - DAY_MS);
      const recent = await em.find(MembershipInvitationEntity, {
        where: { organizationId, email: dto.email, createdAt: MoreThan(since) },
        order: { createdAt: 'ASC' },
      });
      if (recent.length >= MEMBERSHIP_MAILS_PER_DAY) {
        const retryAfterSeconds = Math.max(1, Math.ceil((recent[0].createdAt.getTime() + DAY_MS - now.getTime()) / 1000));
        throw new DomainException(
          ErrorCode.RATE_LIMITED,
          `${MEMBERSHIP_MAILS_PER_DAY} invitations went to ${dto.email} in the last 24 hours; try again later`,
          { field: 'email', retryAfterSeconds },
        );
      }
      await em.update(
        MembershipInvitationEntity,
        { organizationId, email: dto.email, status: 'pending' },
        { status: 'revoked', answeredAt: now },
      );
      const id = randomUUID();
      const row: MembershipInvitationEntity = {
        id,
        organizationId,
        email: dto.email,
        role: dto.role,
        tokenHash: sha256(this.tokenOf(id)),
        invitedBy: userId,
        status: 'pending',
        reason: null,
        expiresAt: new Date(now.getTime() + MEMBERSHIP_INVITATION_DAYS * DAY_MS),
        answeredAt: null,
        createdAt: now,
      };
      await em.insert(MembershipInvitationEntity, row);
      const { organization, inviter } = await this.names(em, organizationId, userId);
      const values = {
        inviter: inviter ?? '',
        organization,
        email: dto.email,
        link: '{link}',
        expires: row.expiresAt.toISOString().slice(0, 10),
      };
      await this.notifications.enqueue(
        { kind: 'membership_invitation', email: dto.email, ...fillMessage(WORDS.email, values, dto.role), link: `${REFERENCE}${id}` },
        em,
      );
      return this.toDto(row, inviter);
    });
  }

  /** Open invitations of the organization, newest first (admins and owners). */
  async listPending(organizationId: string, userId: string): Promise<MembershipInvitationDto[]> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    const rows = await this.dataSource.getRepository(MembershipInvitationEntity).find({
      where: { organizationId, status: 'pending', expiresAt: MoreThan(this.clock.now()) },
      order: { createdAt: 'DESC' },
    });
    const inviters = await this.inviterNames(rows.map((r) => r.invitedBy));
    return rows.map((r) => this.toDto(r, r.invitedBy ? (inviters.get(r.invitedBy) ?? null) : null));
  }

  /** Withdraws an open invitation: its link stops working. Same role rule as inviting. */
  async revoke(organizationId: string, userId: string, invitationId: string): Promise<void> {
    const row = await this.dataSource.getRepository(MembershipInvitationEntity).findOneBy({ id: invitationId, organizationId });
    await this.organizations.requireRole(organizationId, userId, row?.role === 'member' || !row ? 'admin' : 'owner');
    if (!row) throw notFound('Invitation');
    const { affected } = await this.dataSource
      .getRepository(MembershipInvitationEntity)
      .update({ id: invitationId, status: 'pending' }, { status: 'revoked', answeredAt: this.clock.now() });
    if (affected !== 1) throw new DomainException(ErrorCode.INVITATION_USED, 'This invitation was answered or withdrawn already');
  }

  /** What the link shows before anyone logs in: who invites, to which organization, in which role. */
  async show(token: string): Promise<PublicMembershipInvitationDto> {
    const row = this.usable(await this.byToken(this.dataSource.manager, token));
    const { organization, inviter } = await this.names(this.dataSource.manager, row.organizationId, row.invitedBy);
    return {
      organization: { id: row.organizationId, name: organization },
      inviter: inviter ? { name: inviter } : null,
      email: row.email,
      role: row.role,
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  /** The logged-in user accepts: the email must be the one invited; the membership and the answer commit together. */
  async accept(token: string, user: { id: string; email: string; name: string }): Promise<MembershipAnswerDto> {
    return this.dataSource.transaction(async (em) => {
      const row = this.usable(await this.byToken(em, token));
      if (row.email !== user.email) {
        throw new DomainException(
          ErrorCode.FORBIDDEN,
          'This invitation went to another email address: log in with the account of that address to accept it',
          { field: 'email' },
        );
      }
      const now = this.clock.now();
      await this.answer(em, row, 'accepted', null, now);
      try {
        await em.insert(MembershipEntity, { organizationId: row.organizationId, userId: user.id, role: row.role, createdAt: now });
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainException(ErrorCode.ALREADY_MEMBER, 'You are a member of this organization already');
        throw error;
      }
      const { organization } = await this.names(em, row.organizationId, null);
      const values = { name: user.name, email: user.email, organization };
      await this.notifications.enqueue(
        { kind: 'membership_accepted', organizationId: row.organizationId, ...fillMessage(WORDS.notifications.accepted, values, row.role) },
        em,
      );
      return { organizationId: row.organizationId, role: row.role, status: 'accepted' };
    });
  }

  /** Declining needs no account: holding the link is enough. The organization is told, with the reason when given. */
  async decline(token: string, reason: string | undefined): Promise<MembershipAnswerDto> {
    return this.dataSource.transaction(async (em) => {
      const row = this.usable(await this.byToken(em, token));
      await this.answer(em, row, 'declined', reason ?? null, this.clock.now());
      const { organization } = await this.names(em, row.organizationId, null);
      const values = { email: row.email, organization, reason: reason ?? '' };
      await this.notifications.enqueue(
        { kind: 'membership_declined', organizationId: row.organizationId, ...fillMessage(WORDS.notifications.declined, values, row.role) },
        em,
      );
      return { organizationId: row.organizationId, role: row.role, status: 'declined' };
    });
  }

  private async byToken(em: EntityManager, token: string): Promise<MembershipInvitationEntity | null> {
    if (!TOKEN.test(token)) return null;
    return em.findOneBy(MembershipInvitationEntity, { tokenHash: sha256(token) });
  }

  private usable(row: MembershipInvitationEntity | null): MembershipInvitationEntity {
    if (!row) throw notFound('Invitation');
    if (row.status !== 'pending') {
      const code = row.status === 'revoked' ? ErrorCode.INVITATION_EXPIRED : ErrorCode.INVITATION_USED;
      throw new DomainException(code, row.status === 'revoked' ? 'This invitation was withdrawn' : 'This invitation was answered already');
    }
    if (row.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new DomainException(ErrorCode.INVITATION_EXPIRED, 'This invitation has expired; ask the organization for a new one');
    }
    return row;
  }

  /** Conditional: of two answers with one link, only the first counts. */
  private async answer(
    em: EntityManager,
    row: MembershipInvitationEntity,
    status: 'accepted' | 'declined',
    reason: string | null,
    now: Date,
  ): Promise<void> {
    const { affected } = await em.update(
      MembershipInvitationEntity,
      { id: row.id, status: 'pending' },
      { status, reason, answeredAt: now },
    );
    if (affected !== 1) throw new DomainException(ErrorCode.INVITATION_USED, 'This invitation was answered already');
  }

  private async names(
    em: EntityManager,
    organizationId: string,
    userId: string | null,
  ): Promise<{ organization: string; inviter: string | null }> {
    const org = await em.findOneByOrFail(OrganizationEntity, { id: organizationId });
    const user = userId ? await em.findOneBy(UserEntity, { id: userId }) : null;
    return { organization: org.name, inviter: user?.name ?? null };
  }

  private async inviterNames(ids: Array<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.dataSource.getRepository(UserEntity).findBy(wanted.map((id) => ({ id })));
    return new Map(users.map((u) => [u.id, u.name]));
  }

  private toDto(row: MembershipInvitationEntity, inviter: string | null): MembershipInvitationDto {
    return {
      id: row.id,
      organizationId: row.organizationId,
      email: row.email,
      role: row.role,
      status: row.status,
      invitedBy: row.invitedBy ? { userId: row.invitedBy, name: inviter ?? '' } : null,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    };
  }
}

/** Fills a message; `{role}` in each language's own word. */
function fillMessage(message: Message, values: Record<string, string>, role: MemberRole): Message {
  const all = { ...values, role: WORDS.roles[role] };
  return { subject: fillBoth(message.subject, all), body: fillBoth(message.body, all) };
}
