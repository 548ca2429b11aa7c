import { frag, inList, sql, type SqlExecutor } from '../database/sql.js';
import type { PriceTier } from '../organizations/dto/partner-profile.dto.js';

/** A partner_profiles row as raw SQL reads it, with its organization's public columns when joined. */
export interface ProfileRow {
  organization_id: string;
  listed: unknown;
  price_tier: PriceTier;
  capacity_per_month: number;
  lead_time_days: number;
  story: string;
  audience: unknown;
  channels: unknown;
  tags: unknown;
  open_to_forms: unknown;
  name: string;
  city: string;
  brands: unknown;
  categories: unknown;
  instagram: string | null;
  website: string | null;
}

// The raw statements on partner_profiles and partner_profile_values: the directory's reads, on its hot path.

/** The profile of one organization, listed or not. */
export async function partnerProfileRow(executor: SqlExecutor, organizationId: string): Promise<ProfileRow | undefined> {
  const { records } = await sql(executor)<ProfileRow>`SELECT * FROM partner_profiles WHERE organization_id = ${organizationId}`;
  return records[0];
}

/** Listed organizations sharing the most of `categories` (normalized, at least one), then the newest listed. */
export async function listedIdsByCategories(
  executor: SqlExecutor,
  categories: string[],
  excluded: string[],
  limit: number,
): Promise<string[]> {
  const notExcluded = excluded.length ? frag` AND v.organization_id NOT IN ${inList(excluded)}` : frag``;
  const { records } = await sql(executor)<{ id: string }>`
    SELECT v.organization_id AS id FROM partner_profile_values v
    JOIN partner_profiles p ON p.organization_id = v.organization_id AND p.listed = TRUE
    WHERE v.kind = 'category' AND v.value IN ${inList(categories)}${notExcluded}
    GROUP BY v.organization_id, p.listed_at ORDER BY COUNT(*) DESC, p.listed_at DESC, v.organization_id DESC LIMIT ${limit}`;
  return records.map((r) => r.id);
}

/** The newest listed organizations but `skip`. */
export async function newestListedIds(executor: SqlExecutor, skip: string[], limit: number): Promise<string[]> {
  const notSkipped = skip.length ? frag` AND p.organization_id NOT IN ${inList(skip)}` : frag``;
  const { records } = await sql(executor)<{ id: string }>`
    SELECT p.organization_id AS id FROM partner_profiles p WHERE p.listed = TRUE${notSkipped}
    ORDER BY p.listed_at DESC, p.organization_id DESC LIMIT ${limit}`;
  return records.map((r) => r.id);
}

/** The profiles of `ids` (at least one), listed or not, joined to their organizations. */
export async function publicProfileRows(executor: SqlExecutor, ids: string[]): Promise<ProfileRow[]> {
  const { records } = await sql(executor)<ProfileRow>`
    SELECT p.*, o.name, o.city, o.brands, o.categories, o.instagram, o.website
    FROM partner_profiles p JOIN organizations o ON o.id = p.organization_id
    WHERE p.organization_id IN ${inList(ids)}`;
  return records;
}
