import { ApiProperty } from '@nestjs/swagger';
import { KPI_KEYS, STATES } from '../../../workflows/collaboration/index.js';
import { PARTY_ROLES } from '../../collaborations/collaboration-party.entity.js';

const BILINGUAL = { type: 'object', properties: { id: { type: 'string' }, en: { type: 'string' } } } as const;
const COMPUTED = {
  type: 'object',
  description: '`{value, reason: null}`, or `{value: null, reason}` naming the missing or zero input',
  properties: { value: { type: 'number', nullable: true }, reason: { type: 'string', nullable: true } },
} as const;

export class ComputedOutcomesDto {
  @ApiProperty({ ...COMPUTED, description: '(after − before) / before × 100' }) followerGrowthPct!: unknown;
  @ApiProperty({ ...COMPUTED, description: '(likes + comments + shares + saves) / reach × 100' }) engagementRatePct!: unknown;
  @ApiProperty({ ...COMPUTED, description: 'clicks / impressions × 100' }) ctrPct!: unknown;
  @ApiProperty({ ...COMPUTED, description: 'gross − discounts − returns (rupiah)' }) netRevenue!: unknown;
  @ApiProperty({ ...COMPUTED, description: 'net revenue + share received − cost of goods − marketing − share paid (rupiah)' })
  profit!: unknown;
  @ApiProperty({ ...COMPUTED, description: 'profit / net revenue × 100' }) marginPct!: unknown;
  @ApiProperty({ ...COMPUTED, description: 'profit / (cost of goods + marketing + share paid) × 100' }) roiPct!: unknown;
}

export class KpiEvaluationDto {
  @ApiProperty({ enum: KPI_KEYS }) key!: string;
  @ApiProperty({ type: Number, nullable: true }) baseline!: number | null;
  @ApiProperty({ type: Number, nullable: true }) target!: number | null;
  @ApiProperty({ type: Number, nullable: true }) actual!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why actual is null' }) reason!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'actual ≥ target; null without a target or an actual' }) met!: boolean | null;
  @ApiProperty({ type: Number, nullable: true, description: 'actual − target' }) byHowMuch!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'actual − baseline' }) changeFromBaseline!: number | null;
}

export class PartyReviewDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PARTY_ROLES }) role!: string;
  @ApiProperty({
    enum: ['submitted', 'hidden', 'pending', 'notSubmitted'],
    description:
      '`hidden`: submitted, shown once every party has submitted or the review is closed; `pending`: not yet submitted; ' +
      '`notSubmitted`: the review ended without it',
  })
  status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'The review.submit payload `{kpis, ratings, lessons}`; null unless submitted and visible to you',
  })
  submission!: Record<string, unknown> | null;
  @ApiProperty({ type: ComputedOutcomesDto, nullable: true }) outcomes!: ComputedOutcomesDto | null;
  @ApiProperty({ type: [KpiEvaluationDto], nullable: true, description: 'Each planned KPI against its baseline and target' })
  evaluations!: KpiEvaluationDto[] | null;
}

export class IpItemCountsDto {
  @ApiProperty() total!: number;
  @ApiProperty() done!: number;
  @ApiProperty() waived!: number;
}

export class CollaborationFactsDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Whole days from proposal.submit to the accepted invitation' })
  partnerSearchDays!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Candidates shortlisted; shown to the initiator only (its own search)' })
  candidatesConsidered!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "The accepted candidate's fit score, 0–100; null when none was computed" })
  chosenPartnerFitScore!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Its capability_fit criterion, 0–5' }) chosenPartnerCapabilityFit!:
    number | null;
  @ApiProperty({ type: IpItemCountsDto }) ipItems!: IpItemCountsDto;
}

export class RecommendationDto {
  @ApiProperty({ example: 'widen-network' }) id!: string;
  @ApiProperty({ ...BILINGUAL, description: 'The advice with the numbers that triggered it' }) advice!: { id: string; en: string };
  @ApiProperty({ description: 'Where the advice comes from (the research, the legal facts)' }) source!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The facts that triggered it, with their values' })
  triggeredBy!: Record<string, unknown>;
  @ApiProperty({ description: 'A figure in it rests on an unverified fact' }) toBeConfirmed!: boolean;
}

export class RecommendationsDto {
  @ApiProperty({ format: 'uuid', description: 'Your party: recommendations are for it' }) organizationId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The facts the rules read (templates/reviews/recommendation-rules.json)',
  })
  facts!: Record<string, unknown>;
  @ApiProperty({ type: [RecommendationDto] }) items!: RecommendationDto[];
}

export class ReviewPlanItemDto {
  @ApiProperty({ enum: KPI_KEYS }) key!: string;
  @ApiProperty({ required: false }) baseline?: number;
  @ApiProperty({ required: false }) target?: number;
}

export class ReviewViewDto {
  @ApiProperty({ format: 'uuid' }) collaborationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: STATES }) state!: string;
  @ApiProperty({ description: "Whether every party sees every party's review (all submitted, or the review closed)" }) revealed!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewWindowEndedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: [ReviewPlanItemDto], description: "The proposal's review plan" }) plan!: ReviewPlanItemDto[];
  @ApiProperty({ type: [PartyReviewDto] }) parties!: PartyReviewDto[];
  @ApiProperty({ type: CollaborationFactsDto }) facts!: CollaborationFactsDto;
  @ApiProperty({ type: RecommendationsDto }) recommendations!: RecommendationsDto;
}
