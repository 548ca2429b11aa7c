import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { RateLimitGuard, RateLimited } from '../common/http/rate-limit.guard.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { uuidParam } from '../common/http/api-params.js';
import { ApiErrors, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import { AddMemberDto, MemberResponseDto, OrganizationWithRoleDto, UpdateOrganizationDto } from './dto/organization.dto.js';
import { OrganizationsService } from './organizations.service.js';

const ORGANIZATION_ID = new EntityIdPipe('Organization');

@ApiTags('organizations')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND)
@ApiParam(uuidParam('id'))
@Controller('organizations/:id')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({ summary: 'An organization you are a member of (404 otherwise)' })
  @ApiOkResponse({ type: OrganizationWithRoleDto })
  get(@Param('id', ORGANIZATION_ID) organizationId: string, @CurrentUser() user: AuthenticatedUser): Promise<OrganizationWithRoleDto> {
    return this.organizations.get(organizationId, user.id);
  }

  @Patch()
  @ApiOperation({ summary: 'Change registration fields or the legal details agreements need (any member)' })
  @ApiOkResponse({ type: OrganizationWithRoleDto })
  @ApiErrors(...BODY_ERRORS)
  update(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationWithRoleDto> {
    return this.organizations.update(organizationId, user.id, dto);
  }

  @Get('members')
  @ApiOperation({ summary: 'The members of an organization and their roles' })
  @ApiOkResponse({ type: [MemberResponseDto] })
  members(@Param('id', ORGANIZATION_ID) organizationId: string, @CurrentUser() user: AuthenticatedUser): Promise<MemberResponseDto[]> {
    return this.organizations.listMembers(organizationId, user.id);
  }

  @Post('members')
  @UseGuards(RateLimitGuard)
  @RateLimited('add-member') // answers whether an email has an account: limited like login
  @ApiOperation({ summary: 'Add an existing user as owner or member (owners only)' })
  @ApiResponse({ status: 201, type: MemberResponseDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.FORBIDDEN, ErrorCode.USER_NOT_FOUND, ErrorCode.ALREADY_MEMBER, ErrorCode.RATE_LIMITED)
  addMember(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: AddMemberDto,
  ): Promise<MemberResponseDto> {
    return this.organizations.addMember(organizationId, user.id, dto);
  }
}
