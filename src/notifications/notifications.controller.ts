import { PageQueryDto } from '../common/pagination.js';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { NotificationPageDto } from './notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: "Your organizations' notifications, newest first",
    description:
      'Every notification addressed to an organization you belong to (invitations sent, accepted, declined or expired; ' +
      'reminders; agreement ready to sign, signed, executed; review window ended), in Indonesian and English, whether or not ' +
      'it has been mailed yet. Each is listed once; the copies mailed to members (see /me/notifications) are not listed. ' +
      'Cursor-paginated.',
  })
  @ApiResponse({ status: 200, type: NotificationPageDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PageQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(user.id, query);
  }
}
