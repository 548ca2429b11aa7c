import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { isUuid } from '../common/uuid.js';
import { fromJson } from '../database/sql.js';
import { type IpStatus, registeredMarksOf } from '../ip-checklist/index.js';
import type { Channel } from '../organizations/dto/partner-profile.dto.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { DirectorySearch, type FacetKind, searchTerms } from './directory-search.js';
import type { ListPartnersQueryDto, PartnerPageDto, PublicMarkDto, PublicProfileDto } from './dto/partner-profile.dto.js';
import type { FitProfile } from './fit.js';
import { type Audience, normalizeValue } from './partner-profile.entity.js';
import { listedIdsByCategories, newestListedIds, partnerProfileRow, publicProfileRows } from './partner-profile.sql.js';
import type { Form } from '../../workflows/collaboration/index.js';

/** What the fit engine needs of an organization, listed or not; the profile parts are null without a profile. */
export interface PartnerFitProfile extends FitProfile {
  organizationId: string;
  name: string;
  listed: boolean;
}

/** A listed organization to score: what to show and what to score it on. */
export interface PartnerCandidate {
  profile: PublicProfileDto;
  fit: PartnerFitProfile;
}

export interface CandidateQuery {
  /** Candidates sharing more of these categories come first (case-insensitive); then the newest listed. */
  categories?: string[];
  excludeOrganizationIds: string[];
  /** At most 500. */
  limit: number;
}

// A ranked page continues after (score, the engine's key); a newest-first page after (listed_at, organization id).
type Cursor = { kind: 'rank'; score: number; key: string | number } | { kind: 'newest'; at: Date; id: string };

const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(
    JSON.stringify(cursor.kind === 'rank' ? ['r', cursor.score, cursor.key] : ['n', cursor.at.toISOString(), cursor.id]),
  ).toString('base64url');

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const MAX_CANDIDATES = 500;

/**
 * The partner directory: ranked full-text search with filters over listed profiles, their public view, and the
 * profiles the fit suggestions score. Reads with raw SQL (src/database/sql.ts): it is the hot path.
 */
@Injectable()
export class PartnersDirectory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: DirectorySearch,
  ) {}

  async find(q: ListPartnersQueryDto): Promise<PartnerPageDto> {
    const limit = q.limit ?? 20;
    const terms = searchTerms(q.q ?? '');
    const ranked = terms.length > 0;
    const cursor = q.cursor ? this.decodeCursor(q.cursor, ranked) : null;
    const facets: Array<[FacetKind, string]> = (
      [
        ['category', q.category],
        ['city', q.city],
        ['channel', q.channel],
        ['tag', q.tag],
        ['form', q.form],
        ['tier', q.priceTier],
      ] satisfies Array<[FacetKind, string | undefined]>
    ).flatMap(([kind, value]) => (value === undefined ? [] : [[kind, normalizeValue(value)] as [FacetKind, string]]));
    // Each hit carries the cursor that continues after it.
    const hits: Array<{ organizationId: string; cursor: Cursor }> = ranked
      ? (
          await this.search.search(this.dataSource, {
            terms,
            facets,
            minCapacity: q.minCapacity,
            after: cursor?.kind === 'rank' ? cursor : null,
            limit: limit + 1,
          })
        ).map((h) => ({ organizationId: h.organizationId, cursor: { kind: 'rank', score: h.score, key: h.key } }))
      : (
          await this.search.newest(this.dataSource, {
            facets,
            minCapacity: q.minCapacity,
            after: cursor?.kind === 'newest' ? cursor : null,
            limit: limit + 1,
          })
        ).map((h) => ({ organizationId: h.organizationId, cursor: { kind: 'newest', at: h.listedAt, id: h.organizationId } }));
    const page = hits.slice(0, limit);
    const profiles = await this.publicProfiles(page.map((h) => h.organizationId));
    return {
      items: page.map((h) => profiles.get(h.organizationId)).filter((p): p is PublicProfileDto => p !== undefined),
      nextCursor: hits.length > limit ? encodeCursor(page[page.length - 1].cursor) : null,
    };
  }

  /** A cursor from a page of the same kind (ranked with q, newest without): anything else is 400 naming `cursor`. */
  private decodeCursor(cursor: string, ranked: boolean): Cursor {
    try {
      const [kind, value, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown, unknown];
      if (ranked && kind === 'r' && typeof value === 'number' && Number.isFinite(value) && this.search.isKey(key)) {
        return { kind: 'rank', score: value, key };
      }
      // Only the shape encodeCursor writes: a date outside four-digit years is out of PostgreSQL's range (a 500).
      if (!ranked && kind === 'n' && typeof value === 'string' && ISO_INSTANT.test(value) && isUuid(key)) {
        const at = new Date(value);
        if (!Number.isNaN(at.getTime())) return { kind: 'newest', at, id: key };
      }
      throw new Error('bad cursor');
    } catch {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'cursor is not a cursor this API returned for this search', {
        fields: [{ field: 'cursor', problems: ['invalid cursor'] }],
      });
    }
  }

  /** The public profile of a listed organization; 404 otherwise, exactly as for one that does not exist. */
  async get(organizationId: string): Promise<PublicProfileDto> {
    const profile = (await this.publicProfiles([organizationId])).get(organizationId);
    if (!profile) throw notFound('Partner');
    return profile;
  }

  /** Any organization, listed or not, as the fit engine sees it; null when there is no such organization. */
  async profileOf(organizationId: string): Promise<PartnerFitProfile | null> {
    if (!isUuid(organizationId)) return null; // PostgreSQL would refuse it as a uuid
    const org = await this.dataSource
      .getRepository(OrganizationEntity)
      .findOne({ select: { id: true, name: true, categories: true }, where: { id: organizationId } });
    if (!org) return null;
    const profile = await partnerProfileRow(this.dataSource, organizationId);
    const marks = (await this.marksOf([organizationId])).get(organizationId) ?? [];
    return {
      organizationId,
      name: org.name,
      listed: profile ? truthy(profile.listed) : false,
      categories: org.categories,
      priceTier: profile?.price_tier ?? null,
      audience: profile ? fromJson<Audience>(profile.audience) : null,
      capacityPerMonth: profile?.capacity_per_month ?? null,
      leadTimeDays: profile?.lead_time_days ?? null,
      marks: marks.map((m) => ({ classes: m.classes, status: m.status as IpStatus })),
    };
  }

  /**
   * Listed profiles to score for a proposal: those sharing the most of `categories` first, then the newest listed,
   * up to `limit` (at most 500).
   */
  async candidatesFor(request: CandidateQuery): Promise<PartnerCandidate[]> {
    const limit = Math.max(0, Math.min(request.limit, MAX_CANDIDATES));
    if (limit === 0) return [];
    const categories = [...new Set((request.categories ?? []).map(normalizeValue).filter(Boolean))];
    const excluded = [...new Set(request.excludeOrganizationIds)];
    const ids = categories.length > 0 ? await listedIdsByCategories(this.dataSource, categories, excluded, limit) : [];
    if (ids.length < limit) ids.push(...(await newestListedIds(this.dataSource, [...excluded, ...ids], limit - ids.length)));
    const profiles = await this.publicProfiles(ids);
    return ids.flatMap((id) => {
      const profile = profiles.get(id);
      if (!profile) return [];
      const fit: PartnerFitProfile = {
        organizationId: id,
        name: profile.name,
        listed: true,
        categories: profile.categories,
        priceTier: profile.priceTier,
        audience: profile.audience,
        capacityPerMonth: profile.capacityPerMonth,
        leadTimeDays: profile.leadTimeDays,
        marks: profile.marks.map((m) => ({ classes: m.classes, status: m.status as IpStatus })),
      };
      return [{ profile, fit }];
    });
  }

  /** The public view of those of `ids` that are listed, by id. */
  private async publicProfiles(ids: string[]): Promise<Map<string, PublicProfileDto>> {
    const result = new Map<string, PublicProfileDto>();
    if (ids.length === 0) return result;
    // `listed` is checked here, not in SQL: there SQLite, without statistics, chose the listed index over the id list.
    const rows = (await publicProfileRows(this.dataSource, ids)).filter((r) => truthy(r.listed));
    const marks = await this.marksOf(rows.map((r) => r.organization_id));
    for (const r of rows) {
      result.set(r.organization_id, {
        id: r.organization_id,
        name: r.name,
        city: r.city,
        brands: fromJson<string[]>(r.brands),
        categories: fromJson<string[]>(r.categories),
        instagram: r.instagram,
        website: r.website,
        story: r.story,
        priceTier: r.price_tier,
        audience: fromJson<Audience>(r.audience),
        capacityPerMonth: Number(r.capacity_per_month),
        leadTimeDays: Number(r.lead_time_days),
        channels: fromJson<Channel[]>(r.channels),
        tags: fromJson<string[]>(r.tags),
        openToForms: fromJson<Form[]>(r.open_to_forms),
        marks: marks.get(r.organization_id) ?? [],
      });
    }
    return result;
  }

  // Registered marks only: a name still being searched or filed is a brand's plan, and Indonesia is first-to-file.
  private async marksOf(ids: string[]): Promise<Map<string, PublicMarkDto[]>> {
    const marks = new Map<string, PublicMarkDto[]>();
    if (ids.length === 0) return marks;
    for (const r of await registeredMarksOf(this.dataSource, ids)) {
      const list = marks.get(r.organizationId) ?? [];
      list.push({ name: r.name, classes: r.classes, status: r.status });
      marks.set(r.organizationId, list);
    }
    return marks;
  }
}

const truthy = (value: unknown): boolean => value === true || value === 1 || value === '1';
