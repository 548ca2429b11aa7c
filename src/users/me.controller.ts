import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { MeResponseDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user and their organizations, each with their role' })
  @ApiErrors(ErrorCode.UNAUTHENTICATED)
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeResponseDto> {
    return this.users.me(user.id);
  }
}
