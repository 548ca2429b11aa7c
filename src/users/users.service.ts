import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { type MeResponseDto, toUserResponse } from './dto/user.dto.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly organizations: OrganizationsService,
  ) {}

  async me(userId: string): Promise<MeResponseDto> {
    const user = await this.users.findOneByOrFail({ id: userId });
    return { user: toUserResponse(user), organizations: await this.organizations.listForUser(user.id) };
  }
}
