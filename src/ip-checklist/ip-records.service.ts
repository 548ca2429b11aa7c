import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, jakartaDate } from '../common/clock.js';
import { notFound } from '../common/errors/domain.exception.js';
import { TEMPLATES_DIR } from '../common/paths.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { computeDeadlines, type Deadline, type DeadlineRule } from './deadlines.js';
import type { CreateIpRecordDto, UpdateIpRecordDto } from './ip-record.dto.js';
import { IpRecordEntity, type IpKind } from './ip-record.entity.js';

export type IpRecordView = Omit<IpRecordEntity, 'createdAt' | 'updatedAt'> & {
  createdAt: string;
  updatedAt: string;
  deadlines: Deadline[];
};

/** Marks, designs and copyright recordals of an organization, each with its statutory deadlines. Members only. */
@Injectable()
export class IpRecordsService {
  private readonly rules = (JSON.parse(readFileSync(`${TEMPLATES_DIR}/ip/deadline-rules.json`, 'utf8')) as { rules: DeadlineRule[] }).rules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
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
    await this.organizations.roleOf(organizationId, userId);
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
    await this.dataSource.getRepository(IpRecordEntity).insert(row);
    return this.view(row);
  }

  /** Deadlines are computed on every read, so a changed date moves them at once. */
  async update(organizationId: string, userId: string, kind: IpKind, id: string, dto: UpdateIpRecordDto): Promise<IpRecordView> {
    await this.organizations.roleOf(organizationId, userId);
    await this.load(organizationId, kind, id);
    await this.dataSource.getRepository(IpRecordEntity).update({ id, organizationId, kind }, { ...dto, updatedAt: this.clock.now() });
    return this.view(await this.load(organizationId, kind, id));
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
