import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { NormalizedEmail } from '../../common/email.js';
import { OptionalNotNull, OptionalOrNull } from '../../common/http/optional.js';
import { Trim } from '../../common/http/trim.js';
import { UserResponseDto } from '../../users/dto/user.dto.js';
import { READ_PURPOSES, type ReadPurpose } from '../legal-detail-read.entity.js';
import { MEMBER_ROLES, type MemberRole } from '../membership.entity.js';
import { PartnerProfileDto, PartnerProfileResponseDto } from './partner-profile.dto.js';
import { LEGAL_FORMS, SCALES, type LegalForm, type Scale } from '../organization.entity.js';

// null clears an optional field in PATCH; a required field must not be null (400 naming it).
const present = OptionalOrNull();
const notNullWhenSent = OptionalNotNull();

const INSTAGRAM = /^@?[A-Za-z0-9._]{1,30}$/;

// The validation of each kind of field, shared by registration and PATCH.
const Text = (max: number): PropertyDecorator => applyDecorators(Trim(), IsString(), IsNotEmpty(), MaxLength(max));
const NameList = (): PropertyDecorator =>
  applyDecorators(
    Trim(),
    IsArray(),
    ArrayMaxSize(50),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(100, { each: true }),
  );
const InstagramHandle = (): PropertyDecorator =>
  applyDecorators(Trim(), IsString(), Matches(INSTAGRAM, { message: 'instagram must be an Instagram handle' }));
const Country = (): PropertyDecorator =>
  applyDecorators(
    Trim(),
    Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code in capitals (ID, SG, …)' }),
    IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code in capitals (ID, SG, …)' }),
  );
const COUNTRY_DOC =
  'ISO 3166-1 alpha-2 (default ID). Whether the organization is an Indonesian party: with only Indonesian parties an ' +
  'agreement cannot let English prevail (UU 24/2009 Art. 31)';
const WebsiteUrl = (): PropertyDecorator =>
  applyDecorators(Trim(), IsUrl({ protocols: ['http', 'https'], require_protocol: true }), MaxLength(500));

/** The organization part of registration. */
export class CreateOrganizationDto {
  @ApiProperty({ example: 'Lookout Studio', maxLength: 200 })
  @Text(200)
  name!: string;

  @ApiProperty({ enum: LEGAL_FORMS, description: 'individual, UD, CV or PT' })
  @IsIn(LEGAL_FORMS)
  legalForm!: LegalForm;

  @ApiProperty({ enum: SCALES, description: 'Business scale; micro and small pay the UMK DJKI fees' })
  @IsIn(SCALES)
  scale!: Scale;

  @ApiProperty({ example: 'Bandung', maxLength: 100 })
  @Text(100)
  city!: string;

  @ApiProperty({ type: [String], example: ['LOOKOUT'], maxItems: 50 })
  @NameList()
  brands!: string[];

  @ApiProperty({ type: [String], example: ['apparel', 'headwear'], maxItems: 50 })
  @NameList()
  categories!: string[];

  @ApiPropertyOptional({ example: '@lookout.id', nullable: true })
  @IsOptional()
  @InstagramHandle()
  instagram?: string | null;

  @ApiPropertyOptional({ example: 'https://lookout.id', nullable: true })
  @IsOptional()
  @WebsiteUrl()
  website?: string | null;

  @ApiPropertyOptional({ example: 'ID', description: COUNTRY_DOC })
  @IsOptional()
  @Country()
  country?: string;
}

/** The deed of establishment (akta pendirian) of a PT or CV. */
export class DeedDto {
  @ApiProperty({ example: '12', maxLength: 100, description: 'Deed number' })
  @Text(100)
  number!: string;

  @ApiProperty({ example: '2020-03-15', format: 'date', description: 'The date the deed was made: not after today (Jakarta time)' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a calendar date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a calendar date as YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ example: 'Rina Kartika, S.H., M.Kn.', maxLength: 200, description: 'The notary before whom it was made' })
  @Text(200)
  notary!: string;
}

/** The owner of a UD (usaha dagang): a UD is not a legal entity, so its owner is the party to an agreement. */
export class OwnerDto {
  @ApiProperty({ example: 'Siti Aminah', maxLength: 200 })
  @Text(200)
  name!: string;

  @ApiProperty({ example: '3273014101900001', description: 'NIK on the owner’s KTP: 16 digits; encrypted at rest' })
  @Trim()
  @IsString()
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik!: string;
}

export class SignatoryDto {
  @ApiProperty({ example: 'Dewi Lestari' })
  @Text(200)
  name!: string;

  @ApiProperty({ example: 'Direktur' })
  @Text(200)
  title!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description:
      "The signatory's own account, a member of the organization: the only account that may sign agreements " +
      '(`agreement.sign`) for it; absent or null, nobody may sign until it is set (403 `SIGNING_AUTHORITY_REQUIRED`)',
  })
  @IsOptional()
  @IsUUID()
  userId?: string | null;
}

/** PATCH body: any registration field, plus the legal details an agreement needs. `null` clears an optional field. */
export class UpdateOrganizationDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @notNullWhenSent
  @Text(200)
  name?: string;

  @ApiPropertyOptional({ enum: LEGAL_FORMS })
  @notNullWhenSent
  @IsIn(LEGAL_FORMS)
  legalForm?: LegalForm;

  @ApiPropertyOptional({ enum: SCALES })
  @notNullWhenSent
  @IsIn(SCALES)
  scale?: Scale;

  @ApiPropertyOptional({ maxLength: 100 })
  @notNullWhenSent
  @Text(100)
  city?: string;

  @ApiPropertyOptional({ type: [String] })
  @notNullWhenSent
  @NameList()
  brands?: string[];

  @ApiPropertyOptional({ type: [String] })
  @notNullWhenSent
  @NameList()
  categories?: string[];

  @ApiPropertyOptional({ nullable: true })
  @present
  @InstagramHandle()
  instagram?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @present
  @WebsiteUrl()
  website?: string | null;

  @ApiPropertyOptional({ description: 'Registered legal name, as on the deed or NIB', example: 'CV Lookout Kreasi', nullable: true })
  @present
  @Text(200)
  legalName?: string | null;

  @ApiPropertyOptional({ description: 'Address for notices in agreements', nullable: true })
  @present
  @Text(1000)
  address?: string | null;

  @ApiPropertyOptional({ description: 'Nomor Induk Berusaha: 13 digits', example: '9120001234567', nullable: true })
  @present
  @Trim()
  @Matches(/^\d{13}$/, { message: 'nib must be 13 digits' })
  nib?: string | null;

  @ApiPropertyOptional({ description: 'NIK on the KTP of an individual party: 16 digits', nullable: true })
  @present
  @Trim()
  @Matches(/^\d{16}$/, { message: 'ktp must be 16 digits' })
  ktp?: string | null;

  @ApiPropertyOptional({ description: 'Nomor Pokok Wajib Pajak: 15 digits, or 16 (an NIK used as NPWP)', nullable: true })
  @present
  @Trim()
  @Matches(/^\d{15,16}$/, { message: 'npwp must be 15 or 16 digits' })
  npwp?: string | null;

  @ApiPropertyOptional({ description: COUNTRY_DOC, example: 'ID' })
  @notNullWhenSent
  @Country()
  country?: string;

  @ApiPropertyOptional({ type: DeedDto, nullable: true, description: 'Deed of establishment of a PT or CV (number, date, notary)' })
  @present
  @IsObject()
  @ValidateNested()
  @Type(() => DeedDto)
  deed?: DeedDto | null;

  @ApiPropertyOptional({
    description: 'Number of the Ministry of Law decree ratifying a PT (SK AHU)',
    example: 'AHU-0012345.AH.01.01.Tahun 2020',
    maxLength: 100,
    nullable: true,
  })
  @present
  @Trim()
  @IsString()
  @Matches(/^AHU-[0-9A-Za-z.\- ]+$/, { message: 'skAhu must be an SK AHU number starting with AHU- (AHU-0012345.AH.01.01.Tahun 2020)' })
  @MaxLength(100)
  skAhu?: string | null;

  @ApiPropertyOptional({ type: OwnerDto, nullable: true, description: 'The owner of a UD, who is the party to its agreements' })
  @present
  @IsObject()
  @ValidateNested()
  @Type(() => OwnerDto)
  owner?: OwnerDto | null;

  @ApiPropertyOptional({ type: SignatoryDto, nullable: true, description: 'Who signs agreements for the organization' })
  @present
  @IsObject()
  @ValidateNested()
  @Type(() => SignatoryDto)
  signatory?: SignatoryDto | null;

  @ApiPropertyOptional({
    type: PartnerProfileDto,
    nullable: true,
    description: 'The public partner profile, sent whole; `listed: true` puts it in the directory, null removes it',
  })
  @present
  @IsObject()
  @ValidateNested()
  @Type(() => PartnerProfileDto)
  profile?: PartnerProfileDto | null;
}

export class AddMemberDto {
  @ApiProperty({
    example: 'rina@example.com',
    description: 'Where the invitation goes; whoever accepts must be logged in with this email (compared in Unicode NFC, lower-cased)',
  })
  @NormalizedEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  @IsDefined()
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: MEMBER_ROLES })
  @IsDefined()
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;
}

// Identity numbers are personal data (UU 27/2022): encrypted at rest, and shown in full only where the read is logged.
const LEGAL_ID =
  'In full only in GET /organizations/{id} (each such read is in the access log, GET …/legal-details/reads); ' +
  'elsewhere masked to the last 4 digits (•••••••••4567)';

export class SignatoryResponseDto {
  @ApiProperty() name!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The account that signs for the organization' })
  userId!: string | null;
}

export class DeedResponseDto {
  @ApiProperty() number!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() notary!: string;
}

export class OwnerResponseDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: LEGAL_ID }) nik!: string | null;
}

export class OrganizationResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LEGAL_FORMS }) legalForm!: LegalForm;
  @ApiProperty({ enum: SCALES }) scale!: Scale;
  @ApiProperty() city!: string;
  @ApiProperty({ type: [String] }) brands!: string[];
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiProperty({ type: String, nullable: true }) instagram!: string | null;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ type: String, nullable: true }) legalName!: string | null;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ type: String, nullable: true, description: LEGAL_ID }) nib!: string | null;
  @ApiProperty({ type: String, nullable: true, description: LEGAL_ID }) ktp!: string | null;
  @ApiProperty({ type: String, nullable: true, description: LEGAL_ID }) npwp!: string | null;
  @ApiProperty({ example: 'ID', description: COUNTRY_DOC }) country!: string;
  @ApiProperty({ type: DeedResponseDto, nullable: true }) deed!: DeedResponseDto | null;
  @ApiProperty({ type: String, nullable: true }) skAhu!: string | null;
  @ApiProperty({ type: OwnerResponseDto, nullable: true, description: 'The owner of a UD' }) owner!: OwnerResponseDto | null;
  @ApiProperty({ type: SignatoryResponseDto, nullable: true }) signatory!: SignatoryResponseDto | null;
  @ApiProperty({ type: PartnerProfileResponseDto, nullable: true, description: 'The public partner profile; null when never set' })
  profile!: PartnerProfileResponseDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class OrganizationWithRoleDto extends OrganizationResponseDto {
  @ApiProperty({ enum: MEMBER_ROLES, description: "The caller's role in this organization" }) role!: MemberRole;
}

export class MemberResponseDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
}

/** GET /me: the signed-in user and their organizations. */
export class MeResponseDto {
  @ApiProperty({ type: UserResponseDto }) user!: UserResponseDto;
  @ApiProperty({ type: [OrganizationWithRoleDto] }) organizations!: OrganizationWithRoleDto[];
}

class ReaderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class LegalDetailReadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    enum: READ_PURPOSES,
    description: 'organization: GET /organizations/{id}; export: the reader’s GET /me/export; agreement: printed in an agreement version',
  })
  purpose!: ReadPurpose;
  @ApiProperty({
    type: ReaderDto,
    nullable: true,
    description: 'Null when the service read them for an agreement, or the account was erased',
  })
  reader!: ReaderDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) collaborationId!: string | null;
}

export class LegalDetailReadPageDto {
  @ApiProperty({ type: [LegalDetailReadDto] }) items!: LegalDetailReadDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
