import { ApiProperty } from '@nestjs/swagger';

export class GroupInsightDto {
  @ApiProperty({ description: 'The form, the partner organization id, the fit band, or `all`' }) group!: string;
  @ApiProperty({ type: String, nullable: true, description: "The partner's name (by partner), else null" }) name!: string | null;
  @ApiProperty({ description: 'Completed collaborations in the group' }) collaborations!: number;
  @ApiProperty({ description: 'Of those, how many the organization reviewed (submitted its KPIs)' }) reviewed!: number;
  @ApiProperty({ type: Number, nullable: true }) medianFollowerGrowthPct!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Whole rupiah' }) medianProfit!: number | null;
  @ApiProperty({ description: 'Planned KPIs that met their target' }) targetsMet!: number;
  @ApiProperty({ description: 'Planned KPIs with a known result' }) targetsWithResult!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'targetsMet / targetsWithResult × 100' }) shareOfTargetsMetPct!: number | null;
}

export class FitBandDto {
  @ApiProperty({ example: 'high' }) band!: string;
  @ApiProperty({ description: 'Lowest fit score in the band (inclusive)' }) min!: number;
  @ApiProperty({ description: 'Scores below this belong to the band' }) below!: number;
}

export class OutcomeInsightsDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ type: GroupInsightDto }) overall!: GroupInsightDto;
  @ApiProperty({ type: [GroupInsightDto] }) byForm!: GroupInsightDto[];
  @ApiProperty({ type: [GroupInsightDto] }) byPartner!: GroupInsightDto[];
  @ApiProperty({ type: [GroupInsightDto], description: 'Every band in order, then `unknown`' }) byFitBand!: GroupInsightDto[];
  @ApiProperty({ type: [FitBandDto] }) fitBands!: FitBandDto[];
}
