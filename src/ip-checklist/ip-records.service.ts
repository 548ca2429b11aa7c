import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { LayoutLanguage } from '../documents/bilingual.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Clock, jakartaDate } from '../common/clock.js';
import { notFound } from '../common/errors/domain.exception.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { computeDeadlines, type Deadline } from './deadlines.js';
import { deadlineEvents } from './checklist.service.js';
import { calendar } from './ics.js';
import { IP_DATA } from './ip-data.js';
import type { CreateIpRecordDto, UpdateIpRecordDto } from './ip-record.dto.js';
import { IpRecordEntity, type IpKind } from './ip-record.entity.js';
import { RemindersService } from './reminders.service.js';

export type IpRecordView = Omit<IpRecordEntity, 'createdAt' | 'updatedAt'> & {
  createdAt: string;
  updatedAt: string;
  deadlines: Deadline[];
};

/** Marks, designs and copyright recordals of an organization, each with its statutory deadlines. Members only. */
@Injectable()
export class IpRecordsService {
  private readonly rules = IP_DATA.deadlineRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly reminders: RemindersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(organizationId: string, userId: string, kind: IpKind): Promise<IpRecordView[]> {
    await this.organizations.roleOf(organizationId, userId);
    const rows = await this.dataSource.getRepository(IpRecordEntity).find({ where: { organizationId, kind }, order: { createdAt: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  async get(organizationId: string, userId: string, kind: IpKind, id: string): Promise<IpRecordView> {
    await this.organizations.roleOf(organizationId, userId);
    return this.view(await this.load(organizationId, kind, id));
  }

  async create(organizationId: string, userId: string, kind: IpKind, dto: CreateIpRecordDto): Promise<IpRecordView> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    const now = this.clock.now();
    const row = Object.assign(new IpRecordEntity(), {
      applicationNumber: null,
      registrationNumber: null,
      filingDate: null,
      publicationDate: null,
      oppositionDate: null,
      refusalNoticeDate: null,
      registrationDate: null,
      lastUseEvidenceDate: null,
      firstDisclosureDate: null,
      ...dto,
      id: randomUUID(),
      organizationId,
      kind,
      classes: dto.classes ?? [],
      status: dto.status ?? 'none',
      owners: dto.owners ?? [],
      createdAt: now,
      updatedAt: now,
    });
    await this.dataSource.transaction(async (em) => {
      await em.insert(IpRecordEntity, row);
      await this.reminders.syncRecord(row, em);
    });
    return this.view(row);
  }

  /** Deadlines are computed on every read, so a changed date moves them at once. */
  async update(organizationId: string, userId: string, kind: IpKind, id: string, dto: UpdateIpRecordDto): Promise<IpRecordView> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    await this.load(organizationId, kind, id);
    const row = await this.dataSource.transaction(async (em) => {
      await em.update(IpRecordEntity, { id, organizationId, kind }, { ...dto, updatedAt: this.clock.now() });
      const updated = await em.findOneByOrFail(IpRecordEntity, { id, organizationId, kind });
      await this.reminders.syncRecord(updated, em);
      return updated;
    });
    return this.view(row);
  }

  /** Every statutory deadline of the organization's marks and designs, as an RFC 5545 calendar. */
  async calendar(organizationId: string, userId: string, lang: LayoutLanguage): Promise<string> {
    await this.organizations.roleOf(organizationId, userId);
    const rows = await this.dataSource
      .getRepository(IpRecordEntity)
      .find({ where: { organizationId, kind: In(['mark', 'design']) }, order: { createdAt: 'ASC' } });
    const remindable = new Set(this.rules.filter((r) => r.remind).map((r) => r.kind));
    const events = rows.flatMap((row) => deadlineEvents(this.view(row), remindable, lang, this.config.reminderOffsetsDays));
    return calendar(lang === 'en' ? 'Kolabora: IP deadlines' : 'Kolabora: tenggat KI', events, this.clock.now());
  }

  private async load(organizationId: string, kind: IpKind, id: string): Promise<IpRecordEntity> {
    const row = await this.dataSource.getRepository(IpRecordEntity).findOneBy({ id, organizationId, kind });
    if (!row) throw notFound(kind === 'mark' ? 'Mark' : kind === 'design' ? 'Design' : 'Copyright record');
    return row;
  }

  private view(row: IpRecordEntity): IpRecordView {
    const today = jakartaDate(this.clock.now());
    const deadlines = row.kind === 'copyright' ? [] : computeDeadlines(row.kind, row, this.rules, today);
    return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), deadlines };
  }
}
