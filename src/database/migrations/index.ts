import type { MigrationInterface } from 'typeorm';
import { Foundation1795891600000 } from './1795891600000-foundation.js';
import { Collaborations1795895000000 } from './1795895000000-collaborations.js';
import { AgreementVersions1795900000000 } from './1795900000000-agreement-versions.js';
import { IpRecords1795905000000 } from './1795905000000-ip-records.js';
import { Reminders1795910000000 } from './1795910000000-reminders.js';
import { Notifications1795915000000 } from './1795915000000-notifications.js';
import { PartnerProfiles1795920000000 } from './1795920000000-partner-profiles.js';
import { InvitationTokens1795930000000 } from './1795930000000-invitation-tokens.js';
import { ReviewOutcomes1795940000000 } from './1795940000000-review-outcomes.js';
import { DirectoryFacets1795950000000 } from './1795950000000-directory-facets.js';
import { ContextParts1795960000000 } from './1795960000000-context-parts.js';
import { InvitationMailLimits1795980000000 } from './1795980000000-invitation-mail-limits.js';
import { Sessions1795990000000 } from './1795990000000-sessions.js';
import { MembershipInvitations1796000000000 } from './1796000000000-membership-invitations.js';
import { PersonalData1796010000000 } from './1796010000000-personal-data.js';
import { EmailPreferences1796020000000 } from './1796020000000-email-preferences.js';
import { NfcEmails1795970000000 } from './1795970000000-nfc-emails.js';
import { Webhooks1796030000000 } from './1796030000000-webhooks.js';
import { PartyIdentification1796042000000 } from './1796042000000-party-identification.js';
import { SignatoryAccount1796047000000 } from './1796047000000-signatory-account.js';

// Append-only, in order. Hand-written with portable types (see portable-types.ts): one history for SQLite and PostgreSQL.
export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Foundation1795891600000,
  Collaborations1795895000000,
  AgreementVersions1795900000000,
  IpRecords1795905000000,
  Reminders1795910000000,
  Notifications1795915000000,
  PartnerProfiles1795920000000,
  InvitationTokens1795930000000,
  ReviewOutcomes1795940000000,
  DirectoryFacets1795950000000,
  ContextParts1795960000000,
  NfcEmails1795970000000,
  InvitationMailLimits1795980000000,
  Sessions1795990000000,
  MembershipInvitations1796000000000,
  PersonalData1796010000000,
  EmailPreferences1796020000000,
  Webhooks1796030000000,
  PartyIdentification1796042000000,
  SignatoryAccount1796047000000,
];
