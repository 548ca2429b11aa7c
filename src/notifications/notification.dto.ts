import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS } from './notification.entity.js';

export class BilingualTextDto {
  @ApiProperty({ description: 'Indonesian' }) id!: string;
  @ApiProperty({ description: 'English' }) en!: string;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'Your organization it is addressed to' }) organizationId!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, description: 'More kinds may be added: treat an unknown one as a plain message' })
  kind!: string;
  @ApiProperty({ type: BilingualTextDto }) subject!: BilingualTextDto;
  @ApiProperty({ type: BilingualTextDto }) body!: BilingualTextDto;
  @ApiProperty({ type: String, nullable: true, description: 'Where to act on it, e.g. the invitation page' }) link!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) collaborationId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the mailer delivered it (by SMTP where it has an email, else to the log); null while pending',
  })
  deliveredAt!: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!:
    string | null;
}
