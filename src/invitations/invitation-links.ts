import { createHmac } from 'node:crypto';
import type { CollaborationContext, Invitation } from '../../workflows/collaboration/index.js';
import type { AppConfig } from '../config/app-config.js';
import type { Bilingual } from '../documents/bilingual.js';
import { fillBoth as fillWords } from '../documents/fill.js';
import { readTemplate } from '../documents/templates.js';

interface Words {
  forms: Record<string, Bilingual>;
  whatsapp: Bilingual;
  email: { subject: Bilingual; body: Bilingual };
  page: { title: Bilingual; invites: Bilingual; howTo: Bilingual; gone: Bilingual; unknown: Bilingual };
  notifications: Record<'invitedOrganization' | 'accepted' | 'declined' | 'expired', { subject: Bilingual; body: Bilingual }>;
}
export const WORDS = readTemplate<Words>('invitations/invitation.json');
/** Fills both languages; `{form}` in each language's own words. */
export const fillBoth = (text: Bilingual, values: Record<string, string>, form?: string): Bilingual =>
  fillWords(text, { ...values, ...(form ? { form: WORDS.forms[form] ?? form } : {}) });
const DAY_MS = 86_400_000;
export const REFERENCE = 'kolabora:invitation:';

/** An invitation link with its token masked, for logs. */
export const maskInvitationTokens = (text: string): string => text.replace(/\/invitations\/[A-Za-z0-9_-]{20,}/g, '/invitations/[token]');

export interface InvitationLink {
  link: string;
  whatsappUrl: string;
  expiresAt: string;
}

/**
 * The link of a contact's invitation. Its token is an HMAC of the invitation (collaboration, candidate, time) under the
 * service's secret, so the initiator's view can show the link again while only its sha256 is stored; a re-sent
 * invitation gets a new one. Rotating JWT_SECRET voids open links.
 */
export class InvitationLinks {
  constructor(private readonly config: AppConfig) {}

  tokenOf(collaborationId: string, invitation: Invitation): string {
    return createHmac('sha256', this.config.jwt.secret)
      .update(`invitation:${collaborationId}:${invitation.candidateId}:${invitation.invitedAt}`)
      .digest('base64url');
  }

  expiresAt(context: CollaborationContext, invitation: Invitation): Date {
    return new Date(Date.parse(invitation.invitedAt) + context.invitationWindowDays * DAY_MS);
  }

  /** The link, a WhatsApp share link with the text, and when it expires; null unless a contact is invited. */
  linkFor(context: CollaborationContext, inviter: string): InvitationLink | null {
    const invitation = context.invitation;
    if (!invitation?.contact) return null;
    const link = `${this.config.publicUrl}/invitations/${this.tokenOf(context.id, invitation)}`;
    const text = fillBoth(WORDS.whatsapp, { name: invitation.contact.name, inviter, link }, context.form);
    return {
      link,
      whatsappUrl: `https://wa.me/?text=${encodeURIComponent(`${text.id}\n\n${text.en}`)}`,
      expiresAt: this.expiresAt(context, invitation).toISOString(),
    };
  }

  /**
   * The email to the contact: subject and body in both languages. The outbox must not hold the token, so the body keeps
   * a `{link}` placeholder and `link` is a reference that `resolve` turns into the link when the mail goes out.
   */
  emailFor(context: CollaborationContext, inviter: string): { to: string; subject: Bilingual; body: Bilingual; link: string } | null {
    const invitation = context.invitation;
    if (!invitation?.contact) return null;
    const expires = this.expiresAt(context, invitation).toISOString().slice(0, 10);
    const values = { inviter, name: invitation.contact.name, link: '{link}', expires, message: invitation.message ?? '' };
    return {
      to: invitation.contact.email,
      subject: fillBoth(WORDS.email.subject, values),
      body: fillBoth(WORDS.email.body, values, context.form),
      link: `${REFERENCE}${context.id}:${invitation.candidateId}:${invitation.invitedAt}`,
    };
  }

  /** The link behind a reference written by `emailFor`; any other link is returned as it is. */
  resolve(link: string): string {
    if (!link.startsWith(REFERENCE)) return link;
    const [collaborationId, candidateId, ...at] = link.slice(REFERENCE.length).split(':');
    const token = this.tokenOf(collaborationId, { candidateId, invitedAt: at.join(':') } as Invitation);
    return `${this.config.publicUrl}/invitations/${token}`;
  }
}
