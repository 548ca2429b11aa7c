import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FORMS, type Form } from '../../../workflows/collaboration/index.js';
import { Trim } from '../../common/http/trim.js';
import { IP_STATUSES } from '../../ip-checklist/ip-record.entity.js';
import { PRICE_TIERS, type PriceTier } from '../fit.js';
import { AGE_BANDS, CHANNELS, type Channel } from '../partner-profile.entity.js';

const Count = (max: number): PropertyDecorator => applyDecorators(IsInt(), Min(0), Max(max));
const Words = (maxItems: number, maxLength: number): PropertyDecorator =>
  applyDecorators(
    Trim(),
    IsArray(),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(maxLength, { each: true }),
  );

export class FollowersDto {
  @ApiPropertyOptional({ minimum: 0, example: 12000 })
  @IsOptional()
  @Count(1_000_000_000)
  instagram?: number;

  @ApiPropertyOptional({ minimum: 0, example: 3000 })
  @IsOptional()
  @Count(1_000_000_000)
  tiktok?: number;
}

export class AudienceDto {
  @ApiProperty({ enum: AGE_BANDS, isArray: true, example: ['18-24', '25-34'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(AGE_BANDS, { each: true })
  ageBands!: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 70 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  femalePercent?: number;

  @ApiProperty({ type: [String], example: ['Bandung', 'Jakarta'], maxItems: 30 })
  @Words(30, 100)
  cities!: string[];

  @ApiProperty({ type: FollowersDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FollowersDto)
  followers!: FollowersDto;
}

/** The public profile, sent whole in `PATCH /organizations/:id {profile}`; `null` there removes it (unlists). */
export class PartnerProfileDto {
  @ApiProperty({ description: 'Opt-in: only listed profiles appear in the partner directory' })
  @IsBoolean()
  listed!: boolean;

  @ApiProperty({ maxLength: 2000, example: 'Tenun ikat dari Sumba, dijahit di Bandung.' })
  @Trim()
  @IsString()
  @MaxLength(2000)
  story!: string;

  @ApiProperty({ enum: PRICE_TIERS })
  @IsIn(PRICE_TIERS)
  priceTier!: PriceTier;

  @ApiProperty({ type: AudienceDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience!: AudienceDto;

  @ApiProperty({ minimum: 0, description: 'Units the organization can make or sell per month', example: 500 })
  @Count(10_000_000)
  capacityPerMonth!: number;

  @ApiProperty({ minimum: 0, maximum: 365, example: 21 })
  @Count(365)
  leadTimeDays!: number;

  @ApiProperty({ enum: CHANNELS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(CHANNELS, { each: true })
  channels!: Channel[];

  @ApiProperty({ type: [String], maxItems: 30, example: ['tenun', 'sustainable'] })
  @Words(30, 50)
  tags!: string[];

  @ApiProperty({ enum: FORMS, isArray: true, description: 'Collaboration forms the organization is open to' })
  @IsArray()
  @ArrayUnique()
  @IsIn(FORMS, { each: true })
  openToForms!: Form[];
}

export class FollowersResponseDto {
  @ApiPropertyOptional() instagram?: number;
  @ApiPropertyOptional() tiktok?: number;
}

export class AudienceResponseDto {
  @ApiProperty({ type: [String] }) ageBands!: string[];
  @ApiPropertyOptional() femalePercent?: number;
  @ApiProperty({ type: [String] }) cities!: string[];
  @ApiProperty({ type: FollowersResponseDto }) followers!: FollowersResponseDto;
}

/** The profile fields anyone logged in may see of a listed organization. */
export class ProfileFieldsDto {
  @ApiProperty() story!: string;
  @ApiProperty({ enum: PRICE_TIERS }) priceTier!: PriceTier;
  @ApiProperty({ type: AudienceResponseDto }) audience!: AudienceResponseDto;
  @ApiProperty() capacityPerMonth!: number;
  @ApiProperty() leadTimeDays!: number;
  @ApiProperty({ enum: CHANNELS, isArray: true }) channels!: Channel[];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: FORMS, isArray: true }) openToForms!: Form[];
}

/** The profile as its own organization sees it. */
export class PartnerProfileResponseDto extends ProfileFieldsDto {
  @ApiProperty() listed!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was last listed' }) listedAt!: string | null;
}

export class PublicMarkDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: [Number], description: 'Nice classes' }) classes!: number[];
  @ApiProperty({ enum: IP_STATUSES }) status!: string;
}

/** A listed organization as the directory shows it: public fields only (no legal details, no members). */
export class PublicProfileDto extends ProfileFieldsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() city!: string;
  @ApiProperty({ type: [String] }) brands!: string[];
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiProperty({ type: String, nullable: true }) instagram!: string | null;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ type: [PublicMarkDto], description: "The organization's marks from its IP records" }) marks!: PublicMarkDto[];
}

export class PartnerPageDto {
  @ApiProperty({ type: [PublicProfileDto] }) items!: PublicProfileDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor!: string | null;
}

// An empty query parameter (`?tag=`) means the filter is not set.
const EmptyAsAbsent = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));
// Digits only: Number('') would be 0 and Number('1e3') 1000; anything else stays a string and fails @IsInt.
const IntegerParam = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value));
const Filter = (): PropertyDecorator => applyDecorators(EmptyAsAbsent(), IsOptional(), Trim(), IsString(), MaxLength(100));

export class ListPartnersQueryDto {
  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Words to find in names, brands, story and tags (all of them; the last may be the start of a word)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'A product category (case-insensitive)', example: 'apparel' }) @Filter() category?: string;
  @ApiPropertyOptional({ description: "The organization's city (case-insensitive)", example: 'Bandung' }) @Filter() city?: string;

  @ApiPropertyOptional({ enum: PRICE_TIERS })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(PRICE_TIERS)
  priceTier?: PriceTier;

  @ApiPropertyOptional({ enum: CHANNELS })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ description: 'A tag (case-insensitive)', example: 'tenun' }) @Filter() tag?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'At least this capacity per month' })
  @EmptyAsAbsent()
  @IsOptional()
  @IntegerParam()
  @IsInt({ message: 'minCapacity must be a non-negative integer' })
  @Min(0, { message: 'minCapacity must be a non-negative integer' })
  minCapacity?: number;

  @ApiPropertyOptional({ enum: FORMS, description: 'Open to this collaboration form' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(FORMS)
  form?: Form;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @EmptyAsAbsent()
  @IsOptional()
  @IntegerParam()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page, with the same q and filters' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  cursor?: string;
}
