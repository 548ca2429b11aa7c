import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { Public } from '../common/http/public.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { object, uuid } from '../common/http/api-schema.js';
import { ApiErrors, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { Trim } from '../common/http/trim.js';
import { InvitationsService, type PublicInvitation } from './invitations.service.js';

class AcceptInvitationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The organization you accept for; needed only when you belong to several' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}
class DeclineInvitationDto {
  @ApiProperty({ maxLength: 2000 }) @Trim() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
class InviterDto {
  @ApiProperty() name!: string;
}
class PublicInvitationDto {
  @ApiProperty({ type: InviterDto }) inviter!: InviterDto;
  @ApiProperty({ example: 'co_branding' }) form!: string;
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
}

const GONE = [ErrorCode.NOT_FOUND, ErrorCode.INVITATION_USED, ErrorCode.INVITATION_EXPIRED] as const;

@ApiTags('partners')
// The link's token: an HMAC-SHA256 in base64url (invitation-links.ts); any other is 404 like an unknown one.
@ApiParam({ name: 'token', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } })
@Controller('invitations/:token')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'An invitation by its link, without a login: who invites, the form and the message, nothing else',
    description: 'A wrong token is 404; a used one 410 INVITATION_USED; an expired or withdrawn one 410 INVITATION_EXPIRED.',
  })
  @ApiResponse({ status: 200, type: PublicInvitationDto })
  @ApiErrors(...GONE)
  show(@Param('token') token: string): Promise<PublicInvitation> {
    return this.invitations.show(token);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Accept the invitation for one of your organizations (register first if you are new): it becomes the partner party',
    description: 'Sends `invitation.accept`; the collaboration moves to `negotiation`. The link works once.',
  })
  @ApiResponse({ status: 200, schema: object({ collaborationId: uuid, organizationId: uuid }) })
  @ApiErrors(ErrorCode.UNAUTHENTICATED, ...BODY_ERRORS, ...GONE, ErrorCode.EVENT_FORBIDDEN, ErrorCode.EVENT_NOT_ALLOWED)
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Param('token') token: string,
    @Body() body: AcceptInvitationDto,
  ): Promise<{ collaborationId: string; organizationId: string }> {
    return this.invitations.accept(user, token, body.organizationId);
  }

  @Public()
  @Post('decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline the invitation, with a reason; no account needed. The link works once.' })
  @ApiResponse({ status: 200, schema: object({ collaborationId: uuid }) })
  @ApiErrors(...BODY_ERRORS, ...GONE, ErrorCode.EVENT_NOT_ALLOWED)
  decline(@Param('token') token: string, @Body() body: DeclineInvitationDto): Promise<{ collaborationId: string }> {
    return this.invitations.decline(token, body.reason);
  }
}
