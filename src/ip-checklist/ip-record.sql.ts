import { fromJson, inList, sql, type SqlExecutor } from '../database/sql.js';
import type { IpStatus } from './ip-record.entity.js';

// The raw statements on ip_records.

/** The registered marks of `organizationIds` (at least one), by name: the partner directory shows them. */
export async function registeredMarksOf(
  executor: SqlExecutor,
  organizationIds: string[],
): Promise<Array<{ organizationId: string; name: string; classes: number[]; status: IpStatus }>> {
  const { records } = await sql(executor)<{ organization_id: string; name: string; classes: unknown; status: IpStatus }>`
    SELECT organization_id, name, classes, status FROM ip_records
    WHERE kind = 'mark' AND status = 'registered' AND organization_id IN ${inList(organizationIds)} ORDER BY name, id`;
  return records.map((r) => ({
    organizationId: r.organization_id,
    name: r.name,
    classes: fromJson<number[]>(r.classes),
    status: r.status,
  }));
}
