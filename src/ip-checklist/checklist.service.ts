import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { type ChecklistItem, type CollaborationContext, parties } from '../../workflows/collaboration/index.js';
import { Clock, jakartaDate } from '../common/clock.js';
import { TEMPLATES_DIR } from '../common/paths.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import type { EffectInput, EffectResult } from '../workflow-runtime/effect-handlers.js';
import { type BuiltItem, buildChecklist, type ChecklistData, type ChecklistParty } from './checklist.js';
import { computeDeadlines, type Deadline, type DeadlineRule } from './deadlines.js';
import { IpRecordEntity } from './ip-record.entity.js';

const json = <T>(path: string): T => JSON.parse(readFileSync(`${TEMPLATES_DIR}/${path}`, 'utf8')) as T;

export type ChecklistEntry = ChecklistItem &
  Partial<Omit<BuiltItem, keyof ChecklistItem | 'record'>> & {
    /** The IP record the item is about, as it is now: a date changed since the checklist was built shows here. */
    record: { kind: 'mark'; id: string; name: string; status: string; deadlines: Deadline[] } | null;
    overdue: boolean;
  };
export interface ChecklistView {
  generatedAt: string | null;
  /** Launch-blocking items that are neither done, waived nor not applicable. */
  openBlocking: string[];
  items: ChecklistEntry[];
}

/** Loads the checklist data once; builds a collaboration's checklist (the `buildChecklist` effect) and shows it. */
@Injectable()
export class ChecklistService {
  readonly data: ChecklistData = {
    ...json<Pick<ChecklistData, 'items'>>('checklists/items.json'),
    ...json<Pick<ChecklistData, 'fees' | 'tables'>>('ip/fees.json'),
    deadlineRules: json<{ rules: DeadlineRule[] }>('ip/deadline-rules.json').rules,
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The effect: reads the parties and their mark records as they are when the checklist is built. Deterministic per retry. */
  async build({ context, createdAt }: EffectInput): Promise<EffectResult> {
    const ids = parties(context);
    const [organizations, marks] = await Promise.all([
      this.dataSource.getRepository(OrganizationEntity).findBy({ id: In(ids) }),
      this.dataSource.getRepository(IpRecordEntity).find({ where: { organizationId: In(ids), kind: 'mark' }, order: { createdAt: 'ASC' } }),
    ]);
    const checklistParties: ChecklistParty[] = ids.flatMap((id) => {
      const org = organizations.find((o) => o.id === id);
      if (!org) return [];
      return [
        {
          organizationId: id,
          side: id === context.initiatorOrganizationId ? 'initiator' : 'partner',
          name: org.brands[0] ?? org.name,
          brands: org.brands,
          scale: org.scale,
          marks: marks.filter((m) => m.organizationId === id),
        },
      ];
    });
    const terms = context.termsRevisions.find((r) => r.revision === context.acceptedRevision)?.terms ?? {};
    const items = buildChecklist({ form: context.form, terms, parties: checklistParties, today: jakartaDate(createdAt) }, this.data);
    return { type: 'checklist.generated', items };
  }

  /** The checklist as a party sees it, with each linked record's current status and deadlines. */
  async view(context: CollaborationContext): Promise<ChecklistView> {
    const items = (context.checklist?.items ?? []) as Array<ChecklistItem & Partial<BuiltItem>>;
    const recordIds = [...new Set(items.flatMap((i) => (i.record ? [i.record.id] : [])))];
    const records = recordIds.length ? await this.dataSource.getRepository(IpRecordEntity).findBy({ id: In(recordIds) }) : [];
    const today = jakartaDate(this.clock.now());
    const open = (i: ChecklistItem): boolean => !['done', 'waived', 'notApplicable'].includes(i.status);
    return {
      generatedAt: context.checklist?.generatedAt ?? null,
      openBlocking: items.filter((i) => i.launchBlocking && open(i)).map((i) => i.id),
      items: items.map((item) => {
        const row = item.record ? records.find((r) => r.id === item.record!.id) : undefined;
        return {
          ...item,
          record: row
            ? {
                kind: 'mark',
                id: row.id,
                name: row.name,
                status: row.status,
                deadlines: computeDeadlines('mark', row, this.data.deadlineRules, today),
              }
            : null,
          overdue: Boolean(item.due && item.due < today && open(item)),
        };
      }),
    };
  }
}
