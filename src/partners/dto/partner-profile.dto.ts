import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FORMS, type Form } from '../../../workflows/collaboration/index.js';
import { Trim } from '../../common/http/trim.js';
import { IP_STATUSES } from '../../ip-checklist/index.js';
import { CHANNELS, type Channel, PRICE_TIERS, type PriceTier, ProfileFieldsDto } from '../../organizations/dto/partner-profile.dto.js';

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
