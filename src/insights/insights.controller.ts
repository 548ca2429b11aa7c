import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import { InsightsService, type NetworkSource } from './insights.service.js';

const ORGANIZATION_QUERY = {
  name: 'organizationId',
  required: false,
  description: 'The organization to report on; needed only when you belong to several',
};

@ApiTags('insights')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
@Controller('insights')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get('network')
  @ApiOperation({
    summary: 'Where your partners came from: per candidate source, candidates, those who became partners, and completed collaborations',
    description:
      'Over the collaborations the organization initiated. Sources: event, referral, directory, instagram, other, and unknown ' +
      '(candidates shortlisted without one). A contact counts as a partner when an organization accepted its invitation.',
  })
  @ApiQuery(ORGANIZATION_QUERY)
  async network(
    @CurrentUser() user: AuthenticatedUser,
    @Query('organizationId', new EntityIdPipe('Organization', true)) organizationId?: string,
  ): Promise<{ organizationId: string; sources: NetworkSource[] }> {
    return this.insights.network(await this.insights.organizationFor(user.id, organizationId));
  }
}
