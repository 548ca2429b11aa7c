import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../common/http/trim.js';
import { MEMBER_ROLES, type MemberRole } from '../organizations/membership.entity.js';
import { INVITATION_STATUSES, type MembershipInvitationStatus } from './membership-invitation.entity.js';

class MembershipInviterDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
}

export class MembershipInvitationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: MembershipInvitationStatus;
  @ApiProperty({ type: MembershipInviterDto, nullable: true, description: 'Null once that account was erased' })
  invitedBy!: MembershipInviterDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The link stops working then' }) expiresAt!: string;
}

class MembershipOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}
class MembershipPublicInviterDto {
  @ApiProperty() name!: string;
}

export class PublicMembershipInvitationDto {
  @ApiProperty({ type: MembershipOrganizationDto }) organization!: MembershipOrganizationDto;
  @ApiProperty({ type: MembershipPublicInviterDto, nullable: true }) inviter!: MembershipPublicInviterDto | null;
  @ApiProperty({ description: 'The address invited: accept while logged in with it' }) email!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class MembershipAnswerDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ enum: ['accepted', 'declined'] }) status!: 'accepted' | 'declined';
}

export class DeclineMembershipDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'Why, for the organization (optional)' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}
