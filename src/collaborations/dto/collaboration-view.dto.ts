import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { FORMS, STATES } from '../../../workflows/collaboration/index.js';
import { PARTY_ROLES } from '../collaboration-party.entity.js';
import { arrayOf, dateTime, integer, object, string, uuid, type Schema } from '../../common/http/api-schema.js';

const nullableObject: Schema = { type: 'object', nullable: true };
const objects: Schema = arrayOf({ type: 'object' });
const nullableTime: Schema = { ...dateTime, nullable: true };

/**
 * The machine's context (workflows/collaboration/v1/types.ts, CollaborationContext): its top-level fields exactly; the
 * nested parts are objects, described in the lifecycle section of the README and by the event payloads that fill them.
 */
export const CONTEXT_SCHEMA: Schema = object(
  {
    id: uuid,
    title: string(),
    form: string({ enum: [...FORMS] }),
    vision: nullableObject,
    partnerRequirements: objects,
    structure: nullableObject,
    reviewPlan: nullableObject,
    production: nullableObject,
    initiatorOrganizationId: uuid,
    createdAt: dateTime,
    invitationWindowDays: integer(),
    submittedAt: nullableTime,
    candidates: objects,
    invitation: nullableObject,
    invitationOutcomes: objects,
    partnerOrganizationIds: arrayOf(uuid),
    termsRevisions: objects,
    acceptedRevision: { ...integer(), nullable: true },
    agreement: nullableObject,
    signatures: objects,
    changeRequests: arrayOf(object({ organizationId: uuid, reason: string(), at: dateTime })),
    checklist: { ...object({ items: objects, generatedAt: dateTime }), nullable: true },
    launchedAt: nullableTime,
    milestones: objects,
    ended: nullableObject,
    reviews: { type: 'object', additionalProperties: { type: 'object' }, description: 'By organization id' },
    reviewWindowEndedAt: nullableTime,
    closedAt: nullableTime,
    cancellation: nullableObject,
  },
  ['production'],
);

export class PartyDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PARTY_ROLES, description: '`invited`: asked to join, not yet a party' }) role!: string;
}

export class WorkflowRefDto {
  @ApiProperty({ example: 'collaboration' }) id!: string;
  @ApiProperty({ type: 'integer', example: 1 }) version!: number;
}

export class InvitationLinkDto {
  @ApiProperty({ description: '$PUBLIC_URL/invitations/<token>: single use, no login to open' }) link!: string;
  @ApiProperty({ description: 'https://wa.me/?text=… with the invitation text and link, to send it on WhatsApp' }) whatsappUrl!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class CollaborationViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: FORMS }) form!: string;
  @ApiProperty({ enum: STATES }) state!: string;
  @ApiProperty({ enum: ['active', 'done'] }) status!: string;
  @ApiProperty({ type: 'integer', description: 'Events applied so far; also the ETag. Send it in If-Match to fail fast on a stale view.' })
  version!: number;
  @ApiProperty({ type: WorkflowRefDto }) workflow!: WorkflowRefDto;
  @ApiProperty({ type: [PartyDto] }) parties!: PartyDto[];
  @ApiProperty({ type: [String], description: 'Event types you may send now (payload aside)' }) allowedEvents!: string[];
  @ApiProperty({
    allOf: [CONTEXT_SCHEMA],
    description:
      "The machine's context; other parties' reviews stay hidden until all are in. termsRevisions carry `terms` for the latest and the " +
      'accepted revision only: read an older one with GET /collaborations/{id}/terms/{revision}.',
  })
  context!: Record<string, unknown>;
  @ApiPropertyOptional({ type: InvitationLinkDto, description: "Only the initiator's view, while a contact not on Kolabora is invited" })
  invitation?: InvitationLinkDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CollaborationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: FORMS }) form!: string;
  @ApiProperty({ enum: STATES }) state!: string;
  @ApiProperty({ enum: ['active', 'done'] }) status!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ enum: PARTY_ROLES, description: "Your organization's role" }) role!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CollaborationPageDto {
  @ApiProperty({ type: [CollaborationSummaryDto] }) items!: CollaborationSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!:
    string | null;
}

export class ListCollaborationsQueryDto {
  @ApiPropertyOptional({ enum: STATES }) @IsOptional() @IsIn(STATES) state?: string;
  @ApiPropertyOptional({ enum: FORMS }) @IsOptional() @IsIn(FORMS) form?: string;
  @ApiPropertyOptional({ enum: ['initiator', 'partner'], description: '`partner` includes invitations not yet answered' })
  @IsOptional()
  @IsIn(['initiator', 'partner'])
  role?: 'initiator' | 'partner';
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
}

export class HistoryEntryDto {
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '{userId, organizationId}, {kind: "system"|"timer"}, or {hidden: true} for an organization that is not a party',
  })
  actor!: Record<string, unknown>;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Timer events: when the timer was due' }) dueAt?: string;
}

export class MilestoneDto {
  @ApiProperty({ type: 'integer', example: 1, description: '1 = the first milestone recorded' }) number!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: 'string', nullable: true }) notes!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedByOrganizationId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class TermsRevisionDto {
  @ApiProperty({ example: 1 }) revision!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The terms as proposed (their shape depends on the form)' })
  terms!: Record<string, unknown>;
  @ApiProperty({ format: 'uuid' }) authorOrganizationId!: string;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
}
