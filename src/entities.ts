import { AgreementVersionEntity } from './agreements/agreement-version.entity.js';
import { CollaborationPartyEntity } from './collaborations/collaboration-party.entity.js';
import { CollaborationEntity } from './collaborations/collaboration.entity.js';
import { IdempotencyKeyEntity } from './collaborations/idempotency-key.entity.js';
import { ReviewOutcomeEntity } from './insights/review-outcome.entity.js';
import { InvitationTokenEntity } from './invitations/invitation-token.entity.js';
import { IpRecordEntity } from './ip-checklist/ip-record.entity.js';
import { ReminderEntity } from './ip-checklist/reminder.entity.js';
import { MembershipInvitationEntity } from './memberships/index.js';
import { NotificationEntity } from './notifications/notification.entity.js';
import { LegalDetailReadEntity } from './organizations/legal-detail-read.entity.js';
import { NotificationPreferencesEntity } from './notifications/notification-preferences.entity.js';
import { MembershipEntity } from './organizations/membership.entity.js';
import { OrganizationEntity } from './organizations/organization.entity.js';
import { PartnerProfileEntity, PartnerProfileValueEntity } from './partners/partner-profile.entity.js';
import { PasswordResetEntity } from './password-reset/index.js';
import { UserEntity } from './users/user.entity.js';
import { WebhookDeliveryEntity, WebhookEndpointEntity, WebhookEventEntity, WebhookMessageEntity } from './webhooks/index.js';
import { ContextPartEntity } from './workflow-runtime/context-part.entity.js';
import { EffectEntity } from './workflow-runtime/effect.entity.js';
import { HistoryEventEntity } from './workflow-runtime/history-event.entity.js';
import { TimerEntity } from './workflow-runtime/timer.entity.js';

import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source-options.js';

// Every module's entities, listed here in the app layer so that database/ knows no module. Listed by class, not by glob,
// so the same list works from ts-jest and from dist/.
export const ENTITIES = [
  UserEntity,
  OrganizationEntity,
  MembershipEntity,
  CollaborationEntity,
  CollaborationPartyEntity,
  IdempotencyKeyEntity,
  HistoryEventEntity,
  EffectEntity,
  TimerEntity,
  ContextPartEntity,
  AgreementVersionEntity,
  IpRecordEntity,
  ReminderEntity,
  InvitationTokenEntity,
  NotificationEntity,
  NotificationPreferencesEntity,
  PartnerProfileEntity,
  PartnerProfileValueEntity,
  ReviewOutcomeEntity,
  PasswordResetEntity,
  MembershipInvitationEntity,
  LegalDetailReadEntity,
  WebhookEndpointEntity,
  WebhookEventEntity,
  WebhookMessageEntity,
  WebhookDeliveryEntity,
];

/** The data source options with every entity, for scripts that open their own connection (the migrations CLI, verify:history). */
export function appDataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  return dataSourceOptions(config, ENTITIES);
}
