import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, PageQueryDto } from '../common/pagination.js';
import { UserEntity } from '../users/user.entity.js';
import { LegalDetailReadEntity } from './legal-detail-read.entity.js';
import { Clock, jakartaDate } from '../common/clock.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { frag, sql } from '../database/sql.js';
import { UsersService } from '../users/users.service.js';
import type {
  CreateOrganizationDto,
  LegalDetailReadPageDto,
  MeResponseDto,
  MemberResponseDto,
  OrganizationResponseDto,
  OrganizationWithRoleDto,
  UpdateOrganizationDto,
} from './dto/organization.dto.js';
import type { PartnerProfileResponseDto } from './dto/partner-profile.dto.js';
import { LegalIds, type LegalIdNumbers } from './legal-ids.js';
import { MembershipEntity, type MemberRole, roleAtLeast } from './membership.entity.js';
import { OrganizationProfiles } from './organization-profiles.js';
import { OrganizationEntity } from './organization.entity.js';

export function toOrganizationResponse(
  org: OrganizationEntity,
  numbers: LegalIdNumbers,
  profile: PartnerProfileResponseDto | null = null,
): OrganizationResponseDto {
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
    country: org.country,
    nib: numbers.nib,
    ktp: numbers.ktp,
    npwp: numbers.npwp,
    deed: org.deed,
    skAhu: org.skAhu,
    owner: org.ownerName ? { name: org.ownerName, nik: numbers.ownerNik } : null,
    signatory:
      org.signatoryName && org.signatoryTitle
        ? { name: org.signatoryName, title: org.signatoryTitle, userId: org.signatoryUserId ?? null }
        : null,
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
    private readonly legalIds: LegalIds,
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
      country: dto.country ?? 'ID',
      deed: null,
      skAhu: null,
      ownerName: null,
      ownerNikSealed: null,
      nibSealed: null,
      ktpSealed: null,
      npwpSealed: null,
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
    if (!roleAtLeast(role, least)) throw roleForbidden(least, role, 'do this');
    return role;
  }

  /** 400 naming `signatory.userId` unless that account is a member: only a member can sign for the organization. */
  private async requireSignatoryMember(organizationId: string, userId: string): Promise<void> {
    if (await this.dataSource.getRepository(MembershipEntity).existsBy({ organizationId, userId })) return;
    const problem = 'signatory.userId must be the account of a member of the organization';
    throw new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: 'signatory.userId', problems: [problem] }] });
  }

  async get(organizationId: string, userId: string): Promise<OrganizationWithRoleDto> {
    const role = await this.roleOf(organizationId, userId);
    return this.dataSource.transaction(async (em) => {
      const org = await em.findOneByOrFail(OrganizationEntity, { id: organizationId });
      // The one place the numbers are shown in full: logged for the organization's admins.
      const numbers = await this.legalIds.read(em, org, { userId, purpose: 'organization' });
      return { ...toOrganizationResponse(org, numbers, await this.profiles.responseOf(em, organizationId)), role };
    });
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
    return memberships.map((m) => ({
      ...toOrganizationResponse(m.organization!, this.legalIds.masked(m.organization!), profiles.get(m.organizationId) ?? null),
      role: m.role,
    }));
  }

  /** GET /me: the user and their organizations (here, not in users, because users sits below organizations). */
  async me(userId: string): Promise<MeResponseDto> {
    return { user: await this.users.get(userId), organizations: await this.listForUser(userId) };
  }

  async update(organizationId: string, userId: string, dto: UpdateOrganizationDto): Promise<OrganizationWithRoleDto> {
    const role = await this.requireRole(organizationId, userId, 'admin');
    const { signatory, profile, nib, ktp, npwp, owner, deed, ...fields } = dto;
    const changes: Partial<OrganizationEntity> = {
      ...fields,
      ...this.legalIds.seal(organizationId, { nib, ktp, npwp, ownerNik: owner === undefined ? undefined : (owner?.nik ?? null) }),
      updatedAt: this.clock.now(),
    };
    if (deed && deed.date > jakartaDate(this.clock.now())) {
      const problem = 'deed.date is after today: a deed of establishment is dated when it was made';
      throw new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: 'deed.date', problems: [problem] }] });
    }
    if (deed !== undefined) changes.deed = deed ? { number: deed.number, date: deed.date, notary: deed.notary } : null;
    if (owner !== undefined) changes.ownerName = owner?.name ?? null;
    if (signatory !== undefined) {
      changes.signatoryName = signatory?.name ?? null;
      changes.signatoryTitle = signatory?.title ?? null;
      changes.signatoryUserId = signatory?.userId ?? null;
      if (signatory?.userId) await this.requireSignatoryMember(organizationId, signatory.userId);
    }
    // One transaction: the directory's copy of the name, brands, categories and city never lags the organization.
    return this.dataSource.transaction(async (em) => {
      await em.update(OrganizationEntity, { id: organizationId }, changes);
      const org = await em.findOneByOrFail(OrganizationEntity, { id: organizationId });
      if (profile !== undefined) await this.profiles.replace(em, org, profile);
      else if (SEARCHED_FIELDS.some((field) => fields[field] !== undefined)) await this.profiles.organizationChanged(em, org);
      return { ...toOrganizationResponse(org, this.legalIds.masked(org), await this.profiles.responseOf(em, organizationId)), role };
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

  /**
   * Deletes the organization with its members, profile, IP records and access log (owners). Refused while it is a party
   * to a collaboration: the other party's agreements and history name it.
   */
  async deleteOrganization(organizationId: string, userId: string): Promise<void> {
    await this.requireRole(organizationId, userId, 'owner');
    await this.dataSource.transaction(async (em) => {
      await this.lockOrganization(em, organizationId);
      const { records } = await sql(em)`SELECT collaboration_id FROM collaboration_parties WHERE organization_id = ${organizationId}`;
      if (records.length > 0) {
        throw new DomainException(
          ErrorCode.ORGANIZATION_HAS_COLLABORATIONS,
          `The organization is a party to ${records.length} collaboration(s), whose agreements name it: it cannot be deleted`,
          { collaborations: records.length },
        );
      }
      // Rows of features (not importable here) that keep the organization's id without a foreign key; memberships, membership invitations and
      // the access log go with the row (ON DELETE CASCADE).
      await sql(em)`DELETE FROM ip_records WHERE organization_id = ${organizationId}`;
      await sql(em)`DELETE FROM reminders WHERE organization_id = ${organizationId}`;
      await sql(em)`DELETE FROM partner_profile_values WHERE organization_id = ${organizationId}`;
      await sql(em)`DELETE FROM partner_profiles WHERE organization_id = ${organizationId}`;
      await sql(em)`DELETE FROM notifications WHERE organization_id = ${organizationId}`;
      const endpoints = frag`SELECT id FROM webhook_endpoints WHERE organization_id = ${organizationId}`;
      await sql(em)`DELETE FROM webhook_deliveries WHERE endpoint_id IN (${endpoints})`;
      await sql(em)`DELETE FROM webhook_messages WHERE endpoint_id IN (${endpoints})`;
      await sql(em)`DELETE FROM webhook_endpoints WHERE organization_id = ${organizationId}`;
      await em.delete(OrganizationEntity, { id: organizationId });
    });
  }

  /** Who read the organization's identity numbers in full, newest first (admins and owners). */
  async legalDetailReads(organizationId: string, userId: string, query: PageQueryDto): Promise<LegalDetailReadPageDto> {
    await this.requireRole(organizationId, userId, 'admin');
    const limit = query.limit ?? 20;
    const qb = this.dataSource
      .getRepository(LegalDetailReadEntity)
      .createQueryBuilder('r')
      .leftJoinAndMapOne('r.user', UserEntity, 'u', 'u.id = r.user_id')
      .where('r.organization_id = :organizationId', { organizationId })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit + 1);
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor);
      qb.andWhere(new Brackets((w) => w.where('r.created_at < :at', { at }).orWhere('r.created_at = :at AND r.id < :id', { at, id })));
    }
    const rows = (await qb.getMany()) as Array<LegalDetailReadEntity & { user?: UserEntity | null }>;
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.createdAt.toISOString(),
        purpose: r.purpose,
        reader: r.user ? { id: r.user.id, name: r.user.name, email: r.user.email } : null,
        collaborationId: r.collaborationId,
      })),
      nextCursor: rows.length > limit ? encodeCursor(page[limit - 1]) : null,
    };
  }

  /**
   * A member's new role. Admins manage members; only an owner changes who is an admin or an owner. The last owner
   * cannot step down (409 LAST_OWNER).
   */
  async changeRole(organizationId: string, actorId: string, targetId: string, role: MemberRole): Promise<MemberResponseDto> {
    return this.dataSource.transaction(async (em) => {
      const { actorRole, target } = await this.lockForMemberChange(em, organizationId, actorId, targetId);
      if (target.role !== 'member' || role !== 'member') this.needOwner(actorRole, 'change who is an admin or an owner');
      if (target.role === 'owner' && role !== 'owner') await this.keepAnOwner(em, organizationId);
      await em.update(MembershipEntity, { organizationId, userId: targetId }, { role });
      return toMemberResponse({ ...target, role });
    });
  }

  /** Removes a member: admins remove members, owners anyone; the last owner stays (409 LAST_OWNER). */
  async removeMember(organizationId: string, actorId: string, targetId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const { actorRole, target } = await this.lockForMemberChange(em, organizationId, actorId, targetId);
      if (target.role !== 'member') this.needOwner(actorRole, 'remove an admin or an owner');
      if (target.role === 'owner') await this.keepAnOwner(em, organizationId);
      await em.delete(MembershipEntity, { organizationId, userId: targetId });
    });
  }

  /** The caller leaves; the last owner must first make someone else owner (409 LAST_OWNER). */
  async leave(organizationId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.lockOrganization(em, organizationId);
      const membership = await em.findOneBy(MembershipEntity, { organizationId, userId });
      if (!membership) throw notFound('Organization');
      if (membership.role === 'owner') await this.keepAnOwner(em, organizationId);
      await em.delete(MembershipEntity, { organizationId, userId });
    });
  }

  /**
   * Inside the caller's transaction: the organization locked (PostgreSQL; SQLite runs one transaction at a time) so two
   * owners demoting each other at once cannot leave none, the actor an admin or above, the target a member.
   */
  private async lockForMemberChange(
    em: EntityManager,
    organizationId: string,
    actorId: string,
    targetId: string,
  ): Promise<{ actorRole: MemberRole; target: MembershipEntity }> {
    await this.lockOrganization(em, organizationId);
    const actor = await em.findOneBy(MembershipEntity, { organizationId, userId: actorId });
    if (!actor) throw notFound('Organization');
    if (!roleAtLeast(actor.role, 'admin')) throw roleForbidden('admin', actor.role, 'manage members');
    const target = await em.findOne(MembershipEntity, { where: { organizationId, userId: targetId }, relations: { user: true } });
    if (!target) throw notFound('Member');
    return { actorRole: actor.role, target };
  }

  private async lockOrganization(em: EntityManager, organizationId: string): Promise<void> {
    if (this.dataSource.options.type === 'postgres') await sql(em)`SELECT id FROM organizations WHERE id = ${organizationId} FOR UPDATE`;
  }

  private needOwner(actorRole: MemberRole, what: string): void {
    if (actorRole !== 'owner') throw roleForbidden('owner', actorRole, what);
  }

  /** Called before an owner goes: 409 when they are the only one. */
  private async keepAnOwner(em: EntityManager, organizationId: string): Promise<void> {
    if ((await em.countBy(MembershipEntity, { organizationId, role: 'owner' })) <= 1) {
      throw new DomainException(ErrorCode.LAST_OWNER, 'An organization keeps at least one owner: make another member owner first');
    }
  }
}

function roleForbidden(required: MemberRole, role: MemberRole, what: string): DomainException {
  return new DomainException(
    ErrorCode.ROLE_FORBIDDEN,
    `Only ${required === 'owner' ? 'an owner' : 'an admin or owner'} can ${what}; you are ${role}`,
    {
      required,
      role,
    },
  );
}

export function toMemberResponse(m: MembershipEntity): MemberResponseDto {
  return { userId: m.userId, email: m.user!.email, name: m.user!.name, role: m.role, joinedAt: m.createdAt.toISOString() };
}
