import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { uuidParam } from '../common/http/api-params.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import { ListPartnersQueryDto, PartnerPageDto, PublicProfileDto } from './dto/partner-profile.dto.js';
import { PartnersDirectory } from './partners-directory.service.js';

@ApiTags('partners')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED)
@Controller('partners')
export class PartnersController {
  constructor(private readonly directory: PartnersDirectory) {}

  @Get()
  @ApiOperation({
    summary: 'The partner directory: listed organizations, ranked by q (else newest listed first), filters combined with AND',
  })
  @ApiOkResponse({ type: PartnerPageDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  find(@Query() query: ListPartnersQueryDto): Promise<PartnerPageDto> {
    return this.directory.find(query);
  }

  @Get(':id')
  @ApiParam(uuidParam('id'))
  @ApiOperation({ summary: 'The public profile of a listed organization (404 otherwise)' })
  @ApiOkResponse({ type: PublicProfileDto })
  @ApiErrors(ErrorCode.NOT_FOUND)
  get(@Param('id', new EntityIdPipe('Partner')) id: string): Promise<PublicProfileDto> {
    return this.directory.get(id);
  }
}
