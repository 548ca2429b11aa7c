import type { EntityManager } from 'typeorm';
import type { Clock } from '../common/clock.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import type { AppConfig } from '../config/app-config.js';
import { frag, sql, toDate } from '../database/sql.js';
import type { EventValidator } from '../workflow-runtime/plugins.js';

const WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * An invitation mail carries the initiator's words to any address, so `partner.invite` → `invitation.revoke` → … must
 * not make the service a relay: at most `dailyPerAddress` invitation mails to one contact address and `dailyPerOrganization`
 * from one inviting organization in any 24 hours. Each contact invitation writes one invitation_tokens row in its
 * transaction, so those rows are the count. Concurrent invitations may overshoot by the few in flight.
 */
export function invitationMailLimits(config: AppConfig, clock: Clock): EventValidator {
  return async ({ em, before, event }) => {
    if (event.type !== 'partner.invite') return;
    const email = before.candidates.find((c) => c.id === event.candidateId)?.contact?.email;
    if (!email) return; // an organization is invited in-app: no mail
    const now = clock.now();
    const since = new Date(now.getTime() - WINDOW_MS);
    await check(em, now, 'address', config.mail.dailyPerAddress, frag`t.email = ${email} AND t.created_at > ${since}`);
    await check(
      em,
      now,
      'organization',
      config.mail.dailyPerOrganization,
      frag`t.created_at > ${since} AND t.collaboration_id IN
        (SELECT c.id FROM collaborations c WHERE c.initiator_organization_id = ${before.initiatorOrganizationId})`,
    );
  };
}

async function check(
  em: EntityManager,
  now: Date,
  per: 'address' | 'organization',
  limit: number,
  where: ReturnType<typeof frag>,
): Promise<void> {
  // The limit-th newest mail in the window, if there is one: the limit is reached, and another mail may go when it leaves.
  const { records } = await sql(em)<{ created_at: unknown }>`
    SELECT t.created_at FROM invitation_tokens t WHERE ${where} ORDER BY t.created_at DESC LIMIT 1 OFFSET ${limit - 1}`;
  if (records.length === 0) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((toDate(records[0].created_at).getTime() + WINDOW_MS - now.getTime()) / 1000));
  const whom = per === 'address' ? 'this address' : 'your organization';
  throw new DomainException(
    ErrorCode.RATE_LIMITED,
    `At most ${limit} invitation emails to ${whom} in 24 hours; try again in ${Math.ceil(retryAfterSeconds / 3600)} h`,
    { limit, per, retryAfterSeconds },
  );
}
