import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { MeResponseDto } from './dto/organization.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user and their organizations, each with their role' })
  @ApiOkResponse({ type: MeResponseDto })
  @ApiErrors(ErrorCode.UNAUTHENTICATED)
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeResponseDto> {
    return this.organizations.me(user.id);
  }
}
