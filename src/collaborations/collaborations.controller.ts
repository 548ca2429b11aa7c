import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { ApiErrors, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import { AS_QUERY, IDEMPOTENCY_KEY_HEADER, IF_MATCH_HEADER, numberParam, uuidParam } from '../common/http/api-params.js';
import { CollaborationsService } from './collaborations.service.js';
import {
  CollaborationPageDto,
  CollaborationViewDto,
  HistoryEntryDto,
  ListCollaborationsQueryDto,
  MilestoneDto,
  TermsRevisionDto,
} from './dto/collaboration-view.dto.js';
import { EVENT_BODY_SCHEMA, EVENT_PAYLOAD_MODELS } from './dto/events.dto.js';
import { CreateCollaborationDto } from './dto/proposal.dto.js';

const COLLABORATION_ID = new EntityIdPipe('Collaboration');

function parseIfMatch(header?: string): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) {
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'If-Match must be the ETag of the collaboration, e.g. "3"', {
      fields: [{ field: 'If-Match', problems: ['If-Match must be a version ETag'] }],
    });
  }
  return Number(match[1]);
}

function parseIdempotencyKey(header?: string): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'Idempotency-Key must be 1–200 visible ASCII characters', {
      fields: [{ field: 'Idempotency-Key', problems: ['Idempotency-Key must be 1–200 visible ASCII characters'] }],
    });
  }
  return header;
}

const withEtag = (reply: FastifyReply, view: CollaborationViewDto): CollaborationViewDto => {
  void reply.header('ETag', `"${view.version}"`);
  return view;
};

@ApiTags('collaborations')
@ApiBearerAuth()
@ApiExtraModels(...EVENT_PAYLOAD_MODELS)
@ApiErrors(ErrorCode.UNAUTHENTICATED)
@Controller('collaborations')
export class CollaborationsController {
  constructor(private readonly collaborations: CollaborationsService) {}

  @Post()
  @ApiOperation({ summary: 'Start a collaboration in `proposal`; your organization (or `organizationId`) is the initiator' })
  @ApiResponse({ status: 201, type: CollaborationViewDto })
  @ApiErrors(...BODY_ERRORS, ErrorCode.NOT_FOUND)
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateCollaborationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CollaborationViewDto> {
    return withEtag(reply, await this.collaborations.create(user, dto));
  }

  @Get()
  @ApiOperation({ summary: "Your organizations' collaborations, newest first" })
  @ApiOkResponse({ type: CollaborationPageDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListCollaborationsQueryDto): Promise<CollaborationPageDto> {
    return this.collaborations.list(user, query);
  }

  @Get(':id')
  @ApiParam(uuidParam('id'))
  @ApiOperation({ summary: 'A collaboration you are a party to, with the events you may send now; ETag is its version' })
  @ApiQuery(AS_QUERY)
  @ApiOkResponse({ type: CollaborationViewDto })
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Query('as') as: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CollaborationViewDto> {
    return withEtag(reply, await this.collaborations.get(user, id, as));
  }

  @Post(':id/events')
  @ApiParam(uuidParam('id'))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a lifecycle event `{type, ...payload}`',
    description:
      '409 EVENT_NOT_ALLOWED: not allowed in this state, already sent by your party, or refused by a condition (details: state, allowedEvents, reason). ' +
      '403 EVENT_FORBIDDEN: allowed in this state but not for your role. 412 PRECONDITION_FAILED: If-Match is stale. ' +
      'A repeated Idempotency-Key returns the first answer; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED. ' +
      'terms.accept on terms or party details that could not make a complete agreement is 422 AGREEMENT_DATA_INCOMPLETE with details.missing ' +
      'and details.parties (per party: legalForm, country and what that legal form still needs). ' +
      'terms.propose or terms.accept with governingLanguage "en" when every party is Indonesian (country ID) is 422 PREVAILING_LANGUAGE_NOT_ALLOWED ' +
      '(UU 24/2009 Art. 31; legal facts §4.2); with disputeResolution "small_claims" where it cannot apply (parties in different court ' +
      'districts, or the agreement sets more than the limit in templates/agreements/rules.json) 422 SMALL_CLAIMS_NOT_AVAILABLE with details.reasons. ' +
      'A 101st terms revision or a 201st milestone is 409 LIMIT_REACHED with details {limit, what}. ' +
      "agreement.sign {version, sha256, meterai: {kind, serial?}}: only the account linked to the organization's recorded " +
      'signatory (organization signatory.userId) may sign, anyone else is 403 SIGNING_AUTHORITY_REQUIRED with details ' +
      "{organizationId, signatory}; the event records that signatory's name and title and the organization's city as the " +
      'place of signing. sha256 is the version PDF as generated, which signing never changes; see README "Execution model".',
  })
  @ApiBody({ schema: EVENT_BODY_SCHEMA })
  @ApiOkResponse({ type: CollaborationViewDto })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiQuery(AS_QUERY)
  @ApiErrors(
    ...BODY_ERRORS,
    ErrorCode.NOT_FOUND,
    ErrorCode.EVENT_FORBIDDEN,
    ErrorCode.SIGNING_AUTHORITY_REQUIRED,
    ErrorCode.EVENT_NOT_ALLOWED,
    ErrorCode.PRECONDITION_FAILED,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    ErrorCode.AGREEMENT_DATA_INCOMPLETE,
    ErrorCode.PREVAILING_LANGUAGE_NOT_ALLOWED,
    ErrorCode.SMALL_CLAIMS_NOT_AVAILABLE,
    ErrorCode.LIMIT_REACHED,
    ErrorCode.RATE_LIMITED, // partner.invite over the daily invitation-mail limits
  )
  async send(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Query('as') as: string | undefined,
    @Req() http: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CollaborationViewDto> {
    const client = { ip: http.ip, userAgent: String(http.headers['user-agent'] ?? '').slice(0, 300) };
    const request = { ifMatch: parseIfMatch(ifMatch), idempotencyKey: parseIdempotencyKey(idempotencyKey), as, client };
    return withEtag(reply, await this.collaborations.send(user, id, body, request));
  }

  @Get(':id/history')
  @ApiParam(uuidParam('id'))
  @ApiOperation({ summary: 'Every applied event in order, with actor, states and time' })
  @ApiResponse({ status: 200, type: [HistoryEntryDto] })
  @ApiQuery(AS_QUERY)
  @ApiErrors(ErrorCode.NOT_FOUND)
  history(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Query('as') as: string | undefined,
  ): Promise<HistoryEntryDto[]> {
    return this.collaborations.history(user, id, as);
  }

  @Get(':id/terms/:revision')
  @ApiParam(uuidParam('id'))
  @ApiParam(numberParam('revision'))
  @ApiOperation({ summary: 'One terms revision in full (the collaboration view carries the terms of the latest and accepted ones)' })
  @ApiResponse({ status: 200, type: TermsRevisionDto })
  @ApiQuery(AS_QUERY)
  @ApiErrors(ErrorCode.NOT_FOUND)
  termsRevision(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Param('revision', new ParseIntPipe({ exceptionFactory: () => notFound('Terms revision') })) revision: number,
    @Query('as') as: string | undefined,
  ): Promise<TermsRevisionDto> {
    return this.collaborations.termsRevision(user, id, revision, as);
  }

  @Get(':id/milestones/:number')
  @ApiParam(uuidParam('id'))
  @ApiParam(numberParam('number'))
  @ApiOperation({
    summary: 'One milestone in full, by its number (the collaboration view carries the notes of the latest 20 milestones only)',
  })
  @ApiResponse({ status: 200, type: MilestoneDto })
  @ApiQuery(AS_QUERY)
  @ApiErrors(ErrorCode.NOT_FOUND)
  milestone(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Param('number', new ParseIntPipe({ exceptionFactory: () => notFound('Milestone') })) number: number,
    @Query('as') as: string | undefined,
  ): Promise<MilestoneDto> {
    return this.collaborations.milestone(user, id, number, as);
  }
}
