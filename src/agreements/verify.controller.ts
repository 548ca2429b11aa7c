import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiSecurity,
  ApiConsumes,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { OptionalAuth } from '../common/http/public.decorator.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { PdfDigest } from '../common/http/pdf-body.js';
import { RateLimitGuard, RateLimited } from '../common/http/rate-limit.guard.js';
import { AgreementsService, type VerifyResult } from './agreements.service.js';

class VerifyResultDto {
  @ApiProperty() genuine!: boolean;
  @ApiProperty({ description: 'sha256 of the file sent' }) sha256!: string;
  @ApiPropertyOptional({ enum: ['agreement', 'executed'] }) kind?: string;
  @ApiProperty({ example: 'Genuine: executed on 2026-12-03 by 2 parties' }) message!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only when you are a party' }) collaborationId?: string;
  @ApiPropertyOptional({ description: 'Only when you are a party' }) version?: number;
}

@ApiTags('agreements')
@ApiSecurity({}) // anyone may call it: no token is one of the accepted ways, a bearer token the other
@ApiBearerAuth()
@Controller('verify')
export class VerifyController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @HttpCode(200)
  @OptionalAuth()
  @UseGuards(RateLimitGuard)
  @RateLimited('verify', 'verifyRateLimit') // anyone may send 20 MiB here: limited per client IP, VERIFY_RATE_LIMIT a minute
  @ApiOperation({
    summary: 'Is this PDF a genuine agreement or executed copy issued here? Send the file as the raw body (application/pdf, up to 20 MiB)',
    description:
      'Anyone may ask. Recognizes two files per executed agreement: the version PDF every party signed (`kind: agreement`; ' +
      'its sha256 is what the parties signed, unchanged by signing) and the executed copy (`kind: executed`: those pages ' +
      'with place, date and meterai filled in, plus the signature certificate). A version not yet signed by every party ' +
      'is genuine only to a party. With a bearer token of a party, the answer also names the collaboration and version. ' +
      'Dates are in Jakarta time (WIB).',
  })
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 200, type: VerifyResultDto })
  @ApiErrors(
    ErrorCode.BAD_REQUEST,
    ErrorCode.PAYLOAD_TOO_LARGE,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.UNAUTHENTICATED,
    ErrorCode.RATE_LIMITED,
  )
  verify(@Body() body: unknown, @Req() request: FastifyRequest): Promise<VerifyResult> {
    if (!(body instanceof PdfDigest) || body.bytes === 0) {
      throw new DomainException(ErrorCode.BAD_REQUEST, 'Send the PDF as the request body with Content-Type: application/pdf');
    }
    return this.agreements.verify(body.sha256, request.user?.id ?? null);
  }
}
