import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { Trim } from '../../common/http/trim.js';
import { COUNT_MAX, KPI_PLAN_MAX, LINE_MAX, NAME_MAX, PARAGRAPH_MAX } from '../../common/limits.js';
import {
  CRITERIA,
  FORMS,
  GOALS,
  KPI_KEYS,
  type Criterion,
  type Form,
  type Goal,
  type KpiKey,
} from '../../../workflows/collaboration/index.js';

/** Partner-requirement weights must add up to 100 (the model's contract); the message says the sum. */
function WeightsAddUpTo100(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'weightsAddUpTo100',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) =>
          !Array.isArray(value) ||
          value.length === 0 ||
          value.reduce((sum: number, r: { weight?: unknown }) => sum + (typeof r?.weight === 'number' ? r.weight : 0), 0) === 100,
        defaultMessage: (args) => {
          const sum = (args?.value as Array<{ weight?: unknown }>).reduce((s, r) => s + (typeof r?.weight === 'number' ? r.weight : 0), 0);
          return `${args?.property} weights must add up to 100 (they add up to ${sum})`;
        },
      },
    });
}

export class VisionDto {
  @ApiProperty({ example: 'Bring our streetwear to Surabaya through a batik capsule', maxLength: PARAGRAPH_MAX })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PARAGRAPH_MAX)
  statement!: string;

  @ApiProperty({ enum: GOALS, isArray: true, maxItems: GOALS.length })
  @IsArray()
  @ArrayMaxSize(GOALS.length)
  @IsIn(GOALS, { each: true })
  goals!: Goal[];

  @ApiProperty({ type: 'array', items: { type: 'string', maxLength: LINE_MAX }, maxItems: 20, example: ['Sell 300 units in 3 months'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(LINE_MAX, { each: true })
  objectives!: string[];
}

export class PartnerRequirementDto {
  @ApiProperty({ enum: CRITERIA })
  @IsIn(CRITERIA)
  criterion!: Criterion;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Weights of all requirements add up to 100' })
  @IsNumber()
  @Min(0)
  @Max(100)
  weight!: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 5, description: 'A candidate scoring below this is not eligible' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(5)
  minimum?: number;
}

export class RoleDto {
  @ApiProperty({ enum: ['initiator', 'partner'] }) @IsIn(['initiator', 'partner']) party!: 'initiator' | 'partner';
  @ApiProperty({ type: 'array', items: { type: 'string', maxLength: LINE_MAX }, maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(LINE_MAX, { each: true })
  responsibilities!: string[];
}

export class PlannedMilestoneDto {
  @ApiProperty({ maxLength: NAME_MAX }) @Trim() @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) title!: string;
  @ApiProperty({ format: 'date', example: '2027-01-15' }) @IsISO8601({ strict: true }) due!: string;
}

export class StructureDto {
  @ApiProperty({ type: [RoleDto], maxItems: 10 })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => RoleDto)
  roles!: RoleDto[];
  @ApiProperty({ type: [PlannedMilestoneDto], maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlannedMilestoneDto)
  milestones!: PlannedMilestoneDto[];
  @ApiPropertyOptional({ maxLength: PARAGRAPH_MAX }) @IsOptional() @IsString() @MaxLength(PARAGRAPH_MAX) decisionMaking?: string;
  @ApiPropertyOptional({ maxLength: LINE_MAX }) @IsOptional() @IsString() @MaxLength(LINE_MAX) communicationCadence?: string;
}

/** A planned KPI's baseline or target, in the KPI's unit; bounded so that differences from the actual stay finite. */
const KpiFigure = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ minimum: -KPI_PLAN_MAX, maximum: KPI_PLAN_MAX }),
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(-KPI_PLAN_MAX),
    Max(KPI_PLAN_MAX),
  );

export class PlannedKpiDto {
  @ApiProperty({ enum: KPI_KEYS }) @IsIn(KPI_KEYS) key!: KpiKey;
  @KpiFigure() baseline?: number;
  @KpiFigure() target?: number;
}

export class ReviewPlanDto {
  @ApiProperty({ type: [PlannedKpiDto], maxItems: KPI_KEYS.length })
  @IsArray()
  @ArrayMaxSize(KPI_KEYS.length)
  @ValidateNested({ each: true })
  @Type(() => PlannedKpiDto)
  kpis!: PlannedKpiDto[];
  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'Days the parties have to submit reviews (default 30)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  reviewWindowDays?: number;
}

const presentOrNull = ValidateIf((_: object, value: unknown) => value !== undefined);

/** What the partner must be able to produce; capability fit compares it with a candidate's capacity and lead time. */
export class ProductionDto {
  @ApiPropertyOptional({ minimum: 1, maximum: COUNT_MAX, description: 'Units a month the partner must make or handle' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(COUNT_MAX)
  unitsPerMonth?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'The longest lead time the timeline allows, in days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  leadTimeDays?: number;
}

/** Vision, requirements, structure and review plan, each optional (the form is the fifth element). */
export class ElementsDto {
  @ApiPropertyOptional({ type: VisionDto, nullable: true })
  @ValidateIf((_: object, v: unknown) => v !== undefined && v !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => VisionDto)
  vision?: VisionDto | null;

  @ApiPropertyOptional({ type: [PartnerRequirementDto], maxItems: CRITERIA.length })
  @presentOrNull
  @IsArray()
  @ArrayMaxSize(CRITERIA.length)
  @ValidateNested({ each: true })
  @Type(() => PartnerRequirementDto)
  @WeightsAddUpTo100()
  partnerRequirements?: PartnerRequirementDto[];

  @ApiPropertyOptional({ type: StructureDto, nullable: true })
  @ValidateIf((_: object, v: unknown) => v !== undefined && v !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => StructureDto)
  structure?: StructureDto | null;

  @ApiPropertyOptional({ type: ReviewPlanDto, nullable: true })
  @ValidateIf((_: object, v: unknown) => v !== undefined && v !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => ReviewPlanDto)
  reviewPlan?: ReviewPlanDto | null;

  @ApiPropertyOptional({ type: ProductionDto, nullable: true })
  @ValidateIf((_: object, v: unknown) => v !== undefined && v !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => ProductionDto)
  production?: ProductionDto | null;
}

export class CreateCollaborationDto extends ElementsDto {
  @ApiProperty({ maxLength: NAME_MAX, example: 'LOOKOUT × Batik Kita capsule' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  title!: string;

  @ApiProperty({ enum: FORMS })
  @IsIn(FORMS)
  form!: Form;

  @ApiPropertyOptional({ format: 'uuid', description: 'The initiating organization; needed only when you belong to several' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

/** `proposal.update`: any field of the creation body; null clears an element. */
export class ProposalFieldsDto extends ElementsDto {
  @ApiPropertyOptional({ maxLength: NAME_MAX })
  @presentOrNull
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  title?: string;

  @ApiPropertyOptional({ enum: FORMS })
  @presentOrNull
  @IsIn(FORMS)
  form?: Form;
}
