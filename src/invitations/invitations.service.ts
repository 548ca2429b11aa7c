import { escapeHtml } from '../common/html.js';
import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CollaborationContext, CollaborationEvent } from '../../workflows/collaboration/index.js';
import type { AuthenticatedUser } from '../common/http/current-user.decorator.js';
import { CollaborationReader, CollaborationViews } from '../collaborations/index.js';
import { Clock } from '../common/clock.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { fill } from '../documents/fill.js';
import { MembershipEntity } from '../organizations/membership.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { NotificationsService } from '../notifications/index.js';
import { WorkflowPlugins } from '../workflow-runtime/plugins.js';
import { AlreadyConsumed, WorkflowRuntime } from '../workflow-runtime/workflow-runtime.service.js';
import { InvitationLinks, maskInvitationTokens, REFERENCE, WORDS } from './invitation-links.js';
import { invitationMailLimits } from './invitation-mail-limits.js';
import { invitationNotifications, NOTIFYING_EVENTS } from './invitation-notifications.js';
import { InvitationTokenEntity } from './invitation-token.entity.js';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface PublicInvitation {
  inviter: { name: string };
  form: string;
  message: string | null;
}
interface Resolved {
  row: InvitationTokenEntity;
  context: CollaborationContext;
}

/** Invitations of contacts not on Kolabora: a single-use link per invitation (see invitation-links.ts). */
@Injectable()
export class InvitationsService implements OnModuleInit {
  readonly links: InvitationLinks;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runtime: WorkflowRuntime,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly plugins: WorkflowPlugins,
    private readonly collaborations: CollaborationReader,
    private readonly views: CollaborationViews,
    private readonly notifications: NotificationsService,
  ) {
    this.links = new InvitationLinks(config);
  }

  onModuleInit(): void {
    // The token of a contact's invitation is stored in the transaction of `partner.invite`.
    this.plugins.listen(['partner.invite'], ({ em, after }) => this.record(em, after));
    this.plugins.validate(['partner.invite'], invitationMailLimits(this.config, this.clock));
    this.plugins.listen(NOTIFYING_EVENTS, invitationNotifications(this.notifications, this.links));
    this.notifications.resolveLinks(REFERENCE, (reference) => {
      const link = this.links.resolve(reference);
      return { link, logged: maskInvitationTokens(link) };
    });
    // The initiator sees the link again while a contact is invited (only its hash is stored).
    this.views.extend(({ state, context, viewer, parties }) =>
      viewer.organizationId === context.initiatorOrganizationId && state === 'invitation' && context.invitation?.contact
        ? { invitation: this.links.linkFor(context, parties.find((p) => p.role === 'initiator')?.name ?? '') }
        : {},
    );
  }

  private static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  /** In the transaction of `partner.invite`: the token of a contact's invitation. */
  async record(em: EntityManager, context: CollaborationContext): Promise<void> {
    const invitation = context.invitation;
    if (!invitation?.contact) return;
    const token = this.links.tokenOf(context.id, invitation);
    await em.insert(InvitationTokenEntity, {
      tokenHash: InvitationsService.hash(token),
      collaborationId: context.id,
      candidateId: invitation.candidateId,
      invitedAt: invitation.invitedAt,
      email: invitation.contact.email,
      expiresAt: this.links.expiresAt(context, invitation),
      usedAt: null,
      createdAt: this.clock.now(),
    });
  }

  /**
   * The token's invitation, or why not: a wrong token is 404 after the same single lookup a right one takes (only
   * hashes are compared, in the database); used → 410 INVITATION_USED; expired or withdrawn → 410 INVITATION_EXPIRED.
   */
  private async resolve(token: string, em?: EntityManager): Promise<Resolved> {
    const hash = InvitationsService.hash(token);
    const row = await (em ?? this.dataSource.manager).findOneBy(InvitationTokenEntity, { tokenHash: hash });
    if (!row || !TOKEN.test(token)) throw notFound('Invitation');
    if (row.usedAt) throw new DomainException(ErrorCode.INVITATION_USED, 'This invitation has already been answered');
    const context = await this.collaborations.contextOf(row.collaborationId, 'snapshot', em);
    const current = context.invitation?.candidateId === row.candidateId && context.invitation.invitedAt === row.invitedAt;
    if (!current || row.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new DomainException(ErrorCode.INVITATION_EXPIRED, 'This invitation has expired or was withdrawn');
    }
    return { row, context };
  }

  /** What the link shows without a login: who invites, the form and the message, nothing else. */
  async show(token: string): Promise<PublicInvitation> {
    const { context } = await this.resolve(token);
    return { inviter: { name: await this.inviterName(context) }, form: context.form, message: context.invitation!.message };
  }

  async inviterName(context: CollaborationContext): Promise<string> {
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: context.initiatorOrganizationId });
    return org?.brands[0] ?? org?.name ?? '';
  }

  /** Accepting for one of the caller's organizations makes it the partner party (`invitation.accept`). */
  async accept(
    user: AuthenticatedUser,
    token: string,
    organizationId?: string,
  ): Promise<{ collaborationId: string; organizationId: string }> {
    const { row } = await this.resolve(token);
    const org = await this.organizationFor(user.id, organizationId);
    const event = {
      type: 'invitation.accept',
      actor: { kind: 'party', userId: user.id, organizationId: org },
      at: this.clock.now().toISOString(),
    };
    await this.answer(row, event as CollaborationEvent);
    return { collaborationId: row.collaborationId, organizationId: org };
  }

  /** Declining needs no account: the service sends the decline for the link's holder. */
  async decline(token: string, reason: string): Promise<{ collaborationId: string }> {
    const { row } = await this.resolve(token);
    const event = { type: 'invitation.decline', reason, actor: { kind: 'system' }, at: this.clock.now().toISOString() };
    await this.answer(row, event as CollaborationEvent);
    return { collaborationId: row.collaborationId };
  }

  /** The event and the token's use commit together: of two answers racing, one wins and the other gets 410. */
  private async answer(row: InvitationTokenEntity, event: CollaborationEvent): Promise<void> {
    const now = this.clock.now();
    try {
      await this.runtime.apply(row.collaborationId, event, {
        // Checked again under the row lock: a link revoked meanwhile must not answer a newer invitation.
        validate: async (_em, context) => {
          if (context.invitation?.candidateId !== row.candidateId || context.invitation.invitedAt !== row.invitedAt) {
            throw new DomainException(ErrorCode.INVITATION_EXPIRED, 'This invitation has expired or was withdrawn');
          }
        },
        consume: async (em) => {
          const { affected } = await em
            .createQueryBuilder()
            .update(InvitationTokenEntity)
            .set({ usedAt: now })
            .where('token_hash = :hash AND used_at IS NULL', { hash: row.tokenHash })
            .execute();
          return affected === 1;
        },
      });
    } catch (error) {
      if (error instanceof AlreadyConsumed)
        throw new DomainException(ErrorCode.INVITATION_USED, 'This invitation has already been answered');
      throw error;
    }
  }

  private async organizationFor(userId: string, chosen?: string): Promise<string> {
    const memberships = await this.dataSource.getRepository(MembershipEntity).findBy({ userId });
    const problem = (message: string): DomainException =>
      new DomainException(ErrorCode.VALIDATION_FAILED, message, { fields: [{ field: 'organizationId', problems: [message] }] });
    if (chosen) {
      if (!memberships.some((m) => m.organizationId === chosen)) throw problem('organizationId names no organization you belong to');
      return chosen;
    }
    if (memberships.length === 1) return memberships[0].organizationId;
    throw problem('organizationId is required when you belong to several organizations');
  }

  /**
   * The page behind the link: bilingual, no login. `shell` wraps the text in the web console's page (which then shows
   * the invitation with sign-up, accept and decline); without it, a page of its own with no script.
   */
  async page(token: string, shell?: (body: string) => string): Promise<{ status: number; html: string }> {
    const render = (status: number, body: string): { status: number; html: string } => ({
      status,
      html: shell
        ? shell(body)
        : `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${WORDS.page.title.id} / ${WORDS.page.title.en}`)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}section{margin-bottom:1.5rem}.en{color:#444}</style>
</head><body>${body}</body></html>`,
    });
    try {
      const invitation = await this.show(token);
      const form = WORDS.forms[invitation.form] ?? { id: invitation.form, en: invitation.form };
      const section = (lang: 'id' | 'en'): string => `<section class="${lang}" lang="${lang}">
<h1>${escapeHtml(WORDS.page.title[lang])}</h1>
<p>${escapeHtml(fill(WORDS.page.invites[lang], { inviter: invitation.inviter.name, form: form[lang] }))}</p>
${invitation.message ? `<blockquote>${escapeHtml(invitation.message)}</blockquote>` : ''}
<p>${escapeHtml(fill(WORDS.page.howTo[lang], { token }))}</p>
</section>`;
      return render(200, section('id') + section('en'));
    } catch (error) {
      const gone = error instanceof DomainException && error.code !== ErrorCode.NOT_FOUND;
      const text = gone ? WORDS.page.gone : WORDS.page.unknown;
      return render(gone ? 410 : 404, `<p>${escapeHtml(text.id)}</p><p class="en" lang="en">${escapeHtml(text.en)}</p>`);
    }
  }
}
