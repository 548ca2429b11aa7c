import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors, ApiFile, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { Public } from '../common/http/public.decorator.js';
import { NotificationPreferencesDto, UnsubscribedDto, UpdateNotificationPreferencesDto } from './preferences.dto.js';
import { PreferencesService } from './preferences.service.js';
import { confirmationPage, donePage } from './unsubscribe-page.js';

@ApiTags('me')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED)
@Controller('me/notifications')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOperation({
    summary: 'What you get by email: reminders, lifecycle notices, and whether they come as a daily digest',
    description: 'Defaults: reminders true, lifecycle true, digest "off". Mail goes to members of the organization a notice is for.',
  })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  get(@CurrentUser() user: AuthenticatedUser): Promise<NotificationPreferencesDto> {
    return this.preferences.get(user.id);
  }

  @Patch()
  @ApiOperation({ summary: 'Change your email preferences; only the fields sent change' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiErrors(...BODY_ERRORS)
  update(@CurrentUser() user: AuthenticatedUser, @Body() dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.preferences.update(user.id, dto.email);
  }
}

const TOKEN = {
  name: 'token',
  description: 'From the List-Unsubscribe header or the unsubscribe line of a mail (any other is 404)',
  schema: { type: 'string' as const, pattern: '^[A-Za-z0-9_-]{44}$' },
};

// Not rate-limited: a mail provider posts one-click unsubscribes for many users from few addresses, and a token is a
// 128-bit HMAC checked before any database read, so guessing gains nothing.
@ApiTags('me')
@Public()
@ApiParam(TOKEN)
@ApiErrors(ErrorCode.NOT_FOUND)
@Controller('unsubscribe/:token')
export class UnsubscribeController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOperation({
    summary: 'A page (Indonesian and English) with a button that unsubscribes; opening it changes nothing',
    description: 'Mail clients and link scanners open links: only the POST unsubscribes.',
  })
  @ApiFile('text/html', 'The confirmation page')
  async page(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { scope } = await this.preferences.scopeOf(token);
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return confirmationPage(scope);
  }

  @Post()
  @HttpCode(200)
  @ApiExtraModels(UnsubscribedDto)
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058), no login: turns off the link\'s category ("all": reminders and lifecycle)',
    description:
      'Mail clients POST `List-Unsubscribe=One-Click` as application/x-www-form-urlencoded (or multipart/form-data); the body is ' +
      'not needed, and any body or none is accepted. Repeating it changes nothing. A browser (Accept: text/html) gets a page.',
  })
  @ApiResponse({
    status: 200,
    description: 'Unsubscribed',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(UnsubscribedDto) } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  async unsubscribe(
    @Param('token') token: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UnsubscribedDto | string> {
    const done = await this.preferences.unsubscribe(token);
    if (!/^text\/html/.test(accept ?? '')) return done;
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return donePage(done.unsubscribed);
  }
}
