import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { FORMS, type Form } from '../../workflows/collaboration/index.js';
import { ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { ApiErrors, ApiFile } from '../common/http/api-errors.decorator.js';
import { LAYOUT_LANGUAGES, parseLang } from '../documents/language.js';
import { RenderPool } from './render-pool.js';
import { TemplateRegistry } from './template-registry.js';

class TemplateTitleDto {
  @ApiProperty() id!: string;
  @ApiProperty() en!: string;
}
class TemplateSummaryDto {
  @ApiProperty({ example: 'co_branding' }) id!: string;
  @ApiProperty({ example: '1.0.0' }) version!: string;
  @ApiProperty({ enum: FORMS }) form!: string;
  @ApiProperty({ type: TemplateTitleDto }) title!: TemplateTitleDto;
}

@ApiTags('templates')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED)
@Controller('templates')
export class TemplatesController {
  constructor(
    private readonly registry: TemplateRegistry,
    private readonly renderer: RenderPool,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The agreement templates: one per partnership form' })
  @ApiOkResponse({ type: [TemplateSummaryDto] })
  list(): TemplateSummaryDto[] {
    return this.registry.list().map(({ id, version, form, title }) => ({ id, version, form, title }));
  }

  @Get(':id/preview.pdf')
  @ApiOperation({ summary: 'A template rendered with its sample data, for template authors' })
  @ApiFile('application/pdf', 'The PDF')
  @ApiQuery({
    name: 'lang',
    required: false,
    schema: { type: 'string', enum: LAYOUT_LANGUAGES },
    description: 'Default bilingual: Indonesian and English side by side',
  })
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.VALIDATION_FAILED)
  async preview(
    @Param('id') id: string,
    @Query('lang') lang: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const language = parseLang(lang);
    const template = this.registry.templates.get(id as Form);
    if (!template) throw notFound('Template');
    const document = this.registry.document(template, template.sample, new Date(`${template.sample.agreement.date}T00:00:00Z`));
    const pdf = await this.renderer.render(document, language);
    void reply
      .type('application/pdf')
      .header('Content-Disposition', `inline; filename="${template.id}-${template.version}-preview-${language}.pdf"`);
    return pdf;
  }
}
