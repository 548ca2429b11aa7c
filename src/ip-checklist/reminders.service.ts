import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, LessThanOrEqual, Like } from 'typeorm';
import type { ChecklistItem, CollaborationContext } from '../../workflows/collaboration/index.js';
import { Clock, jakartaDate } from '../common/clock.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CollaborationReader } from '../collaborations/index.js';
import { Scheduler } from '../common/scheduler.js';
import { fillBoth } from '../documents/fill.js';
import { NotificationsService } from '../notifications/index.js';
import { MembershipEntity } from '../organizations/membership.entity.js';
import { type NewMessage, WebhookOutbox } from '../webhooks/index.js';
import type { BuiltItem } from './checklist.js';
import { addDays, computeDeadlines, type FactMark } from './deadlines.js';
import { CHECKLIST_WORDS, IP_DATA } from './ip-data.js';
import { IpRecordEntity } from './ip-record.entity.js';
import { ReminderEntity } from './reminder.entity.js';

const OVERDUE = -1;
const WORDS = CHECKLIST_WORDS.reminder;
// Reminders go out at 09:00 in Jakarta (02:00 UTC), a working hour for the founders.
const atNineInJakarta = (date: string): Date => new Date(`${date}T02:00:00.000Z`);
const OPEN = (status: string): boolean => !['done', 'waived', 'notApplicable'].includes(status);

interface Planned {
  subject: string;
  organizationId: string;
  due: string;
  title: { id: string; en: string };
}

export interface UpcomingItem {
  source: 'ipRecord' | 'checklist';
  organizationId: string;
  record?: { id: string; kind: string; name: string };
  collaboration?: { id: string; title: string };
  itemId?: string;
  kind: string;
  title: { id: string; en: string };
  due: string;
  daysLeft: number;
  overdue: boolean;
  legalBasis: string | null;
  mark: FactMark | null;
  toBeConfirmed: boolean;
}

/** Parses `within` (e.g. 90d): whole days, 1 to 3650. */
export function parseWithin(within: string | undefined): number {
  if (within === undefined) return 90;
  const match = /^(\d{1,4})d$/.exec(within);
  const days = match ? Number(match[1]) : NaN;
  if (days >= 1 && days <= 3650) return days;
  throw new DomainException(ErrorCode.VALIDATION_FAILED, 'within must be a number of days such as 90d (1d to 3650d)', {
    fields: [{ field: 'within', problems: ['within must be a number of days such as 90d (1d to 3650d)'] }],
  });
}

/**
 * Reminders before each due date (REMINDER_OFFSETS_DAYS) and the day after it, when it is overdue. Rows are written
 * when a date appears or moves; every instance's worker delivers due rows, and a conditional update lets exactly
 * one of them deliver each. At delivery the subject is checked again: an item done or a date moved is skipped.
 * Delivery is an in-app notification to the organization (GET /notifications) and a log line.
 */
@Injectable()
export class RemindersService implements OnModuleInit {
  private readonly logger = new Logger(RemindersService.name);
  private readonly rules = IP_DATA.deadlineRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly collaborations: CollaborationReader,
    private readonly scheduler: Scheduler,
    private readonly webhooks: WebhookOutbox,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: 'reminders', run: () => this.deliverDue(), order: 30 });
  }

  private remindable(kind: string): boolean {
    return this.rules.some((r) => r.kind === kind && r.remind);
  }

  /** A record's deadlines changed (or it is new): plan its reminders again. */
  async syncRecord(record: IpRecordEntity, em?: EntityManager): Promise<void> {
    const today = jakartaDate(this.clock.now());
    const planned: Planned[] =
      record.kind === 'copyright' || record.status === 'lapsed'
        ? []
        : computeDeadlines(record.kind, record, this.rules, today)
            .filter((d) => this.remindable(d.kind) && !d.overdue)
            .map((d) => ({
              subject: `record:${record.id}:${d.kind}`,
              organizationId: record.organizationId,
              due: d.due,
              title: { id: `${record.name}: ${d.title.id}`, en: `${record.name}: ${d.title.en}` },
            }));
    await this.replace(`record:${record.id}:`, planned, em);
  }

  /** A checklist was built: plan reminders for its items with a due date, to the party responsible for each. */
  async syncChecklist(collaborationId: string, items: BuiltItem[]): Promise<void> {
    const today = jakartaDate(this.clock.now());
    const planned = items
      .filter((i) => i.due && i.due >= today && i.responsible && OPEN(i.status))
      .map((i) => ({
        subject: `checklist:${collaborationId}:${i.id}`,
        organizationId: i.responsible!.organizationId,
        due: i.due!,
        title: i.title,
      }));
    await this.replace(`checklist:${collaborationId}:`, planned);
  }

  /** Undelivered rows of the subject go; delivered ones stay, and their unique key keeps them from being sent again. */
  private async replace(prefix: string, planned: Planned[], em?: EntityManager): Promise<void> {
    const now = this.clock.now();
    const rows = planned.flatMap((p) =>
      [...this.config.reminderOffsetsDays, OVERDUE].map((offsetDays) => ({
        id: randomUUID(),
        ...p,
        offsetDays,
        fireAt: atNineInJakarta(offsetDays === OVERDUE ? addDays(p.due, 1) : addDays(p.due, -offsetDays)),
        deliveredAt: null,
        outcome: null,
        createdAt: now,
      })),
    );
    // A moment already past when the date was entered is not announced late: the list and calendar show it.
    const ahead = rows.filter((r) => r.fireAt.getTime() >= now.getTime());
    const write = async (tx: EntityManager): Promise<void> => {
      await tx.delete(ReminderEntity, { subject: Like(`${prefix}%`), deliveredAt: IsNull() });
      if (ahead.length > 0) await tx.createQueryBuilder().insert().into(ReminderEntity).values(ahead).orIgnore().execute();
    };
    // Inside the caller's transaction when it has one: the record and its reminders change together.
    await (em ? write(em) : this.dataSource.transaction(write));
  }

  /** Delivers the reminders that are due; returns how many this instance sent. */
  async deliverDue(limit = 100): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.getRepository(ReminderEntity).find({
      where: { fireAt: LessThanOrEqual(now), deliveredAt: IsNull() },
      order: { fireAt: 'ASC' },
      take: limit,
    });
    let sent = 0;
    for (const reminder of due) {
      try {
        const outcome = (await this.stillDue(reminder)) ? 'sent' : 'skipped';
        // The claim and the in-app notification commit together: a reminder is sent once, or not at all.
        const claimed = await this.dataSource.transaction(async (em) => {
          const { affected } = await em
            .createQueryBuilder()
            .update(ReminderEntity)
            .set({ deliveredAt: now, outcome })
            .where('id = :id AND delivered_at IS NULL', { id: reminder.id })
            .execute();
          if (affected !== 1 || outcome !== 'sent') return false;
          await this.notifications.enqueue({ kind: 'reminder', organizationId: reminder.organizationId, ...this.message(reminder) }, em);
          await this.webhooks.publish(em, [reminder.organizationId], [this.webhookMessage(reminder)], now);
          return true;
        });
        if (!claimed) continue;
        sent += 1;
        const when = reminder.offsetDays === OVERDUE ? 'overdue since' : `in ${reminder.offsetDays} days, on`;
        this.logger.log(
          `reminder sent to ${reminder.organizationId}: ${reminder.title.en} (${when} ${reminder.due}) [${reminder.subject}]`,
        );
      } catch (error) {
        // One bad reminder must not hold up the rest; it is tried again on the next pass.
        this.logger.error(`reminder ${reminder.id} failed: ${(error as Error).message}`);
      }
    }
    return sent;
  }

  /** The webhook of a reminder: checklist.item.due for a collaboration's item, reminder.due for an IP record's deadline. */
  private webhookMessage(reminder: ReminderEntity): NewMessage {
    const [source, id, ...rest] = reminder.subject.split(':');
    const timing = {
      due: reminder.due,
      daysBefore: reminder.offsetDays === OVERDUE ? null : reminder.offsetDays,
      overdue: reminder.offsetDays === OVERDUE,
    };
    return source === 'checklist'
      ? { type: 'checklist.item.due', data: { collaborationId: id, itemId: rest.join(':'), ...timing } }
      : { type: 'reminder.due', data: { ipRecordId: id, deadline: rest.join(':'), ...timing } };
  }

  private message(reminder: ReminderEntity): {
    subject: { id: string; en: string };
    body: { id: string; en: string };
    collaborationId: string | null;
  } {
    const overdue = reminder.offsetDays === OVERDUE;
    const [source, id] = reminder.subject.split(':');
    const values = { days: String(reminder.offsetDays), title: reminder.title, due: reminder.due };
    return {
      subject: fillBoth(overdue ? WORDS.subjectOverdue : WORDS.subject, values),
      body: fillBoth(overdue ? WORDS.bodyOverdue : WORDS.body, values),
      collaborationId: source === 'checklist' ? id : null,
    };
  }

  private async stillDue(reminder: ReminderEntity): Promise<boolean> {
    const [source, id, ...rest] = reminder.subject.split(':');
    const key = rest.join(':');
    if (source === 'record') {
      const record = await this.dataSource.getRepository(IpRecordEntity).findOneBy({ id });
      if (!record || record.status === 'lapsed' || record.kind === 'copyright') return false;
      const today = jakartaDate(this.clock.now());
      return computeDeadlines(record.kind, record, this.rules, today).some((d) => d.kind === key && d.due === reminder.due);
    }
    const context = await this.checklistContext(id);
    const item = context?.checklist?.items.find((i) => i.id === key);
    return Boolean(context && !context.closedAt && !context.cancellation && item && OPEN(item.status));
  }

  private async checklistContext(collaborationId: string): Promise<CollaborationContext | null> {
    try {
      return await this.collaborations.contextOf(collaborationId, 'snapshot');
    } catch (error) {
      if (error instanceof DomainException && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  /** The caller's upcoming (within `days`) and overdue items across its organizations' records and collaborations. */
  async list(userId: string, days: number): Promise<{ within: string; today: string; items: UpcomingItem[] }> {
    const today = jakartaDate(this.clock.now());
    const until = addDays(today, days);
    const since = addDays(today, -days);
    const daysLeft = (due: string): number => Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);
    const organizations = (await this.dataSource.getRepository(MembershipEntity).findBy({ userId })).map((m) => m.organizationId);
    if (organizations.length === 0) return { within: `${days}d`, today, items: [] };
    const items: UpcomingItem[] = [];

    const records = await this.dataSource
      .getRepository(IpRecordEntity)
      .find({ where: { organizationId: In(organizations), kind: In(['mark', 'design']) } });
    for (const record of records) {
      if (record.status === 'lapsed') continue;
      for (const d of computeDeadlines(record.kind as 'mark' | 'design', record, this.rules, today)) {
        // Deadlines that call for action; a missed one stays listed for as long as the window looks back.
        if (!this.remindable(d.kind) || d.due > until || d.due < since) continue;
        items.push({
          source: 'ipRecord',
          organizationId: record.organizationId,
          record: { id: record.id, kind: record.kind, name: record.name },
          kind: d.kind,
          title: d.title,
          due: d.due,
          daysLeft: daysLeft(d.due),
          overdue: d.overdue,
          legalBasis: d.legalBasis,
          mark: d.mark,
          toBeConfirmed: d.toBeConfirmed,
        });
      }
    }

    // Checklists are built on entering the running phase and live until the collaboration completes.
    const running = await this.collaborations.list({ phase: 'running', partyOrganizationIds: organizations }, 'snapshot');
    for (const { context, ...row } of running) {
      for (const item of (context.checklist?.items ?? []) as Array<ChecklistItem & Partial<BuiltItem>>) {
        // An open item stays listed however long ago it fell due.
        if (!item.due || !OPEN(item.status) || item.due > until) continue;
        items.push({
          source: 'checklist',
          organizationId: item.responsible?.organizationId ?? row.organizationId,
          collaboration: { id: row.id, title: row.title },
          itemId: item.id,
          kind: item.key ?? item.id,
          title: item.title,
          due: item.due,
          daysLeft: daysLeft(item.due),
          overdue: item.due < today,
          legalBasis: item.legalBasis ?? null,
          mark: item.mark ?? null,
          toBeConfirmed: item.toBeConfirmed ?? false,
        });
      }
    }
    items.sort((a, b) => a.due.localeCompare(b.due) || a.title.en.localeCompare(b.title.en));
    return { within: `${days}d`, today, items };
  }
}
