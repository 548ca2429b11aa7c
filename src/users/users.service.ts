import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { toUserResponse, type UserResponseDto } from './dto/user.dto.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async get(userId: string): Promise<UserResponseDto> {
    return toUserResponse(await this.users.findOneByOrFail({ id: userId }));
  }
}
