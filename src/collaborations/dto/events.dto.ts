import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  validateSync,
  type ValidationOptions,
} from 'class-validator';
import { DomainException, ErrorCode } from '../../common/errors/domain.exception.js';
import { NormalizedEmail } from '../../common/email.js';
import { Trim } from '../../common/http/trim.js';
import { validationException } from '../../common/http/validation.js';
import { CODE_MAX, EVIDENCE_JSON_MAX, MILESTONES_MAX, NAME_MAX, PARAGRAPH_MAX, TERMS_REVISIONS_MAX } from '../../common/limits.js';
import {
  CANDIDATE_SOURCES,
  type CollaborationContext,
  CRITERIA,
  METERAI_KINDS,
  type MeteraiKind,
} from '../../../workflows/collaboration/index.js';
import { ReviewEventDto } from './review-submission.dto.js';
import { ProposalFieldsDto } from './proposal.dto.js';

/** A JSON object whose values are numbers in [min, max], with keys from `keys` when given. */
function IsScoreMap(min: number, max: number, keys?: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isScoreMap',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(([k, v]) => (!keys || keys.includes(k)) && typeof v === 'number' && v >= min && v <= max),
        defaultMessage: (args) =>
          `${args?.property} must be an object of numbers from ${min} to ${max}${keys ? ` keyed by ${keys.join(', ')}` : ''}`,
      },
    });
}

/** A value whose JSON is at most `max` characters: a free-form object kept in the history and shown to every party. */
function MaxJsonLength(max: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxJsonLength',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => JSON.stringify(value ?? null).length <= max,
        defaultMessage: (args) => `${args?.property} must be at most ${max} characters as JSON`,
      },
    });
}

const SHA256 = /^[0-9a-fA-F]{64}$/;
const TERMS_SCHEMAS = [
  'CoBrandingTerms',
  'LicensingTerms',
  'ConsignmentTerms',
  'EndorsementTerms',
  'DistributionTerms',
  'JointVentureTerms',
  'NdaTerms',
  'MouTerms',
];

class NoPayload {}
class CandidateRef {
  @ApiProperty({ example: 'candidate-1', maxLength: CODE_MAX }) @IsString() @IsNotEmpty() @MaxLength(CODE_MAX) candidateId!: string;
}
class Reason {
  @ApiProperty({ maxLength: PARAGRAPH_MAX }) @Trim() @IsString() @IsNotEmpty() @MaxLength(PARAGRAPH_MAX) reason!: string;
}
class ItemRef {
  @ApiProperty({ example: 'pdki-search', maxLength: CODE_MAX }) @IsString() @IsNotEmpty() @MaxLength(CODE_MAX) itemId!: string;
}

class ContactDto {
  @ApiProperty({ maxLength: NAME_MAX }) @Trim() @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) name!: string;
  @ApiProperty({ format: 'email', description: 'Kept in Unicode NFC, lower-cased' })
  @NormalizedEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;
  @ApiPropertyOptional({ maxLength: NAME_MAX }) @IsOptional() @Trim() @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) brand?: string;
  @ApiPropertyOptional({ example: '+628123456789' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a phone number such as +628123456789' })
  phone?: string;
}
export class ShortlistEventDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An organization on Kolabora (listed in the directory or not); or give a contact' })
  @ValidateIf((o: ShortlistEventDto) => o.contact === undefined || o.organizationId !== undefined)
  @IsUUID()
  organizationId?: string;
  @ApiPropertyOptional({ type: ContactDto, description: 'Someone not on Kolabora yet, invited by email; or give an organizationId' })
  @ValidateIf((o: ShortlistEventDto) => o.organizationId === undefined || o.contact !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
  @ApiPropertyOptional({ enum: CANDIDATE_SOURCES, description: 'Where the candidate came from (networking insights)' })
  @IsOptional()
  @IsIn(CANDIDATE_SOURCES)
  source?: string;
}
export class RateEventDto extends CandidateRef {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', minimum: 0, maximum: 5 },
    description: `0–5 per criterion: ${CRITERIA.join(', ')}`,
  })
  @IsScoreMap(0, 5, CRITERIA)
  scores!: Record<string, number>;
}
class OverrideDto extends Reason {}
export class InviteEventDto extends CandidateRef {
  @ApiPropertyOptional({ maxLength: PARAGRAPH_MAX }) @IsOptional() @Trim() @IsString() @MaxLength(PARAGRAPH_MAX) message?: string;
  @ApiPropertyOptional({
    type: OverrideDto,
    description: 'Needed to invite a candidate that is not eligible; the reason is kept in the history',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}
export class ProposeTermsEventDto {
  // The schemas are the agreements module's (src/agreements/terms.ts, registered by its controller): named here, not imported.
  @ApiProperty({
    anyOf: TERMS_SCHEMAS.map((name) => ({ $ref: `#/components/schemas/${name}` })),
    description:
      "The terms of the collaboration's form (co_branding: CoBrandingTerms, licensing: LicensingTerms, …); each field optional " +
      'when proposed, all needed to accept. A value over its maximum is 400 naming `terms.<field>`.',
  })
  @IsObject()
  terms!: Record<string, unknown>;
}
export class AcceptTermsEventDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) revision!: number;
}
const METERAI_SERIAL = /^[A-Za-z0-9-]{1,64}$/;
export class MeteraiDto {
  @ApiProperty({
    enum: METERAI_KINDS,
    description:
      '`electronic`: an e-meterai bought for this agreement, its serial recorded here and printed on the executed copy; ' +
      '`paper`: a Rp10.000 meterai stuck on the printed counterpart this party keeps',
  })
  @IsIn(METERAI_KINDS, { message: `kind must be one of: ${METERAI_KINDS.join(', ')}` })
  kind!: MeteraiKind;
  @ApiPropertyOptional({
    pattern: METERAI_SERIAL.source,
    example: '0A1B2C3D4E5F6G7H8I9J0K',
    description: "The stamp's serial number: required for `electronic`, optional for `paper`",
  })
  @ValidateIf((o: MeteraiDto) => o.kind === 'electronic' || o.serial !== undefined)
  @Trim()
  @Matches(METERAI_SERIAL, { message: 'serial must be the stamp serial number: 1 to 64 letters, digits or hyphens' })
  serial?: string;
}
export class SignEventDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) version!: number;
  @ApiProperty({
    pattern: SHA256.source,
    description: 'The sha256 of the version PDF as generated (`GET …/agreements/:version/pdf`); signing never changes that file',
  })
  @Matches(SHA256, { message: 'sha256 must be 64 hexadecimal characters' })
  sha256!: string;
  // A missing or null meterai is reported as its missing kind (the initializer, the transform), naming the field to send.
  @ApiProperty({ type: MeteraiDto, description: "This party's stamp duty (UU 10/2020)" })
  @Transform(({ value }: { value: unknown }) => (value === null ? new MeteraiDto() : value))
  @IsObject()
  @ValidateNested()
  @Type(() => MeteraiDto)
  meterai: MeteraiDto = new MeteraiDto();
}
export class CompleteItemEventDto extends ItemRef {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { date: '2026-12-01', reference: 'PDKI screenshot' },
    description: `Any JSON object, at most ${EVIDENCE_JSON_MAX.toLocaleString('en')} characters as JSON`,
  })
  @IsObject()
  @MaxJsonLength(EVIDENCE_JSON_MAX)
  evidence!: Record<string, unknown>;
}
export class WaiveItemEventDto extends ItemRef {
  @ApiProperty({ maxLength: PARAGRAPH_MAX }) @Trim() @IsString() @IsNotEmpty() @MaxLength(PARAGRAPH_MAX) reason!: string;
}
export class MilestoneEventDto {
  @ApiProperty({ maxLength: NAME_MAX }) @Trim() @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) title!: string;
  @ApiProperty({ format: 'date' }) @IsISO8601({ strict: true }) date!: string;
  @ApiPropertyOptional({ maxLength: PARAGRAPH_MAX }) @IsOptional() @IsString() @MaxLength(PARAGRAPH_MAX) notes?: string;
}
/** Payload class of every event a client may send; the service's own events are not here, so clients cannot send them. */
export const CLIENT_EVENT_PAYLOADS = {
  'proposal.update': ProposalFieldsDto,
  'proposal.submit': NoPayload,
  'proposal.reopen': NoPayload,
  'partner.shortlist': ShortlistEventDto,
  'partner.rate': RateEventDto,
  'partner.invite': InviteEventDto,
  'invitation.accept': NoPayload,
  'invitation.decline': Reason,
  'invitation.revoke': NoPayload,
  'terms.propose': ProposeTermsEventDto,
  'terms.accept': AcceptTermsEventDto,
  'agreement.sign': SignEventDto,
  'agreement.requestChanges': Reason,
  'checklist.complete': CompleteItemEventDto,
  'checklist.waive': WaiveItemEventDto,
  'checklist.reopen': ItemRef,
  'collaboration.launch': NoPayload,
  'milestone.record': MilestoneEventDto,
  'collaboration.end': NoPayload,
  'collaboration.terminate': Reason,
  'review.submit': ReviewEventDto,
  'review.close': NoPayload,
  'collaboration.cancel': Reason,
} as const;
export type ClientEventType = keyof typeof CLIENT_EVENT_PAYLOADS;
export const CLIENT_EVENT_TYPES = Object.keys(CLIENT_EVENT_PAYLOADS) as ClientEventType[];

/** Validates `{type, ...payload}` against the type's payload class; 400 names the type or the field. */
export function parseClientEvent(body: unknown): { type: ClientEventType; payload: Record<string, unknown> } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The body must be a JSON object {type, ...payload}', {
      fields: [{ field: 'body', problems: ['body must be a JSON object {type, ...payload}'] }],
    });
  }
  const { type, ...rest } = body as Record<string, unknown>;
  if (typeof type !== 'string' || !(type in CLIENT_EVENT_PAYLOADS)) {
    const problem = `type must be one of: ${CLIENT_EVENT_TYPES.join(', ')}`;
    throw new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: 'type', problems: [problem] }] });
  }
  const payload = plainToInstance(CLIENT_EVENT_PAYLOADS[type as ClientEventType] as new () => object, rest);
  const errors = validateSync(payload, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
  if (errors.length > 0) throw validationException(errors);
  return { type: type as ClientEventType, payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown> };
}

// Collections an event adds to, and how many elements one collaboration may hold: each element is kept for good.
const COLLECTION_LIMITS: Partial<Record<ClientEventType, { what: 'termsRevisions' | 'milestones'; limit: number }>> = {
  'terms.propose': { what: 'termsRevisions', limit: TERMS_REVISIONS_MAX },
  'milestone.record': { what: 'milestones', limit: MILESTONES_MAX },
};

/** Whether an event of this type still has room in the collection it adds to (what `allowedEvents` offers). */
export function hasRoomFor(type: string, context: CollaborationContext): boolean {
  const bound = COLLECTION_LIMITS[type as ClientEventType];
  return !bound || context[bound.what].length < bound.limit;
}

/** 409 LIMIT_REACHED with `details: {limit, what}` when this event would add to a collection that is full. */
export function assertRoomFor(type: ClientEventType, context: CollaborationContext): void {
  const bound = COLLECTION_LIMITS[type];
  if (!bound || hasRoomFor(type, context)) return;
  throw new DomainException(ErrorCode.LIMIT_REACHED, `A collaboration holds at most ${bound.limit} ${bound.what}`, { ...bound });
}

export class SendEventDocDto {
  @ApiProperty({ enum: CLIENT_EVENT_TYPES, description: 'The event; its payload fields sit beside `type`' })
  type!: string;
}

/** The OpenAPI schema of the events body: `type` plus the fields of that type's payload. */
export const EVENT_BODY_SCHEMA = {
  oneOf: Object.entries(CLIENT_EVENT_PAYLOADS).map(([type, dto]) => ({
    title: type,
    allOf: [
      { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: [type] } } },
      ...(dto === NoPayload ? [] : [{ $ref: getSchemaPath(dto) }]),
    ],
  })),
};
export const EVENT_PAYLOAD_MODELS = [...new Set(Object.values(CLIENT_EVENT_PAYLOADS))].filter((dto) => dto !== NoPayload);
