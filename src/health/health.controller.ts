import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../common/http/public.decorator.js';
import { sql } from '../database/sql.js';

const HEALTH_TIMEOUT_MS = 2000;

class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'] }) db!: 'up' | 'down';
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability (no authentication)' })
  @ApiResponse({ status: 200, type: HealthDto, description: 'Serving, database reachable' })
  @ApiResponse({ status: 503, type: HealthDto, description: 'Database unreachable' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    try {
      // A database that stops answering must not hang the health check.
      await Promise.race([
        sql(this.dataSource)`SELECT 1`,
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS).unref()),
      ]);
      return { status: 'ok', db: 'up' };
    } catch {
      void reply.status(503);
      return { status: 'error', db: 'down' };
    }
  }
}
