import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Like } from 'typeorm';
import { IdempotencyKeyEntity } from '../collaborations/idempotency-key.entity.js';
import { verifyPassword } from '../auth/password.js';
import { Clock } from '../common/clock.js';
import { sql } from '../database/sql.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { MembershipInvitationEntity } from '../memberships/index.js';
import { NotificationEntity, NotificationPreferencesEntity } from '../notifications/index.js';
import { LegalDetailReadEntity } from '../organizations/legal-detail-read.entity.js';
import { LegalIds } from '../organizations/legal-ids.js';
import { MembershipEntity } from '../organizations/membership.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { PasswordResetEntity } from '../password-reset/index.js';
import { UserEntity } from '../users/user.entity.js';
import { HistoryEventEntity } from '../workflow-runtime/history-event.entity.js';
import type { AccountErasedDto } from './account.dto.js';

/** What stays after an erasure, as the answer and the README say it. */
export const KEPT = [
  {
    what: 'signed agreements',
    why:
      'An agreement is evidence both parties rely on: the versions you signed keep the names, titles and identity numbers ' +
      'as they were signed, and their hashes must keep matching the copies the parties hold.',
  },
  {
    what: 'collaboration history',
    why:
      "Each collaboration's history is append-only and replayed to verify it: the events you made stay, naming only your " +
      'former account id, which no longer leads to a name or an email.',
  },
  {
    what: "organizations' access logs",
    why: "A read of an organization's identity numbers stays in its access log, without your name or email.",
  },
];

/** Personal data rights (UU 27/2022): a copy of everything stored about the user, and erasure of the account. */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly legalIds: LegalIds,
    private readonly clock: Clock,
  ) {}

  /** Everything stored about the user, as JSON. Reading the organizations' identity numbers is logged (purpose export). */
  async export(userId: string): Promise<Record<string, unknown>> {
    return this.dataSource.transaction(async (em) => {
      const user = await em.findOneByOrFail(UserEntity, { id: userId });
      const memberships = await em.find(MembershipEntity, {
        where: { userId },
        relations: { organization: true },
        order: { createdAt: 'ASC' },
      });
      const organizations = [];
      for (const m of memberships) {
        const org = m.organization!;
        const numbers = await this.legalIds.read(em, org, { userId, purpose: 'export' });
        const { nibSealed: _n, ktpSealed: _k, npwpSealed: _p, ownerNikSealed: _o, ...fields } = org;
        organizations.push({ role: m.role, joinedAt: m.createdAt.toISOString(), organization: { ...fields, ...numbers } });
      }
      const events = await em.find(HistoryEventEntity, {
        where: { actor: Like(`%"userId":"${userId}"%`) },
        order: { at: 'ASC', seq: 'ASC' },
      });
      return {
        exportedAt: this.clock.now().toISOString(),
        account: {
          id: user.id,
          email: user.email,
          name: user.name,
          createdAt: user.createdAt.toISOString(),
          updatedAt: user.updatedAt.toISOString(),
        },
        memberships: organizations,
        membershipInvitations: {
          received: await em.find(MembershipInvitationEntity, { where: { email: user.email }, order: { createdAt: 'ASC' } }),
          sent: await em.find(MembershipInvitationEntity, { where: { invitedBy: userId }, order: { createdAt: 'ASC' } }),
        },
        collaborationEvents: events.map((e) => ({
          collaborationId: e.collaborationId,
          seq: e.seq,
          type: e.type,
          at: e.at.toISOString(),
          payload: e.payload,
        })),
        emailPreferences: await em.findOneBy(NotificationPreferencesEntity, { userId }),
        mailToYourAddress: (
          await em.find(NotificationEntity, { where: [{ email: user.email }, { userId }], order: { createdAt: 'ASC' } })
        ).map((n) => ({
          kind: n.kind,
          subject: n.subject,
          createdAt: n.createdAt.toISOString(),
          deliveredAt: n.deliveredAt?.toISOString() ?? null,
        })),
        passwordResets: (await em.find(PasswordResetEntity, { where: { userId }, order: { createdAt: 'ASC' } })).map((r) => ({
          createdAt: r.createdAt.toISOString(),
          expiresAt: r.expiresAt.toISOString(),
          usedAt: r.usedAt?.toISOString() ?? null,
        })),
        legalDetailReads: (await em.find(LegalDetailReadEntity, { where: { userId }, order: { createdAt: 'ASC' } })).map((r) => ({
          organizationId: r.organizationId,
          purpose: r.purpose,
          collaborationId: r.collaborationId,
          at: r.createdAt.toISOString(),
        })),
      };
    });
  }

  /**
   * Erases the account: the user row, memberships, reset links, invitations to and mail copies for the address. The
   * last owner of an organization must first make someone else owner, or delete the organization (409 LAST_OWNER).
   */
  async erase(userId: string, password: string): Promise<AccountErasedDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: userId });
    if (!(await verifyPassword(password, user.passwordHash))) {
      const problem = 'password is incorrect';
      throw new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: 'password', problems: [problem] }] });
    }
    return this.dataSource.transaction(async (em) => {
      const owned = await em.find(MembershipEntity, { where: { userId, role: 'owner' } });
      const lastOwnerOf: string[] = [];
      for (const m of owned) {
        // As in OrganizationsService: two owners erasing themselves at once cannot leave none.
        if (this.dataSource.options.type === 'postgres')
          await sql(em)`SELECT id FROM organizations WHERE id = ${m.organizationId} FOR UPDATE`;
        if ((await em.countBy(MembershipEntity, { organizationId: m.organizationId, role: 'owner' })) <= 1)
          lastOwnerOf.push(m.organizationId);
      }
      if (lastOwnerOf.length > 0) {
        const names = (await em.findBy(OrganizationEntity, { id: In(lastOwnerOf) })).map((o) => o.name);
        throw new DomainException(
          ErrorCode.LAST_OWNER,
          `You are the last owner of ${names.join(', ')}: make another member owner, or delete the organization, first`,
          { organizations: lastOwnerOf },
        );
      }
      await em.delete(PasswordResetEntity, { userId });
      await em.delete(IdempotencyKeyEntity, { userId }); // stored answers to the user's requests
      await em.delete(MembershipInvitationEntity, { email: user.email });
      await em.update(MembershipInvitationEntity, { invitedBy: userId }, { invitedBy: null });
      // The member's own copies of organization notices go; mail only to the address goes; an organization's in-app
      // copy stays, without the address. Preferences go with the user row (ON DELETE CASCADE).
      await em.delete(NotificationEntity, { userId });
      await em.delete(NotificationEntity, { email: user.email, organizationId: IsNull() });
      await em.update(NotificationEntity, { email: user.email }, { email: null });
      await em.delete(UserEntity, { id: userId }); // memberships go with it (ON DELETE CASCADE)
      return { erasedAt: this.clock.now().toISOString(), kept: KEPT };
    });
  }
}
