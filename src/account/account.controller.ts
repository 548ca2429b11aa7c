import { Body, Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { AccountErasedDto, EraseAccountDto } from './account.dto.js';
import { AccountService } from './account.service.js';

@ApiTags('me')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED)
@Controller('me')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Get('export')
  @ApiOperation({
    summary: 'Everything Kolabora stores about you, as JSON (UU 27/2022)',
    description:
      'Your account, memberships with your organizations (their identity numbers in full: logged as purpose `export`), ' +
      'invitations to and from you, the collaboration events you made, mail to your address, password reset requests and ' +
      'your reads of identity numbers. Never your password hash.',
  })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  export(@CurrentUser() user: AuthenticatedUser): Promise<Record<string, unknown>> {
    return this.account.export(user.id);
  }

  @Delete()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase your account, with your password; the last owner of an organization hands it over or deletes it first',
    description:
      '409 LAST_OWNER names the organizations in `details.organizations`. What stays is listed in the answer: signed ' +
      'agreements keep the names as signed, and the collaboration history keeps your former account id.',
  })
  @ApiOkResponse({ type: AccountErasedDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.LAST_OWNER)
  erase(@CurrentUser() user: AuthenticatedUser, @Body() dto: EraseAccountDto): Promise<AccountErasedDto> {
    return this.account.erase(user.id, dto.password);
  }
}
