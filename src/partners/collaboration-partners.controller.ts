import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { AS_QUERY, uuidParam } from '../common/http/api-params.js';
import { arrayOf, bilingual, boolean, integer, object, string } from '../common/http/api-schema.js';
import { PublicProfileDto } from './dto/partner-profile.dto.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import { CollaborationReader } from '../collaborations/index.js';
import { FitService, type Suggestion } from './fit.service.js';

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 20;
  const limit = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (limit >= 1 && limit <= 100) return limit;
  const problem = 'limit must be a whole number from 1 to 100';
  throw new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: 'limit', problems: [problem] }] });
}

@ApiTags('partners')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN, ErrorCode.VALIDATION_FAILED)
@ApiParam(uuidParam('id'))
@Controller('collaborations/:id')
export class CollaborationPartnersController {
  constructor(
    private readonly collaborations: CollaborationReader,
    private readonly fit: FitService,
  ) {}

  @Get('suggestions')
  @ApiOperation({
    summary: 'Directory organizations ranked by fit for this proposal, with the breakdown (initiator only)',
    description:
      'Scores up to 500 listed profiles (those sharing the initiator’s categories first, then the newest listed) against the ' +
      "proposal's partnerRequirements and production, eligible ones first, then by score. Each item: `{partner: public profile, " +
      'fit: {score 0–100, eligible, flags, criteria: [{key, score 0–5|null, source: computed|rated, explanation{id,en}}]}}`. ' +
      'Organizations already shortlisted or partners are left out.',
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } })
  @ApiQuery(AS_QUERY)
  @ApiOkResponse({
    schema: object({
      items: arrayOf(
        object({
          partner: { $ref: getSchemaPath(PublicProfileDto) },
          fit: object({
            score: integer({ minimum: 0, maximum: 100 }),
            eligible: boolean,
            flags: arrayOf(string()),
            criteria: arrayOf(
              object({
                key: string(),
                score: { type: 'integer', minimum: 0, maximum: 5, nullable: true },
                source: string({ enum: ['computed', 'rated'] }),
                explanation: bilingual,
              }),
            ),
          }),
        }),
      ),
    }),
  })
  async suggestions(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new EntityIdPipe('Collaboration')) id: string,
    @Query('limit') limit?: string,
    @Query('as') as?: string,
  ): Promise<{ items: Suggestion[] }> {
    const count = parseLimit(limit);
    // The partner search is the initiator's own work: the other parties get 403.
    const party = await this.collaborations.partyOf(id, user.id, as);
    if (party.role !== 'initiator') throw new DomainException(ErrorCode.FORBIDDEN, 'Only the initiator sees partner suggestions');
    const context = await this.collaborations.contextOf(id, 'snapshot');
    return { items: await this.fit.suggestions(context, count) };
  }
}
