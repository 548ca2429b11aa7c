import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAIL_CATEGORIES, type MailCategory } from './notification.entity.js';

/** What a link turns off: one category, or every member mail (the digest carries both). */
export const UNSUBSCRIBE_SCOPES = [...MAIL_CATEGORIES, 'all'] as const;
export type UnsubscribeScope = MailCategory | 'all';

const MAC_BYTES = 16;

// A key of its own, derived from the JWT secret: a token of one kind never verifies as the other.
const keyOf = (secret: string): Buffer => createHmac('sha256', secret).update('kolabora unsubscribe v1').digest();

/**
 * The token of an unsubscribe link: the user's id and the scope, with an HMAC over both, base64url. Nothing stored, so
 * it works as long as the JWT secret is the same; it turns something off, never on, so it does not expire.
 */
export function unsubscribeToken(secret: string, userId: string, scope: UnsubscribeScope): string {
  const payload = Buffer.concat([Buffer.from(userId.replace(/-/g, ''), 'hex'), Buffer.from([UNSUBSCRIBE_SCOPES.indexOf(scope)])]);
  const mac = createHmac('sha256', keyOf(secret)).update(payload).digest().subarray(0, MAC_BYTES);
  return Buffer.concat([payload, mac]).toString('base64url');
}

/** The user and scope a token names, or null when it is not one this service made. */
export function readUnsubscribeToken(secret: string, token: string): { userId: string; scope: UnsubscribeScope } | null {
  if (!/^[A-Za-z0-9_-]{44}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 17 + MAC_BYTES) return null;
  const payload = bytes.subarray(0, 17);
  const expected = createHmac('sha256', keyOf(secret)).update(payload).digest().subarray(0, MAC_BYTES);
  if (!timingSafeEqual(expected, bytes.subarray(17))) return null;
  const scope = UNSUBSCRIBE_SCOPES[payload[16]];
  if (!scope) return null;
  const hex = payload.subarray(0, 16).toString('hex');
  const userId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { userId, scope };
}
