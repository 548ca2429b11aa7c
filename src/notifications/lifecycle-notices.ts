import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type CollaborationContext, parties } from '../../workflows/collaboration/index.js';
import type { Bilingual } from '../documents/bilingual.js';
import { fillBoth } from '../documents/fill.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { type EventScope, WorkflowPlugins } from '../workflow-runtime/plugins.js';
import type { NotificationKind } from './notification.entity.js';
import { NotificationsService } from './notifications.service.js';

const b = (id: string, en: string): Bilingual => ({ id, en });

const WORDS = {
  ready: {
    subject: b('Perjanjian siap ditandatangani: {title}', 'Agreement ready to sign: {title}'),
    body: b(
      'Perjanjian kolaborasi “{title}” (versi {version}) sudah dibuat dan siap ditandatangani oleh setiap pihak.',
      'The agreement of the collaboration “{title}” (version {version}) has been generated and is ready for each party to sign.',
    ),
  },
  signed: {
    subject: b('{signer} menandatangani perjanjian: {title}', '{signer} signed the agreement: {title}'),
    body: b(
      '{signer} menandatangani perjanjian kolaborasi “{title}” (versi {version}). Tanda tangan pihak Anda masih ditunggu.',
      '{signer} signed the agreement of the collaboration “{title}” (version {version}). Your party’s signature is still awaited.',
    ),
  },
  executed: {
    subject: b('Perjanjian berlaku: {title}', 'Agreement executed: {title}'),
    body: b(
      'Setiap pihak telah menandatangani perjanjian kolaborasi “{title}” (versi {version}), sehingga perjanjian berlaku. Daftar periksa HKI sedang disiapkan.',
      'Every party has signed the agreement of the collaboration “{title}” (version {version}): it is executed. The IP checklist is being prepared.',
    ),
  },
  reviewWindow: {
    subject: b('Jendela tinjauan berakhir: {title}', 'Review window ended: {title}'),
    body: b('Jendela tinjauan pasca-kolaborasi “{title}” telah berakhir.', 'The post-collaboration review window of “{title}” has ended.'),
    missing: b(
      'Tinjauan pihak Anda belum dikirim; Anda masih dapat mengirimkannya sampai tinjauan ditutup.',
      'Your party has not submitted its review yet; you can still submit it until the review is closed.',
    ),
    close: b('Sebagai inisiator, Anda sekarang dapat menutup tinjauan.', 'As the initiator, you can now close the review.'),
  },
};

const nameOf = async (em: EntityManager, id: string): Promise<string> => {
  const org = await em.findOneBy(OrganizationEntity, { id });
  return org ? (org.brands[0] ?? org.name) : '';
};

const join = (...parts: Bilingual[]): Bilingual => ({ id: parts.map((p) => p.id).join(' '), en: parts.map((p) => p.en).join(' ') });

/**
 * Lifecycle notices and the review-window reminder, to the parties' organizations in the transaction of the event: an
 * agreement ready to sign, signed by another party, executed (every party signed), the review window ended. Each is
 * read in-app and mailed to the members who want it (NotificationsService.enqueue).
 */
@Injectable()
export class LifecycleNotices implements OnModuleInit {
  constructor(
    private readonly plugins: WorkflowPlugins,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.plugins.listen(['agreement.generated', 'agreement.sign', 'review.windowEnded'], (scope) => this.notice(scope));
  }

  private async notice({ em, event, after }: EventScope & { after: CollaborationContext }): Promise<void> {
    const send = (kind: NotificationKind, organizationId: string, subject: Bilingual, body: Bilingual): Promise<string> =>
      this.notifications.enqueue({ kind, organizationId, subject, body, collaborationId: after.id }, em);
    const values = { title: after.title, version: String(after.agreement?.version ?? '') };
    if (event.type === 'agreement.generated') {
      for (const party of parties(after))
        await send('agreement_ready', party, fillBoth(WORDS.ready.subject, values), fillBoth(WORDS.ready.body, values));
      return;
    }
    if (event.type === 'agreement.sign') {
      const version = after.agreement!.version;
      const signedBy = new Set(after.signatures.filter((s) => s.version === version).map((s) => s.organizationId));
      const all = parties(after);
      if (all.every((p) => signedBy.has(p))) {
        for (const party of all)
          await send('agreement_executed', party, fillBoth(WORDS.executed.subject, values), fillBoth(WORDS.executed.body, values));
        return;
      }
      const signer = after.signatures[after.signatures.length - 1];
      const words = { ...values, signer: await nameOf(em, signer.organizationId) };
      for (const party of all.filter((p) => !signedBy.has(p))) {
        await send('agreement_signed', party, fillBoth(WORDS.signed.subject, words), fillBoth(WORDS.signed.body, words));
      }
      return;
    }
    if (event.type === 'review.windowEnded') {
      for (const party of parties(after)) {
        const missing = !after.reviews[party];
        const initiator = party === after.initiatorOrganizationId;
        if (!missing && !initiator) continue; // nothing left for this party to do
        const body = join(
          WORDS.reviewWindow.body,
          ...(missing ? [WORDS.reviewWindow.missing] : []),
          ...(initiator ? [WORDS.reviewWindow.close] : []),
        );
        await send('review_window_ended', party, fillBoth(WORDS.reviewWindow.subject, values), fillBoth(body, values));
      }
    }
  }
}
