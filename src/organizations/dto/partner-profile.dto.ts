import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FORMS, type Form } from '../../../workflows/collaboration/index.js';
import { OptionalNotNull } from '../../common/http/optional.js';
import { Trim } from '../../common/http/trim.js';

// The public partner profile as an organization sends and reads it in PATCH/GET /organizations/:id. Its shape is part of
// the organization's contract, so it lives here; the partners module stores and indexes it (see organization-profiles.ts).

export const PRICE_TIERS = ['budget', 'mid', 'premium'] as const;
export type PriceTier = (typeof PRICE_TIERS)[number];
export const CHANNELS = ['offline_store', 'marketplace', 'instagram', 'tiktok', 'website', 'consignment'] as const;
export type Channel = (typeof CHANNELS)[number];
// Fixed bands, so that two profiles' audiences can be compared band by band (fit: audience overlap).
export const AGE_BANDS = ['13-17', '18-24', '25-34', '35-44', '45-54', '55+'] as const;

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
  @OptionalNotNull()
  @Count(1_000_000_000)
  instagram?: number;

  @ApiPropertyOptional({ minimum: 0, example: 3000 })
  @OptionalNotNull()
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
  @OptionalNotNull()
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
