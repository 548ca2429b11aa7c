import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DomainException, ErrorCode } from './errors/domain.exception.js';

/** The query of every keyset-paged list: `?limit=&cursor=` (notifications, access log, webhook deliveries). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

/** An opaque keyset cursor over (created_at, id), newest first: the collaborations and notifications lists. */
export const encodeCursor = (row: { createdAt: Date; id: string }): string =>
  Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');

export function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return [date, id];
  } catch {
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'cursor is not a cursor this API returned', {
      fields: [{ field: 'cursor', problems: ['invalid cursor'] }],
    });
  }
}
