import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parseLang } from '../documents/language.js';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { AS_QUERY, LANG_QUERY, uuidParam } from '../common/http/api-params.js';
import { ApiErrors, ApiFile } from '../common/http/api-errors.decorator.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import { ReviewViewDto } from './dto/review-view.dto.js';
import { ReviewsService, type ReviewView } from './reviews.service.js';

const COLLABORATION_ID = new EntityIdPipe('Collaboration');

@ApiTags('reviews')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN, ErrorCode.VALIDATION_FAILED)
@ApiParam(uuidParam('id'))
@Controller('collaborations/:id')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('review')
  @ApiOperation({
    summary: "The post-collaboration review: each party's submission, computed outcomes, the collaboration's facts and advice",
    description:
      "Another party's submission shows once every party has submitted or the initiator closed the review after its window " +
      '(`status: hidden` until then); a party that never submitted shows as `notSubmitted` once the review ended. Outcomes ' +
      '(follower growth, engagement rate, CTR, net revenue, profit, margin, ROI) are computed from each visible submission, and ' +
      'each planned KPI is evaluated against its baseline and target. Recommendations are for your party, with the numbers ' +
      'that triggered them.',
  })
  @ApiQuery(AS_QUERY)
  @ApiOkResponse({ type: ReviewViewDto })
  view(@CurrentUser() user: AuthenticatedUser, @Param('id', COLLABORATION_ID) id: string, @Query('as') as?: string): Promise<ReviewView> {
    return this.reviews.view(user, id, as);
  }

  @Get('review.pdf')
  @ApiOperation({
    summary: 'The review as a PDF report (bilingual by default)',
    description:
      'KPI table (baseline, target, actual, met), bar charts of target and actual, computed outcomes, ratings, lessons, recommendations, IP status.',
  })
  @ApiFile('application/pdf', 'The PDF')
  @ApiQuery(LANG_QUERY)
  @ApiQuery(AS_QUERY)
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Query('lang') lang: string | undefined,
    @Query('as') as: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const pdf = await this.reviews.pdf(user, id, as, parseLang(lang));
    void reply.type('application/pdf').header('Content-Disposition', `attachment; filename="Tinjauan-Kolaborasi-${id}.pdf"`);
    return pdf;
  }
}
