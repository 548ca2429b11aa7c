import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parseLang } from '../documents/language.js';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import type { CollaborationContext } from '../../workflows/collaboration/index.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors, ApiFile } from '../common/http/api-errors.decorator.js';
import { AS_QUERY, LANG_QUERY, uuidParam } from '../common/http/api-params.js';
import { CHECKLIST_SCHEMA } from './ip-views.schema.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import { CollaborationReader } from '../collaborations/index.js';
import { ChecklistService, type ChecklistView } from './checklist.service.js';

const COLLABORATION_ID = new EntityIdPipe('Collaboration');

@ApiTags('ip')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND)
@ApiParam(uuidParam('id'))
@Controller('collaborations/:id')
export class CollaborationChecklistController {
  constructor(
    private readonly collaborations: CollaborationReader,
    private readonly checklist: ChecklistService,
  ) {}

  @Get('checklist')
  @ApiOperation({
    summary: "The collaboration's IP checklist (parties only)",
    description:
      'Built when the collaboration enters `ipChecklist`, from its form, its parties, their mark records and the accepted terms; ' +
      'empty before. Each item: `{id, key, category, title{id,en}, explanation{id,en}, legalBasis, mark: V|S|U, toBeConfirmed, ' +
      'responsible{organizationId,name}, launchBlocking, status: todo|inProgress|done|waived|notApplicable, evidence, waiverReason, ' +
      'due, overdue, fee{amount, currency, quantity, per, rate: umk|general|flat, table{title, basis, effectiveDate, caveat}, ' +
      'toBeConfirmed}, record}`; `record` is the linked mark record as it is now, with its deadlines. `openBlocking` lists the ' +
      'launch-blocking items still open. Items change with the `checklist.complete|waive|reopen` events.',
  })
  @ApiQuery(AS_QUERY)
  @ApiOkResponse({ schema: CHECKLIST_SCHEMA })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Query('as') as?: string,
  ): Promise<ChecklistView> {
    const { context } = await this.checklistOf(id, user.id, as);
    return this.checklist.view(context);
  }

  @Get('checklist.ics')
  @ApiOperation({
    summary: 'Calendar (RFC 5545) of the checklist: open items with a due date, and the deadlines of the linked mark records',
    description:
      'One all-day VEVENT per due date with a stable UID, the summary in `lang`, the legal basis in the description, VALARMs at the reminder offsets.',
  })
  @ApiFile('text/calendar', 'An iCalendar file')
  @ApiQuery(LANG_QUERY)
  @ApiQuery(AS_QUERY)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  async calendar(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Query('lang') lang: string | undefined,
    @Query('as') as: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const language = parseLang(lang);
    const { context, title } = await this.checklistOf(id, user.id, as);
    const body = this.checklist.calendar({ id, title }, await this.checklist.view(context), language);
    void reply.type('text/calendar; charset=utf-8').header('Content-Disposition', `attachment; filename="kolabora-checklist-${id}.ics"`);
    return body;
  }

  @Get('checklist.pdf')
  @ApiOperation({ summary: 'The checklist as a short PDF (bilingual by default): status, due dates, fees and legal basis' })
  @ApiFile('application/pdf', 'The checklist PDF')
  @ApiQuery(LANG_QUERY)
  @ApiQuery(AS_QUERY)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Query('lang') lang: string | undefined,
    @Query('as') as: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const language = parseLang(lang);
    const { context, title, parties } = await this.checklistOf(id, user.id, as);
    const pdf = await this.checklist.pdf({ id, title, parties }, await this.checklist.view(context), language);
    void reply.type('application/pdf').header('Content-Disposition', `attachment; filename="Daftar-Periksa-KI-${id}.pdf"`);
    return pdf;
  }

  /** The context (the checklist is the same for every party), the title and the parties' names, for parties only. */
  private async checklistOf(
    id: string,
    userId: string,
    as?: string,
  ): Promise<{ context: CollaborationContext; title: string; parties: string[] }> {
    await this.collaborations.partyOf(id, userId, as);
    const row = await this.collaborations.row(id);
    const context = await this.collaborations.contextOfRow(row, 'snapshot');
    // In the context's order: the initiator, then the partners as they joined.
    const names = new Map((await this.collaborations.partiesOf(id)).map((p) => [p.organizationId, p.name]));
    const parties = [context.initiatorOrganizationId, ...context.partnerOrganizationIds].map((org) => names.get(org) ?? org);
    return { context, title: row.title, parties };
  }
}
