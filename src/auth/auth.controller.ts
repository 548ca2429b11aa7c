import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { AuthService } from './auth.service.js';
import { LoginDto, RegisterDto, RegisterResponseDto, TokenResponseDto } from './dto/auth.dto.js';
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
