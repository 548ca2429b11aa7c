import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { REMINDERS_SCHEMA } from './ip-views.schema.js';
import { parseWithin, RemindersService, type UpcomingItem } from './reminders.service.js';

@ApiTags('ip')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED)
@Controller('reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's upcoming and overdue IP deadlines and checklist items",
    description:
      'Across every organization the caller belongs to: the deadlines of its marks and designs that call for action, due within ' +
      '`within` days (or missed within the same number of days back), and the open checklist items with a due date of the ' +
      'collaborations it is a party to (an open item stays listed however long ago it fell due). Sorted by due date. Each entry: ' +
      '`{source: ipRecord|checklist, organizationId, record?, collaboration?, itemId?, kind, title{id,en}, due, daysLeft, overdue, ' +
      'legalBasis, mark, toBeConfirmed}`.',
  })
  @ApiQuery({
    name: 'within',
    required: false,
    schema: { type: 'string', pattern: '^[0-9]{1,4}d$', example: '90d' },
    description: 'Days ahead, as <n>d (1d to 3650d); default 90d',
  })
  @ApiOkResponse({ schema: REMINDERS_SCHEMA })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query('within') within?: string,
  ): Promise<{ within: string; today: string; items: UpcomingItem[] }> {
    return this.reminders.list(user.id, parseWithin(within));
  }
}
