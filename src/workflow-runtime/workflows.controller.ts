import { Controller, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { describeMachine, toMermaid, type MachineDescription } from '../../workflows/collaboration/index.js';
import { ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { COLLABORATION_WORKFLOW_ID, WorkflowRegistry } from './workflow-registry.js';

@ApiTags('workflows')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED)
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly registry: WorkflowRegistry) {}

  @Get()
  @ApiOperation({ summary: 'The workflows, their released versions and the latest' })
  list(): Array<{ id: string; versions: number[]; latest: number }> {
    return this.registry.list();
  }

  @Get(':id/:version')
  @ApiOperation({ summary: 'States, events and transitions of a version, as JSON or (format=mermaid) a Mermaid stateDiagram-v2' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'mermaid'] })
  @ApiErrors(ErrorCode.NOT_FOUND)
  describe(
    @Param('id') id: string,
    @Param('version', new ParseIntPipe({ exceptionFactory: () => notFound('Workflow version') })) version: number,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): MachineDescription | string {
    if (id !== COLLABORATION_WORKFLOW_ID || !this.registry.has(version)) throw notFound('Workflow version');
    const description = describeMachine(this.registry.get(version).machine);
    if (format !== 'mermaid') return description;
    void reply.type('text/plain; charset=utf-8');
    return toMermaid(description);
  }
}
