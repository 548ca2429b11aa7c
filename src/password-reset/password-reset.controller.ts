import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TokenResponseDto } from '../auth/dto/auth.dto.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { Public } from '../common/http/public.decorator.js';
import { RateLimitGuard, RateLimited } from '../common/http/rate-limit.guard.js';
import { PasswordResetAcceptedDto, PasswordResetConfirmDto, PasswordResetRequestDto } from './password-reset.dto.js';
import { RESET_MINUTES, PasswordResetService } from './password-reset.service.js';

@ApiTags('auth')
@Public()
@UseGuards(RateLimitGuard)
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Post()
  @HttpCode(202)
  @RateLimited('password-reset')
  @ApiOperation({
    summary: 'Ask for a password reset link by mail; always 202, whether or not an account has this email (rate-limited like login)',
    description: `The link is \`$PUBLIC_URL/password-reset#token=<token>\`, works once and expires after ${RESET_MINUTES} minutes.`,
  })
  @ApiAcceptedResponse({ type: PasswordResetAcceptedDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.RATE_LIMITED)
  request(@Body() dto: PasswordResetRequestDto): PasswordResetAcceptedDto {
    this.resets.request(dto.email);
    return {
      message: `If an account has this email, a link to reset its password is on its way; it works for ${RESET_MINUTES} minutes.`,
    };
  }

  @Post('confirm')
  @HttpCode(200)
  @RateLimited('password-reset-confirm')
  @ApiOperation({
    summary: "Set a new password with the link's token; every earlier token of the account is revoked, and a new one returned",
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.RESET_TOKEN_INVALID, ErrorCode.RATE_LIMITED)
  confirm(@Body() dto: PasswordResetConfirmDto): Promise<TokenResponseDto> {
    return this.resets.confirm(dto.token, dto.password);
  }
}
