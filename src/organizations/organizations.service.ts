import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { normalizeEmail } from '../common/email.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type {
  AddMemberDto,
  CreateOrganizationDto,
  MeResponseDto,
  MemberResponseDto,
  OrganizationResponseDto,
  OrganizationWithRoleDto,
  UpdateOrganizationDto,
} from './dto/organization.dto.js';
import type { PartnerProfileResponseDto } from './dto/partner-profile.dto.js';
import { MembershipEntity, type MemberRole, roleAtLeast } from './membership.entity.js';
import { OrganizationProfiles } from './organization-profiles.js';
import { OrganizationEntity } from './organization.entity.js';

export function toOrganizationResponse(org: OrganizationEntity, profile: PartnerProfileResponseDto | null = null): OrganizationResponseDto {
  return {
    id: org.id,
    name: org.name,
    legalForm: org.legalForm,
    scale: org.scale,
    city: org.city,
    brands: org.brands,
    categories: org.categories,
    instagram: org.instagram,
    website: org.website,
    legalName: org.legalName,
    address: org.address,
    nib: org.nib,
    ktp: org.ktp,
    signatory: org.signatoryName && org.signatoryTitle ? { name: org.signatoryName, title: org.signatoryTitle } : null,
    profile,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  };
}

// The organization's own fields that the partner directory searches and filters on.
const SEARCHED_FIELDS = ['name', 'brands', 'categories', 'city'] as const;

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly profiles: OrganizationProfiles,
    private readonly users: UsersService,
  ) {}

  /** Creates the organization with `ownerId` as its owner, inside the caller's transaction. */
  async createWithOwner(em: EntityManager, dto: CreateOrganizationDto, ownerId: string): Promise<OrganizationEntity> {
    const now = this.clock.now();
    const org = em.create(OrganizationEntity, {
      id: randomUUID(),
      name: dto.name,
      legalForm: dto.legalForm,
      scale: dto.scale,
      city: dto.city,
      brands: dto.brands,
      categories: dto.categories,
      instagram: dto.instagram ?? null,
      website: dto.website ?? null,
      legalName: null,
      address: null,
      nib: null,
      ktp: null,
      signatoryName: null,
      signatoryTitle: null,
      createdAt: now,
      updatedAt: now,
    });
    await em.insert(OrganizationEntity, org);
    await em.insert(MembershipEntity, { organizationId: org.id, userId: ownerId, role: 'owner', createdAt: now });
    return org;
  }

  /** The caller's role, or 404 when the caller is not a member: non-members cannot tell whether it exists. */
  async roleOf(organizationId: string, userId: string): Promise<MemberRole> {
    const membership = await this.dataSource.getRepository(MembershipEntity).findOneBy({ organizationId, userId });
    if (!membership) throw notFound('Organization');
    return membership.role;
  }

  /**
   * The caller's role when it is `least` or above: 404 for a non-member, 403 `ROLE_FORBIDDEN` naming the role needed
   * for a member below it. Read from the database on every call, so a changed or removed membership counts at once.
   */
  async requireRole(organizationId: string, userId: string, least: MemberRole): Promise<MemberRole> {
    const role = await this.roleOf(organizationId, userId);
    if (!roleAtLeast(role, least)) {
      throw new DomainException(ErrorCode.ROLE_FORBIDDEN, `This needs the ${least} role or above; you are ${role}`, {
        required: least,
        role,
      });
    }
    return role;
  }

  async get(organizationId: string, userId: string): Promise<OrganizationWithRoleDto> {
    const role = await this.roleOf(organizationId, userId);
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: organizationId });
    return { ...toOrganizationResponse(org, await this.profiles.responseOf(this.dataSource.manager, organizationId)), role };
  }

  async listForUser(userId: string): Promise<OrganizationWithRoleDto[]> {
    const memberships = await this.dataSource.getRepository(MembershipEntity).find({
      where: { userId },
      relations: { organization: true },
      order: { createdAt: 'ASC' },
    });
    const profiles = await this.profiles.responsesOf(
      this.dataSource.manager,
      memberships.map((m) => m.organizationId),
    );
    return memberships.map((m) => ({ ...toOrganizationResponse(m.organization!, profiles.get(m.organizationId) ?? null), role: m.role }));
  }

  /** GET /me: the user and their organizations (here, not in users, because users sits below organizations). */
  async me(userId: string): Promise<MeResponseDto> {
    return { user: await this.users.get(userId), organizations: await this.listForUser(userId) };
  }

  async update(organizationId: string, userId: string, dto: UpdateOrganizationDto): Promise<OrganizationWithRoleDto> {
    const role = await this.roleOf(organizationId, userId);
    const { signatory, profile, ...fields } = dto;
    const changes: Partial<OrganizationEntity> = { ...fields, updatedAt: this.clock.now() };
    if (signatory !== undefined) {
      changes.signatoryName = signatory?.name ?? null;
      changes.signatoryTitle = signatory?.title ?? null;
    }
    // One transaction: the directory's copy of the name, brands, categories and city never lags the organization.
    return this.dataSource.transaction(async (em) => {
      await em.update(OrganizationEntity, { id: organizationId }, changes);
      const org = await em.findOneByOrFail(OrganizationEntity, { id: organizationId });
      if (profile !== undefined) await this.profiles.replace(em, org, profile);
      else if (SEARCHED_FIELDS.some((field) => fields[field] !== undefined)) await this.profiles.organizationChanged(em, org);
      return { ...toOrganizationResponse(org, await this.profiles.responseOf(em, organizationId)), role };
    });
  }

  async listMembers(organizationId: string, userId: string): Promise<MemberResponseDto[]> {
    await this.roleOf(organizationId, userId);
    const memberships = await this.dataSource.getRepository(MembershipEntity).find({
      where: { organizationId },
      relations: { user: true },
      order: { createdAt: 'ASC' },
    });
    return memberships.map(toMemberResponse);
  }

  /** Owners add existing users; a member trying it gets 403, a non-member 404. */
  async addMember(organizationId: string, userId: string, dto: AddMemberDto): Promise<MemberResponseDto> {
    const role = await this.roleOf(organizationId, userId);
    if (role !== 'owner') throw new DomainException(ErrorCode.FORBIDDEN, 'Only owners can add members');
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email: normalizeEmail(dto.email) });
    if (!user) {
      throw new DomainException(ErrorCode.USER_NOT_FOUND, 'No Kolabora user has this email; ask them to register first', {
        field: 'email',
      });
    }
    const already = (): DomainException =>
      new DomainException(ErrorCode.ALREADY_MEMBER, `${dto.email} is already a member`, { field: 'email' });
    const memberships = this.dataSource.getRepository(MembershipEntity);
    if (await memberships.existsBy({ organizationId, userId: user.id })) throw already();
    const membership = { organizationId, userId: user.id, role: dto.role, createdAt: this.clock.now() };
    try {
      await memberships.insert(membership);
    } catch (error) {
      if (isUniqueViolation(error)) throw already(); // a concurrent add won
      throw error;
    }
    return toMemberResponse({ ...membership, user });
  }
}

function toMemberResponse(m: MembershipEntity): MemberResponseDto {
  return { userId: m.userId, email: m.user!.email, name: m.user!.name, role: m.role, joinedAt: m.createdAt.toISOString() };
}
