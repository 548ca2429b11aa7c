import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, RegisterDto, RegisterResponseDto, TokenResponseDto } from './dto/auth.dto.js';
import { Public } from '../common/http/public.decorator.js';
import { RateLimitGuard, RateLimited } from '../common/http/rate-limit.guard.js';

@ApiTags('auth')
@Public()
@UseGuards(RateLimitGuard)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @RateLimited('register')
  @ApiOperation({ summary: 'Create an account and the organization it owns (rate-limited per client IP: AUTH_RATE_LIMIT per minute)' })
  @ApiResponse({ status: 201, type: RegisterResponseDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.EMAIL_TAKEN, ErrorCode.RATE_LIMITED)
  register(@Body() dto: RegisterDto): Promise<RegisterResponseDto> {
    return this.auth.register(dto);
  }

  @Post('login')
  @HttpCode(200)
  @RateLimited('login')
  @ApiOperation({ summary: 'Exchange email and password for a bearer token (rate-limited like register)' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.INVALID_CREDENTIALS, ErrorCode.RATE_LIMITED)
  login(@Body() dto: LoginDto): Promise<TokenResponseDto> {
    return this.auth.login(dto);
  }
}

/** What a logged-in user does with their own session and password. */
@ApiTags('auth')
@ApiBearerAuth()
@UseGuards(RateLimitGuard)
@Controller('auth')
export class SessionController {
  constructor(private readonly auth: AuthService) {}

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out everywhere: every token of this user, this one included, is refused from the next request on' })
  @ApiNoContentResponse({ description: 'Logged out' })
  @ApiErrors(ErrorCode.UNAUTHENTICATED)
  async logout(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.auth.logout(user.id);
  }

  @Post('password')
  @HttpCode(200)
  @RateLimited('password')
  @ApiOperation({
    summary: 'Change the password with the current one; earlier tokens are revoked and a new token is returned (rate-limited like login)',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.UNAUTHENTICATED, ErrorCode.RATE_LIMITED)
  changePassword(@CurrentUser() user: AuthenticatedUser, @Body() dto: ChangePasswordDto): Promise<TokenResponseDto> {
    return this.auth.changePassword(user.id, dto);
  }
}
