import { ApiProperty } from '@nestjs/swagger';
import type { UserEntity } from '../user.entity.js';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'dewi@lookout.id' }) email!: string;
  @ApiProperty({ example: 'Dewi Lestari' }) name!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toUserResponse(user: UserEntity): UserResponseDto {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt.toISOString() };
}
