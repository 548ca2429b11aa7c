import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parseLang } from '../documents/language.js';
import { readTemplate } from '../documents/templates.js';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { ApiErrors, ApiFile, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { LANG_QUERY, uuidParam } from '../common/http/api-params.js';
import { arrayOf } from '../common/http/api-schema.js';
import { IP_RECORD_SCHEMA, NICE_CLASSES_SCHEMA } from './ip-views.schema.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import { CreateIpRecordDto, UpdateIpRecordDto } from './ip-record.dto.js';
import type { IpKind } from './ip-record.entity.js';
import { type IpRecordView, IpRecordsService } from './ip-records.service.js';

const ORGANIZATION_ID = new EntityIdPipe('Organization');
const RECORD_ID = new EntityIdPipe('IP record');
// A Map, not an object literal: a path segment such as `__proto__`, `constructor` or `toString` must not find
// Object.prototype's members (that was a 500); it is an unknown kind like any other.
const KINDS = new Map<string, IpKind>([
  ['marks', 'mark'],
  ['designs', 'design'],
  ['copyrights', 'copyright'],
]);
const KIND = {
  transform: (value: string): IpKind =>
    KINDS.get(value) ??
    (() => {
      throw notFound('Route');
    })(),
};
const KIND_PARAM = { name: 'kind', enum: [...KINDS.keys()], description: 'marks, designs or copyrights (recordals)' };

interface NiceClass {
  class: number;
  heading: string;
  keywords: string[];
}
const NICE = readTemplate<{ classes: NiceClass[] }>('ip/nice-classes.json').classes;

@ApiTags('ip')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED)
@Controller()
export class IpRecordsController {
  constructor(private readonly records: IpRecordsService) {}

  @Get('organizations/:id/deadlines.ics')
  @ApiParam(uuidParam('id'))
  @ApiOperation({
    summary: "Calendar (RFC 5545) of the organization's IP deadlines",
    description:
      'One all-day VEVENT per deadline of each mark and design, with a stable UID (<recordId>.<kind>@kolabora), the summary in ' +
      '`lang` (id, en or both), the legal basis in the description (a rule resting on an unverified fact says "to be confirmed"), ' +
      'and VALARMs at the reminder offsets (REMINDER_OFFSETS_DAYS) for deadlines that call for action.',
  })
  @ApiFile('text/calendar', 'An iCalendar file')
  @ApiQuery(LANG_QUERY)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.VALIDATION_FAILED)
  async deadlines(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ORGANIZATION_ID) id: string,
    @Query('lang') lang: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const body = await this.records.calendar(id, user.id, parseLang(lang));
    void reply.type('text/calendar; charset=utf-8').header('Content-Disposition', 'attachment; filename="kolabora-deadlines.ics"');
    return body;
  }

  @Get('organizations/:id/:kind')
  @ApiParam(uuidParam('id'))
  @ApiOperation({ summary: "An organization's marks, designs or copyright recordals, each with its statutory deadlines" })
  @ApiParam(KIND_PARAM)
  @ApiOkResponse({ schema: arrayOf(IP_RECORD_SCHEMA) })
  @ApiErrors(ErrorCode.NOT_FOUND)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ORGANIZATION_ID) id: string,
    @Param('kind', KIND) kind: IpKind,
  ): Promise<IpRecordView[]> {
    return this.records.list(id, user.id, kind);
  }

  @Post('organizations/:id/:kind')
  @ApiParam(uuidParam('id'))
  @ApiOperation({
    summary: 'Add a mark, design or copyright recordal (the organization is its owner, with any joint owners listed; admins and owners)',
  })
  @ApiParam(KIND_PARAM)
  @ApiResponse({ status: 201, schema: IP_RECORD_SCHEMA })
  @ApiErrors(...BODY_ERRORS, ErrorCode.NOT_FOUND, ErrorCode.ROLE_FORBIDDEN)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ORGANIZATION_ID) id: string,
    @Param('kind', KIND) kind: IpKind,
    @Body() dto: CreateIpRecordDto,
  ): Promise<IpRecordView> {
    return this.records.create(id, user.id, kind, dto);
  }

  @Get('organizations/:id/:kind/:recordId')
  @ApiParam(uuidParam('id'))
  @ApiParam(uuidParam('recordId'))
  @ApiOperation({ summary: 'One record with its deadlines: kind, due date, legal basis, mark of the fact, overdue' })
  @ApiParam(KIND_PARAM)
  @ApiOkResponse({ schema: IP_RECORD_SCHEMA })
  @ApiErrors(ErrorCode.NOT_FOUND)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ORGANIZATION_ID) id: string,
    @Param('kind', KIND) kind: IpKind,
    @Param('recordId', RECORD_ID) recordId: string,
  ): Promise<IpRecordView> {
    return this.records.get(id, user.id, kind, recordId);
  }

  @Patch('organizations/:id/:kind/:recordId')
  @ApiParam(uuidParam('id'))
  @ApiParam(uuidParam('recordId'))
  @ApiOperation({ summary: 'Change a record; its deadlines are recomputed from the new dates (admins and owners)' })
  @ApiParam(KIND_PARAM)
  @ApiOkResponse({ schema: IP_RECORD_SCHEMA })
  @ApiErrors(...BODY_ERRORS, ErrorCode.NOT_FOUND, ErrorCode.ROLE_FORBIDDEN)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ORGANIZATION_ID) id: string,
    @Param('kind', KIND) kind: IpKind,
    @Param('recordId', RECORD_ID) recordId: string,
    @Body() dto: UpdateIpRecordDto,
  ): Promise<IpRecordView> {
    return this.records.update(id, user.id, kind, recordId, dto);
  }

  @Get('ip/nice-classes')
  @ApiOperation({ summary: 'Nice classes to file in, suggested from product categories, with the official heading' })
  @ApiQuery({
    name: 'categories',
    required: false,
    schema: { type: 'string' },
    description: 'Comma-separated product categories; without it, every fashion class',
  })
  @ApiOkResponse({ schema: NICE_CLASSES_SCHEMA })
  niceClasses(@Query('categories') categories?: string): Array<{ class: number; heading: string }> {
    const wanted = (categories ?? '')
      .toLowerCase()
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    return NICE.filter((n) => wanted.length === 0 || n.keywords.some((k) => wanted.some((w) => w.includes(k) || k.includes(w)))).map(
      (n) => ({
        class: n.class,
        heading: n.heading,
      }),
    );
  }
}
