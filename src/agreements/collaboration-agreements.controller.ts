import { Controller, Get, Headers, Param, type PipeTransform, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AgreementDiff, AgreementsService, type AgreementVersionSummary } from './agreements.service.js';
import { parseLang } from '../documents/language.js';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { AS_QUERY, LANG_QUERY, numberParam, uuidParam } from '../common/http/api-params.js';
import { arrayOf, bilingual, integer, object, string } from '../common/http/api-schema.js';
import { ApiErrors, ApiFile } from '../common/http/api-errors.decorator.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import { CollaborationReader } from '../collaborations/index.js';
import { TERMS_MODELS } from './terms.js';

class AgreementVersionDto {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ description: 'sha256 of the bilingual PDF: what the parties sign' }) sha256!: string;
  @ApiProperty({ description: 'sha256 of template id@version + data; its first 16 hex digits are printed in the footer' })
  contentHash!: string;
  @ApiProperty({ example: 'co_branding@1.2.1' }) template!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
class AgreementVersionListDto {
  @ApiProperty({ type: [AgreementVersionDto] }) items!: AgreementVersionDto[];
}

const COLLABORATION_ID = new EntityIdPipe('Collaboration');
// Beyond a 32-bit integer no version exists (and PostgreSQL would refuse the comparison): 404 like any other.
class VersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const version = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(version) || version < 1 || version > 2 ** 31 - 1) throw notFound('Agreement version');
    return version;
  }
}
const VERSION = new VersionPipe();

@ApiTags('agreements')
@ApiExtraModels(...TERMS_MODELS) // the schemas `terms.propose {terms}` refers to, with the maxima enforced
@ApiBearerAuth()
@ApiQuery(AS_QUERY)
@ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND)
@ApiParam(uuidParam('id'))
@Controller('collaborations/:id/agreements')
export class CollaborationAgreementsController {
  constructor(
    private readonly collaborations: CollaborationReader,
    private readonly agreements: AgreementsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every generated version of the agreement (parties only)' })
  @ApiResponse({ status: 200, type: AgreementVersionListDto })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Query('as') as?: string,
  ): Promise<{ items: AgreementVersionSummary[] }> {
    await this.collaborations.access(id, user.id, as);
    return { items: await this.agreements.list(id) };
  }

  @Get(':version')
  @ApiParam(numberParam('version'))
  @ApiOperation({ summary: 'One version of the agreement' })
  @ApiResponse({ status: 200, type: AgreementVersionDto })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Param('version', VERSION) version: number,
    @Query('as') as?: string,
  ): Promise<AgreementVersionSummary> {
    await this.collaborations.access(id, user.id, as);
    return this.agreements.get(id, version);
  }

  @Get(':from/diff/:to')
  @ApiParam(numberParam('from'))
  @ApiParam(numberParam('to'))
  @ApiOkResponse({
    schema: object({
      from: integer(),
      to: integer(),
      template: object({ from: string(), to: string() }),
      clauses: arrayOf(
        object({
          heading: bilingual,
          status: string({ enum: ['added', 'removed', 'changed'] }),
          changes: object({ id: arrayOf({ type: 'object' }), en: arrayOf({ type: 'object' }) }),
        }),
      ),
    }),
  })
  @ApiOperation({
    summary: 'What changed between two versions: the clauses that differ, word by word in each language',
    description:
      'Versions that differ in more than 2,000 words added or removed (both languages together), or take over 2 s to compare, answer 422 DIFF_TOO_LARGE.',
  })
  @ApiErrors(ErrorCode.DIFF_TOO_LARGE)
  async diff(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Param('from', VERSION) from: number,
    @Param('to', VERSION) to: number,
    @Query('as') as?: string,
  ): Promise<AgreementDiff> {
    await this.collaborations.access(id, user.id, as);
    return this.agreements.diff(id, from, to);
  }

  @Get(':version/executed.pdf')
  @ApiParam(numberParam('version'))
  @ApiOperation({
    summary: 'The executed copy: the agreement with its signature certificate page, once every party has signed',
    description:
      "Sealed by the service when it was made: a PAdES signature (adbe.pkcs7.detached, SHA-256) over the whole file, which a PDF reader checks (the seal's certificate is self-signed unless SEAL_P12_PATH is set). The ETag is the sha256 of these bytes.",
  })
  @ApiFile('application/pdf', 'The PDF')
  async executed(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Param('version', VERSION) version: number,
    @Query('as') as: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { form } = await this.collaborations.access(id, user.id, as);
    const file = await this.agreements.executed(id, version, form);
    void reply
      .type('application/pdf')
      .header('ETag', `"${file.sha256}"`)
      .header('Content-Disposition', `attachment; filename="${file.filename}"`);
    return file.pdf;
  }

  @Get(':version/pdf')
  @ApiParam(numberParam('version'))
  @ApiOperation({ summary: 'The agreement PDF (bilingual by default); ETag is its sha256, If-None-Match gives 304' })
  @ApiFile('application/pdf', 'The PDF')
  @ApiQuery(LANG_QUERY)
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match matched the ETag' })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', COLLABORATION_ID) id: string,
    @Param('version', VERSION) version: number,
    @Query('lang') lang: string | undefined,
    @Query('as') as: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const { form } = await this.collaborations.access(id, user.id, as);
    const file = await this.agreements.pdf(id, version, parseLang(lang), form);
    void reply.header('ETag', `"${file.sha256}"`);
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === `"${file.sha256}"`)) {
      void reply.status(304);
      return undefined;
    }
    void reply.type('application/pdf').header('Content-Disposition', `attachment; filename="${file.filename}"`);
    return file.pdf;
  }
}
