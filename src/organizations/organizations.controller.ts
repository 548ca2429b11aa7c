import { PageQueryDto } from '../common/pagination.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { uuidParam } from '../common/http/api-params.js';
import { ApiErrors, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import {
  ChangeRoleDto,
  LegalDetailReadPageDto,
  MemberResponseDto,
  OrganizationWithRoleDto,
  UpdateOrganizationDto,
} from './dto/organization.dto.js';
import { OrganizationsService } from './organizations.service.js';

const ORGANIZATION_ID = new EntityIdPipe('Organization');
const MEMBER_ID = new EntityIdPipe('Member');

@ApiTags('organizations')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND)
@ApiParam(uuidParam('id'))
@Controller('organizations/:id')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({
    summary: 'An organization you are a member of (404 otherwise); its identity numbers in full, a read logged for its admins',
  })
  @ApiOkResponse({ type: OrganizationWithRoleDto })
  get(@Param('id', ORGANIZATION_ID) organizationId: string, @CurrentUser() user: AuthenticatedUser): Promise<OrganizationWithRoleDto> {
    return this.organizations.get(organizationId, user.id);
  }

  @Patch()
  @ApiOperation({ summary: 'Change registration fields, the legal details agreements need or the directory profile (admins and owners)' })
  @ApiOkResponse({ type: OrganizationWithRoleDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.ROLE_FORBIDDEN)
  update(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationWithRoleDto> {
    return this.organizations.update(organizationId, user.id, dto);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete the organization, with its members, profile, IP records and access log (owners only)',
    description:
      'Refused (409 ORGANIZATION_HAS_COLLABORATIONS) while it is a party to a collaboration: the other party’s agreements name it.',
  })
  @ApiNoContentResponse()
  @ApiErrors(ErrorCode.ROLE_FORBIDDEN, ErrorCode.ORGANIZATION_HAS_COLLABORATIONS)
  async delete(@Param('id', ORGANIZATION_ID) organizationId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.organizations.deleteOrganization(organizationId, user.id);
  }

  @Get('members')
  @ApiOperation({ summary: 'The members of an organization and their roles' })
  @ApiOkResponse({ type: [MemberResponseDto] })
  members(@Param('id', ORGANIZATION_ID) organizationId: string, @CurrentUser() user: AuthenticatedUser): Promise<MemberResponseDto[]> {
    return this.organizations.listMembers(organizationId, user.id);
  }

  @Get('legal-details/reads')
  @ApiOperation({
    summary: "Who read the organization's NIB, KTP/NIK or NPWP in full, and why, newest first (admins and owners)",
    description:
      'Every full read is logged: a member opening the organization, an export of personal data, an agreement version printing them.',
  })
  @ApiOkResponse({ type: LegalDetailReadPageDto })
  @ApiErrors(ErrorCode.ROLE_FORBIDDEN, ErrorCode.VALIDATION_FAILED)
  legalDetailReads(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PageQueryDto,
  ): Promise<LegalDetailReadPageDto> {
    return this.organizations.legalDetailReads(organizationId, user.id, query);
  }

  @Patch('members/:userId')
  @ApiOperation({
    summary: "Change a member's role (admins: members only; owners: anyone)",
    description: 'Only an owner makes or unmakes admins and owners (403 ROLE_FORBIDDEN); the last owner cannot step down (409 LAST_OWNER).',
  })
  @ApiParam(uuidParam('userId'))
  @ApiOkResponse({ type: MemberResponseDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.ROLE_FORBIDDEN, ErrorCode.LAST_OWNER)
  changeRole(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @Param('userId', MEMBER_ID) userId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: ChangeRoleDto,
  ): Promise<MemberResponseDto> {
    return this.organizations.changeRole(organizationId, user.id, userId, dto.role);
  }

  @Delete('members/:userId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a member (admins: members only; owners: anyone); their access ends with their next request',
    description: 'The last owner cannot be removed (409 LAST_OWNER). To leave yourself, use `POST …/members/leave`.',
  })
  @ApiParam(uuidParam('userId'))
  @ApiNoContentResponse()
  @ApiErrors(ErrorCode.ROLE_FORBIDDEN, ErrorCode.LAST_OWNER)
  async remove(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @Param('userId', MEMBER_ID) userId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.organizations.removeMember(organizationId, user.id, userId);
  }

  @Post('members/leave')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave the organization; the last owner must make someone else owner first (409 LAST_OWNER)' })
  @ApiNoContentResponse()
  @ApiErrors(ErrorCode.LAST_OWNER)
  async leave(@Param('id', ORGANIZATION_ID) organizationId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.organizations.leave(organizationId, user.id);
  }
}
