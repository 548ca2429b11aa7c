// The `review.submit` payload (issue 7): KPI figures, ratings of the partner and lessons. Counts are non-negative integers
// up to COUNT_MAX, money whole rupiah up to RUPIAH_MAX (src/common/limits.ts), percentages 0–100; every field may be left
// out here, and the planned KPIs' inputs are required later (assertPlannedInputs), where the review plan is known.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { COUNT_MAX, LESSONS_MAX, RUPIAH_MAX } from '../../common/limits.js';

// Bounded so that every outcome computed from them is finite (an unbounded count once made follower growth Infinity).
const COUNT = { type: 'integer', minimum: 0, maximum: COUNT_MAX } as const;
const RUPIAH = { type: 'integer', minimum: 0, maximum: RUPIAH_MAX, description: 'Whole rupiah' } as const;

/** A non-negative integer up to its maximum (a count, or whole rupiah), optional. */
const Count = (doc: { maximum: number } & Record<string, unknown> = COUNT): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional(doc), IsOptional(), IsInt(), Min(0), Max(doc.maximum));
/** A percentage 0–100, optional. */
const Percent = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'number', minimum: 0, maximum: 100 }),
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    Max(100),
  );
/** A nested object of `type`, optional. */
const Nested = (type: () => new () => object): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ type: type() }), IsOptional(), IsObject(), ValidateNested(), Type(type));
/** A rating of the partner, 1–5, optional. */
const Rating = (): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5 }), IsOptional(), IsInt(), Min(1), Max(5));

export class EngagementsDto {
  @Count() likes?: number;
  @Count() comments?: number;
  @Count() shares?: number;
  @Count() saves?: number;
}

export class AwarenessKpisDto {
  @Count() followersBefore?: number;
  @Count() followersAfter?: number;
  @Count() reach?: number;
  @Count() impressions?: number;
  @Nested(() => EngagementsDto) engagements?: EngagementsDto;
  @Count() mentions?: number;
  @Count() clicks?: number;
  @Percent() aidedRecognitionPct?: number;
  @Percent() unaidedRecallPct?: number;
}

export class CommercialKpisDto {
  @Count() unitsSold?: number;
  @Count(RUPIAH) grossRevenue?: number;
  @Count(RUPIAH) discounts?: number;
  @Count(RUPIAH) returns?: number;
  @Count(RUPIAH) costOfGoods?: number;
  @Count(RUPIAH) marketingCost?: number;
  @Count(RUPIAH) revenueSharePaid?: number;
  @Count(RUPIAH) revenueShareReceived?: number;
}

export class KpisDto {
  @Nested(() => AwarenessKpisDto) awareness?: AwarenessKpisDto;
  @Nested(() => CommercialKpisDto) commercial?: CommercialKpisDto;
}

export class RatingsDto {
  @Rating() communication?: number;
  @Rating() commitment?: number;
  @Rating() quality?: number;
  @Rating() timeliness?: number;
}

export class ReviewEventDto {
  @ApiProperty({ type: KpisDto, description: "This party's figures; those the review plan's KPIs need are required (400 names them)" })
  @IsObject()
  @ValidateNested()
  @Type(() => KpisDto)
  kpis!: KpisDto;
  @ApiProperty({ type: RatingsDto, description: 'How this party rates its partner, 1–5' })
  @IsObject()
  @ValidateNested()
  @Type(() => RatingsDto)
  ratings!: RatingsDto;
  @ApiProperty({ maxLength: LESSONS_MAX }) @IsString() @MaxLength(LESSONS_MAX) lessons!: string;
}
