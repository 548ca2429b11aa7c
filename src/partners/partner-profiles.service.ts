import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { PartnerProfileDto, PartnerProfileResponseDto } from '../organizations/dto/partner-profile.dto.js';
import { type OrganizationProfileStore, OrganizationProfiles } from '../organizations/organization-profiles.js';
import type { OrganizationEntity } from '../organizations/organization.entity.js';
import { DirectorySearch, type FacetKind } from './directory-search.js';
import {
  type Audience,
  normalizeValue,
  PartnerProfileEntity,
  PartnerProfileValueEntity,
  type ValueKind,
} from './partner-profile.entity.js';

export function toProfileResponse(p: PartnerProfileEntity): PartnerProfileResponseDto {
  return {
    listed: p.listed,
    listedAt: p.listedAt ? p.listedAt.toISOString() : null,
    story: p.story,
    priceTier: p.priceTier,
    audience: p.audience,
    capacityPerMonth: p.capacityPerMonth,
    leadTimeDays: p.leadTimeDays,
    channels: p.channels,
    tags: p.tags,
    openToForms: p.openToForms,
  };
}

/** Drops absent optional audience fields, so that the stored JSON is exactly the contract's shape. */
function toAudience(dto: PartnerProfileDto['audience']): Audience {
  const followers: Audience['followers'] = {};
  if (typeof dto.followers.instagram === 'number') followers.instagram = dto.followers.instagram;
  if (typeof dto.followers.tiktok === 'number') followers.tiktok = dto.followers.tiktok;
  return {
    ageBands: dto.ageBands,
    ...(typeof dto.femalePercent === 'number' ? { femalePercent: dto.femalePercent } : {}),
    cities: dto.cities,
    followers,
  };
}

/**
 * Writes public profiles and keeps the directory's denormalized data (filter values, full-text document) in step,
 * always inside the caller's transaction: the organization's own PATCH, which reaches it through OrganizationProfiles.
 */
@Injectable()
export class PartnerProfilesService implements OrganizationProfileStore, OnModuleInit {
  constructor(
    private readonly search: DirectorySearch,
    private readonly clock: Clock,
    private readonly organizationProfiles: OrganizationProfiles,
  ) {}

  onModuleInit(): void {
    this.organizationProfiles.register(this);
  }

  /** Replaces the organization's profile, or removes it (`null`), and re-indexes the organization. */
  async replace(em: EntityManager, org: OrganizationEntity, dto: PartnerProfileDto | null): Promise<PartnerProfileEntity | null> {
    const now = this.clock.now();
    const existing = await em.findOneBy(PartnerProfileEntity, { organizationId: org.id });
    if (dto === null) {
      if (existing) await em.delete(PartnerProfileEntity, { organizationId: org.id });
      await this.reindex(em, org, null);
      return null;
    }
    const profile: PartnerProfileEntity = {
      organizationId: org.id,
      listed: dto.listed,
      // Listing again moves it to the top of "newest"; staying listed keeps its place.
      listedAt: dto.listed ? (existing?.listed && existing.listedAt ? existing.listedAt : now) : null,
      priceTier: dto.priceTier,
      capacityPerMonth: dto.capacityPerMonth,
      leadTimeDays: dto.leadTimeDays,
      story: dto.story,
      audience: toAudience(dto.audience),
      channels: dto.channels,
      tags: dto.tags,
      openToForms: dto.openToForms,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    const { organizationId: _key, ...changes } = profile;
    if (existing) await em.update(PartnerProfileEntity, { organizationId: org.id }, changes);
    else await em.insert(PartnerProfileEntity, profile);
    await this.reindex(em, org, profile);
    return profile;
  }

  /** After the organization's own fields changed (name, brands, categories, city): re-index its profile, if any. */
  async organizationChanged(em: EntityManager, org: OrganizationEntity): Promise<void> {
    const profile = await em.findOneBy(PartnerProfileEntity, { organizationId: org.id });
    if (profile) await this.reindex(em, org, profile);
  }

  async responseOf(em: EntityManager, organizationId: string): Promise<PartnerProfileResponseDto | null> {
    const profile = await em.findOneBy(PartnerProfileEntity, { organizationId });
    return profile ? toProfileResponse(profile) : null;
  }

  async responsesOf(em: EntityManager, organizationIds: string[]): Promise<Map<string, PartnerProfileResponseDto>> {
    if (organizationIds.length === 0) return new Map();
    const profiles = await em.findBy(PartnerProfileEntity, { organizationId: In(organizationIds) });
    return new Map(profiles.map((p) => [p.organizationId, toProfileResponse(p)]));
  }

  /** The directory holds listed profiles only: an unlisted organization has no values and no document. */
  private async reindex(em: EntityManager, org: OrganizationEntity, profile: PartnerProfileEntity | null): Promise<void> {
    await em.delete(PartnerProfileValueEntity, { organizationId: org.id });
    if (!profile?.listed) {
      await this.search.remove(em, org.id);
      return;
    }
    const values = new Map<string, PartnerProfileValueEntity>();
    const add = (kind: ValueKind, raw: string[]): void => {
      for (const value of raw.map(normalizeValue).filter(Boolean)) {
        values.set(`${kind}\u0000${value}`, { organizationId: org.id, kind, value });
      }
    };
    add('channel', profile.channels);
    add('tag', profile.tags);
    add('form', profile.openToForms);
    add('city', [org.city]);
    add('category', org.categories);
    if (values.size > 0) await em.insert(PartnerProfileValueEntity, [...values.values()]);
    await this.search.save(em, {
      organizationId: org.id,
      name: org.name,
      brands: org.brands,
      tags: profile.tags,
      story: profile.story,
      facets: [...[...values.values()].map((v): [FacetKind, string] => [v.kind, v.value]), ['tier', profile.priceTier]],
      capacityPerMonth: profile.capacityPerMonth,
      listedAt: profile.listedAt!, // set whenever listed (upsert above)
    });
  }
}
