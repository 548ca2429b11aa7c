import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { NormalizedEmail } from '../common/email.js';

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'dewi@lookout.id', maxLength: 254, format: 'email', description: 'Compared in Unicode NFC, lower-cased' })
  @NormalizedEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the link in the email (after `#token=`)', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  token!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;
}

export class PasswordResetAcceptedDto {
  @ApiProperty({ example: 'If an account has this email, a link to reset its password is on its way; it works for 60 minutes.' })
  message!: string;
}
