import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PartnerProfileDto, PartnerProfileResponseDto } from './dto/partner-profile.dto.js';
import type { OrganizationEntity } from './organization.entity.js';

/** Keeps an organization's public profile; every call runs inside the caller's transaction (`em`). */
export interface OrganizationProfileStore {
  /** Replaces the profile, or removes it (`null`). */
  replace(em: EntityManager, org: OrganizationEntity, profile: PartnerProfileDto | null): Promise<unknown>;
  /** After the organization's own searched fields (name, brands, categories, city) changed. */
  organizationChanged(em: EntityManager, org: OrganizationEntity): Promise<void>;
  responseOf(em: EntityManager, organizationId: string): Promise<PartnerProfileResponseDto | null>;
  responsesOf(em: EntityManager, organizationIds: string[]): Promise<Map<string, PartnerProfileResponseDto>>;
}

/**
 * Where the module that keeps public profiles (partners) registers itself on module init, so that organizations writes
 * the profile in its own PATCH transaction without importing that module. Until one registers there are no profiles.
 */
@Injectable()
export class OrganizationProfiles implements OrganizationProfileStore {
  private store: OrganizationProfileStore | null = null;

  register(store: OrganizationProfileStore): void {
    if (this.store && this.store !== store) throw new Error('A second organization profile store registered');
    this.store = store;
  }

  replace(em: EntityManager, org: OrganizationEntity, profile: PartnerProfileDto | null): Promise<unknown> {
    if (!this.store) throw new Error('No organization profile store is registered (is PartnersModule imported?)');
    return this.store.replace(em, org, profile);
  }

  async organizationChanged(em: EntityManager, org: OrganizationEntity): Promise<void> {
    await this.store?.organizationChanged(em, org);
  }

  async responseOf(em: EntityManager, organizationId: string): Promise<PartnerProfileResponseDto | null> {
    return this.store ? this.store.responseOf(em, organizationId) : null;
  }

  async responsesOf(em: EntityManager, organizationIds: string[]): Promise<Map<string, PartnerProfileResponseDto>> {
    return this.store ? this.store.responsesOf(em, organizationIds) : new Map();
  }
}
