import type { EntityManager } from 'typeorm';
import type { CollaborationEventType } from '../../workflows/collaboration/index.js';
import type { NotificationsService } from '../notifications/index.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import type { EventListener } from '../workflow-runtime/plugins.js';
import { fillBoth, type InvitationLinks, WORDS } from './invitation-links.js';

/** The events that notify someone: the invitation, and its answer or expiry. */
export const NOTIFYING_EVENTS: readonly CollaborationEventType[] = [
  'partner.invite',
  'invitation.accept',
  'invitation.decline',
  'invitation.expire',
];

const nameOf = async (em: EntityManager, id: string | null): Promise<string | null> => {
  if (!id) return null;
  const org = await em.findOneBy(OrganizationEntity, { id });
  return org ? (org.brands[0] ?? org.name) : null;
};

/**
 * The notifications the lifecycle sends, written in the transaction of the event that causes them: the invitation (by
 * email to a contact, in-app to an organization), and its answer or expiry to the initiator.
 */
export function invitationNotifications(notifications: NotificationsService, links: InvitationLinks): EventListener {
  return async ({ em, event, before, after }) => {
    const inviter = (await nameOf(em, after.initiatorOrganizationId)) ?? '';
    if (event.type === 'partner.invite') {
      const email = links.emailFor(after, inviter);
      if (email) {
        await notifications.enqueue(
          {
            kind: 'invitation_sent',
            email: email.to,
            subject: email.subject,
            body: email.body,
            link: email.link,
            collaborationId: after.id,
          },
          em,
        );
        return;
      }
      const invited = after.invitation!.organizationId!;
      const expires = links.expiresAt(after, after.invitation!).toISOString().slice(0, 10);
      const values = {
        inviter,
        invited: (await nameOf(em, invited)) ?? '',
        title: after.title,
        message: after.invitation!.message ?? '',
        expires,
      };
      const words = WORDS.notifications.invitedOrganization;
      await notifications.enqueue(
        {
          kind: 'invitation_sent',
          organizationId: invited,
          subject: fillBoth(words.subject, values),
          body: fillBoth(words.body, values, after.form),
          collaborationId: after.id,
        },
        em,
      );
      return;
    }
    const answers = { 'invitation.accept': 'accepted', 'invitation.decline': 'declined', 'invitation.expire': 'expired' } as const;
    if (!(event.type in answers)) return;
    const outcome = answers[event.type as keyof typeof answers];
    const invitation = before.invitation!;
    const answered = after.invitationOutcomes[after.invitationOutcomes.length - 1];
    const invited = (await nameOf(em, answered.organizationId)) ?? invitation.contact?.name ?? '';
    const values = { invited, title: after.title, reason: answered.reason ?? '' };
    const words = WORDS.notifications[outcome];
    await notifications.enqueue(
      {
        kind: `invitation_${outcome}`,
        organizationId: after.initiatorOrganizationId,
        subject: fillBoth(words.subject, values),
        body: fillBoth(words.body, values),
        collaborationId: after.id,
      },
      em,
    );
  };
}
