import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NormalizedEmail } from '../../common/email.js';
import { Trim } from '../../common/http/trim.js';
import { CreateOrganizationDto, OrganizationResponseDto } from '../../organizations/dto/organization.dto.js';
import { UserResponseDto } from '../../users/dto/user.dto.js';

export class RegisterDto {
  @ApiProperty({ example: 'dewi@lookout.id', maxLength: 254, description: 'Stored in Unicode NFC, lower-cased' })
  @NormalizedEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 200, example: 'correct horse battery' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ example: 'Dewi Lestari', maxLength: 200 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: CreateOrganizationDto, description: 'The organization the user founds and owns' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CreateOrganizationDto)
  organization!: CreateOrganizationDto;
}

export class LoginDto {
  @ApiProperty({ example: 'dewi@lookout.id', description: 'Compared in Unicode NFC, lower-cased' })
  @NormalizedEmail()
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword!: string;
}

export class SessionQueryDto {
  @ApiPropertyOptional({
    enum: ['cookie'],
    description:
      "The web console's session: the token is set as an HttpOnly cookie (SameSite=Lax, Secure over HTTPS) instead of returned; " +
      'writes with that cookie need the header `X-Kolabora-CSRF: 1`',
  })
  @IsOptional()
  @IsIn(['cookie'])
  session?: 'cookie';
}

export class TokenResponseDto {
  @ApiPropertyOptional({ description: 'HS256 JWT; send as `Authorization: Bearer <token>`. Absent with `session=cookie`' })
  accessToken?: string;
}

export class RegisterResponseDto extends TokenResponseDto {
  @ApiProperty({ type: UserResponseDto }) user!: UserResponseDto;
  @ApiProperty({ type: OrganizationResponseDto }) organization!: OrganizationResponseDto;
}
