import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class EraseAccountDto {
  @ApiProperty({ description: 'Your current password: erasing cannot be undone' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

class KeptDto {
  @ApiProperty({ example: 'signed agreements' }) what!: string;
  @ApiProperty() why!: string;
}

export class AccountErasedDto {
  @ApiProperty({ format: 'date-time' }) erasedAt!: string;
  @ApiProperty({ type: [KeptDto], description: 'What stays, and why: signed agreements keep the names as signed' })
  kept!: KeptDto[];
}
