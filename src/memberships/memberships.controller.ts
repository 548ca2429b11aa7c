import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { uuidParam } from '../common/http/api-params.js';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import { Public } from '../common/http/public.decorator.js';
import { RateLimitGuard, RateLimited } from '../common/http/rate-limit.guard.js';
import { AddMemberDto } from '../organizations/dto/organization.dto.js';
import { DeclineMembershipDto, MembershipAnswerDto, MembershipInvitationDto, PublicMembershipInvitationDto } from './memberships.dto.js';
import { MEMBERSHIP_INVITATION_DAYS, MEMBERSHIP_MAILS_PER_DAY, MembershipsService } from './memberships.service.js';

const ORGANIZATION_ID = new EntityIdPipe('Organization');
const INVITATION_ID = new EntityIdPipe('Invitation');
const GONE = [ErrorCode.NOT_FOUND, ErrorCode.INVITATION_USED, ErrorCode.INVITATION_EXPIRED] as const;

@ApiTags('organizations')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND, ErrorCode.ROLE_FORBIDDEN)
@ApiParam(uuidParam('id'))
@Controller('organizations/:id/members')
export class OrganizationInvitationsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Post()
  @UseGuards(RateLimitGuard)
  @RateLimited('add-member') // it sends mail to an address of the caller's choosing
  @ApiOperation({
    summary: 'Invite someone to join: a pending membership and a mailed single-use link (admins invite members; owners anyone)',
    description:
      `Nobody joins without consent: the person accepts through the link (\`$PUBLIC_URL/memberships/<token>\`, valid ` +
      `${MEMBERSHIP_INVITATION_DAYS} days) while logged in with this email, or declines. A new invitation to the same ` +
      `address voids the open one. At most ${MEMBERSHIP_MAILS_PER_DAY} invitations per address per organization in 24 hours ` +
      '(429 with Retry-After).',
  })
  @ApiResponse({ status: 201, type: MembershipInvitationDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.ALREADY_MEMBER, ErrorCode.RATE_LIMITED)
  invite(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: AddMemberDto,
  ): Promise<MembershipInvitationDto> {
    return this.memberships.invite(organizationId, user.id, dto);
  }

  @Get('invitations')
  @ApiOperation({ summary: 'Open (pending, unexpired) invitations to join, newest first (admins and owners)' })
  @ApiOkResponse({ type: [MembershipInvitationDto] })
  pending(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<MembershipInvitationDto[]> {
    return this.memberships.listPending(organizationId, user.id);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an open invitation: its link stops working (410 INVITATION_USED when already answered)' })
  @ApiParam(uuidParam('invitationId'))
  @ApiNoContentResponse()
  @ApiErrors(ErrorCode.INVITATION_USED)
  async revoke(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @Param('invitationId', INVITATION_ID) invitationId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.memberships.revoke(organizationId, user.id, invitationId);
  }
}

@ApiTags('organizations')
// The link's token: an HMAC-SHA256 in base64url; any other is 404 like an unknown one.
@ApiParam({ name: 'token', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } })
@UseGuards(RateLimitGuard)
@Controller('memberships/:token')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Public()
  @Get()
  @RateLimited('membership-link')
  @ApiOperation({
    summary: 'An invitation to join by its link, without a login: the organization, who invites, the address and the role',
    description: 'A wrong token is 404; an answered one 410 INVITATION_USED; an expired or withdrawn one 410 INVITATION_EXPIRED.',
  })
  @ApiOkResponse({ type: PublicMembershipInvitationDto })
  @ApiErrors(...GONE, ErrorCode.RATE_LIMITED)
  show(@Param('token') token: string): Promise<PublicMembershipInvitationDto> {
    return this.memberships.show(token);
  }

  @Post('accept')
  @HttpCode(200)
  @RateLimited('membership-link')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Accept: you join the organization in the role offered. Log in (or register) with the invited email first',
    description: 'Another account than the invited address is 403 FORBIDDEN naming `email`. The link works once.',
  })
  @ApiOkResponse({ type: MembershipAnswerDto })
  @ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.ALREADY_MEMBER, ErrorCode.RATE_LIMITED, ...GONE)
  accept(@Param('token') token: string, @CurrentUser() user: AuthenticatedUser): Promise<MembershipAnswerDto> {
    return this.memberships.accept(token, user);
  }

  @Public()
  @Post('decline')
  @HttpCode(200)
  @RateLimited('membership-link')
  @ApiOperation({ summary: 'Decline, with an optional reason for the organization; no account needed. The link works once.' })
  @ApiOkResponse({ type: MembershipAnswerDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.RATE_LIMITED, ...GONE)
  decline(@Param('token') token: string, @Body() dto: DeclineMembershipDto): Promise<MembershipAnswerDto> {
    return this.memberships.decline(token, dto.reason);
  }
}
