import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors, ApiFile } from '../common/http/api-errors.decorator.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import { OutcomeInsightsDto } from './insights.dto.js';
import { arrayOf, integer, object, string, uuid } from '../common/http/api-schema.js';
import { InsightsService, type NetworkSource } from './insights.service.js';
import { insightsCsv, type OutcomeInsights } from './outcome-insights.js';

const ORGANIZATION_QUERY = {
  name: 'organizationId',
  required: false,
  schema: { type: 'string', format: 'uuid' },
  description: 'The organization to report on; needed only when you belong to several',
};
const ORGANIZATION_ID = new EntityIdPipe('Organization', true);
const OUTCOMES_DESCRIPTION =
  "Over the organization's completed collaborations (as initiator or partner), from its own review: per form, per partner " +
  '(a collaboration with two partners counts for each) and per band of the chosen partner’s fit score ' +
  '(templates/reviews/fit-bands.json; only collaborations the organization initiated have a score, the rest are `unknown`). ' +
  'Each group: collaborations, reviewed (submitted KPIs), median follower growth % and median profit over the reviews that ' +
  'have them, and targets met of the planned KPIs with a result, pooled over the group.';

@ApiTags('insights')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
@Controller()
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get('insights')
  @ApiOperation({
    summary: 'How your completed collaborations went: by form, by partner and by fit score',
    description: OUTCOMES_DESCRIPTION,
  })
  @ApiQuery(ORGANIZATION_QUERY)
  @ApiOkResponse({ type: OutcomeInsightsDto })
  async outcomes(
    @CurrentUser() user: AuthenticatedUser,
    @Query('organizationId', ORGANIZATION_ID) organizationId?: string,
  ): Promise<OutcomeInsights> {
    return this.insights.outcomes(await this.insights.organizationFor(user.id, organizationId));
  }

  @Get('insights.csv')
  @ApiOperation({
    summary: 'The same insights as CSV for spreadsheets',
    description:
      'UTF-8 with a byte order mark, CRLF lines, RFC 4180 quoting. Header: group_kind, group, name, collaborations, reviewed, ' +
      'median_follower_growth_pct, median_profit_idr, targets_met, targets_with_result, share_of_targets_met_pct; one row per ' +
      'group, group_kind being overall, form, partner or fit_band. Decimals use a point.',
  })
  @ApiFile('text/csv', 'CSV, one row per group')
  @ApiQuery(ORGANIZATION_QUERY)
  async csv(
    @CurrentUser() user: AuthenticatedUser,
    @Query('organizationId', ORGANIZATION_ID) organizationId: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const insights = await this.insights.outcomes(await this.insights.organizationFor(user.id, organizationId));
    void reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="kolabora-insights.csv"');
    return insightsCsv(insights);
  }

  @Get('insights/network')
  @ApiOperation({
    summary: 'Where your partners came from: per candidate source, candidates, those who became partners, and completed collaborations',
    description:
      'Over the collaborations the organization initiated. Sources: event, referral, directory, instagram, other, and unknown ' +
      '(candidates shortlisted without one). A contact counts as a partner when an organization accepted its invitation.',
  })
  @ApiQuery(ORGANIZATION_QUERY)
  @ApiOkResponse({
    schema: object({
      organizationId: uuid,
      sources: arrayOf(object({ source: string(), candidates: integer(), becamePartners: integer(), completedCollaborations: integer() })),
    }),
  })
  async network(
    @CurrentUser() user: AuthenticatedUser,
    @Query('organizationId', ORGANIZATION_ID) organizationId?: string,
  ): Promise<{ organizationId: string; sources: NetworkSource[] }> {
    return this.insights.network(await this.insights.organizationFor(user.id, organizationId));
  }
}
