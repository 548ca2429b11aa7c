import { Body, Controller, HttpCode, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, RegisterDto, RegisterResponseDto, SessionQueryDto, TokenResponseDto } from './dto/auth.dto.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { Public } from '../common/http/public.decorator.js';
import { RateLimitGuard, RateLimited } from '../common/http/rate-limit.guard.js';

@ApiTags('auth')
@Public()
@UseGuards(RateLimitGuard)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('register')
  @RateLimited('register')
  @ApiOperation({ summary: 'Create an account and the organization it owns (rate-limited per client IP: AUTH_RATE_LIMIT per minute)' })
  @ApiResponse({ status: 201, type: RegisterResponseDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.EMAIL_TAKEN, ErrorCode.RATE_LIMITED)
  async register(
    @Body() dto: RegisterDto,
    @Query() query: SessionQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegisterResponseDto> {
    return asSession(await this.auth.register(dto), query, request, reply, this.config);
  }

  @Post('login')
  @HttpCode(200)
  @RateLimited('login')
  @ApiOperation({ summary: 'Exchange email and password for a bearer token (rate-limited like register)' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.INVALID_CREDENTIALS, ErrorCode.RATE_LIMITED)
  async login(
    @Body() dto: LoginDto,
    @Query() query: SessionQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    return asSession(await this.auth.login(dto), query, request, reply, this.config);
  }
}

/** What a logged-in user does with their own session and password. */
@ApiTags('auth')
@ApiBearerAuth()
@UseGuards(RateLimitGuard)
@Controller('auth')
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Log out everywhere: every token of this user, this one included, is refused from the next request on; the session cookie is cleared',
  })
  @ApiNoContentResponse({ description: 'Logged out' })
  @ApiErrors(ErrorCode.UNAUTHENTICATED)
  async logout(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(user.id);
    clearSessionCookie(request, reply, this.config.publicUrl);
  }

  @Post('password')
  @HttpCode(200)
  @RateLimited('password')
  @ApiOperation({
    summary: 'Change the password with the current one; earlier tokens are revoked and a new token is returned (rate-limited like login)',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.UNAUTHENTICATED, ErrorCode.RATE_LIMITED)
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: ChangePasswordDto,
    @Query() query: SessionQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    return asSession(await this.auth.changePassword(user.id, dto), query, request, reply, this.config);
  }
}

/** With `session=cookie`, the token goes into the HttpOnly cookie and out of the body, so page scripts never hold it. */
function asSession<T extends TokenResponseDto>(
  result: T,
  query: SessionQueryDto,
  request: FastifyRequest,
  reply: FastifyReply,
  config: AppConfig,
): T {
  if (query.session !== 'cookie') return result;
  const { accessToken, ...rest } = result;
  setSessionCookie(request, reply, accessToken!, config.jwt.ttlSeconds, config.publicUrl);
  return rest as T;
}
