import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_STATUS, ErrorCode } from '../errors/domain.exception.js';

export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400 }) statusCode!: number;
  @ApiProperty({ enum: ErrorCode, example: ErrorCode.VALIDATION_FAILED }) code!: ErrorCode;
  @ApiProperty({ example: 'organization.legalForm must be one of the following values: individual, ud, cv, pt' })
  message!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'For validation errors: `{fields: [{field, problems}]}`',
  })
  details?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'On 500 only: the id under which the error is logged' }) errorId?: string;
  @ApiPropertyOptional({ description: 'EVENT_NOT_ALLOWED, EVENT_FORBIDDEN: the state the collaboration is in' }) state?: string;
  @ApiPropertyOptional({ type: [String], description: 'EVENT_NOT_ALLOWED, EVENT_FORBIDDEN: the events you may send now' })
  allowedEvents?: string[];
}

// Every route can answer these (a malformed URL, a path segment over 100 characters); the others are declared per route.
const ALWAYS: ErrorCode[] = [ErrorCode.BAD_REQUEST, ErrorCode.URI_TOO_LONG, ErrorCode.INTERNAL];

/** Documents the error responses of a route, grouped by status, each status listing its codes. */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...codes, ...ALWAYS])) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  // Content given explicitly: errors are JSON even on routes that produce a PDF or a calendar.
  const content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } };
  return applyDecorators(
    ApiExtraModels(ErrorResponseDto),
    ...[...byStatus].map(([status, list]) => ApiResponse({ status, content, description: `code: ${list.join(' | ')}` })),
  );
}

/** A success response that is a file (PDF, calendar, CSV), not JSON. */
export const ApiFile = (mediaType: string, description: string, status = 200): MethodDecorator =>
  ApiResponse({ status, description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } });

/** The errors of any route that takes a JSON body. */
export const BODY_ERRORS: ErrorCode[] = [
  ErrorCode.VALIDATION_FAILED,
  ErrorCode.INVALID_JSON,
  ErrorCode.PAYLOAD_TOO_LARGE,
  ErrorCode.UNSUPPORTED_MEDIA_TYPE,
];
