import { Controller, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { describeMachine, toMermaid, type MachineDescription } from '../../workflows/collaboration/index.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { numberParam } from '../common/http/api-params.js';
import { arrayOf, integer, nullableString, object, string } from '../common/http/api-schema.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { COLLABORATION_WORKFLOW_ID, WorkflowRegistry } from './workflow-registry.js';

const FORMATS = ['json', 'mermaid'];
const DESCRIPTION_SCHEMA = object({
  id: string(),
  initial: string(),
  states: arrayOf(object({ name: string(), final: { type: 'boolean' }, entry: arrayOf(string()), exit: arrayOf(string()) })),
  events: arrayOf(string()),
  transitions: arrayOf(object({ from: string(), event: string(), to: nullableString(), guard: nullableString() })),
});

@ApiTags('workflows')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED)
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly registry: WorkflowRegistry) {}

  @Get()
  @ApiOperation({ summary: 'The workflows, their released versions and the latest' })
  @ApiOkResponse({ schema: arrayOf(object({ id: string(), versions: arrayOf(integer()), latest: integer() })) })
  list(): Array<{ id: string; versions: number[]; latest: number }> {
    return this.registry.list();
  }

  @Get(':id/:version')
  @ApiParam({ name: 'id', schema: { type: 'string', example: 'collaboration' } })
  @ApiParam(numberParam('version'))
  @ApiOperation({ summary: 'States, events and transitions of a version, as JSON or (format=mermaid) a Mermaid stateDiagram-v2' })
  @ApiQuery({ name: 'format', required: false, schema: { type: 'string', enum: FORMATS, default: 'json' } })
  @ApiOkResponse({
    description: 'JSON, or text with format=mermaid',
    content: { 'application/json': { schema: DESCRIPTION_SCHEMA }, 'text/plain': { schema: string() } },
  })
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.VALIDATION_FAILED)
  describe(
    @Param('id') id: string,
    @Param('version', new ParseIntPipe({ exceptionFactory: () => notFound('Workflow version') })) version: number,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): MachineDescription | string {
    if (format !== undefined && !FORMATS.includes(format)) {
      const problem = 'format must be one of: json, mermaid';
      throw new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: 'format', problems: [problem] }] });
    }
    if (id !== COLLABORATION_WORKFLOW_ID || !this.registry.has(version)) throw notFound('Workflow version');
    const description = describeMachine(this.registry.get(version).machine);
    if (format !== 'mermaid') return description;
    void reply.type('text/plain; charset=utf-8');
    return toMermaid(description);
  }
}
