import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsObject, ValidateNested } from 'class-validator';
import { OptionalNotNull } from '../common/http/optional.js';
import { DIGEST_MODES, type DigestMode } from './notification-preferences.entity.js';
import { UNSUBSCRIBE_SCOPES, type UnsubscribeScope } from './unsubscribe-token.js';

const REMINDERS = 'Reminders: checklist due dates, mark deadlines, the end of the review window. Default true.';
const LIFECYCLE =
  'Lifecycle notices: an invitation received or answered, an agreement ready to sign, signed by another party, executed. Default true.';
const DIGEST =
  '"daily": the notices wanted above come in one mail a day at 17.00 WIB (10:00 UTC) listing the notices since the last one, ' +
  'instead of one mail each. Default "off".';

export class EmailPreferencesDto {
  @ApiProperty({ description: REMINDERS, default: true }) reminders!: boolean;
  @ApiProperty({ description: LIFECYCLE, default: true }) lifecycle!: boolean;
  @ApiProperty({ enum: DIGEST_MODES, description: DIGEST, default: 'off' }) digest!: DigestMode;
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: EmailPreferencesDto, description: 'What you get by email, besides the in-app list (which always has everything)' })
  email!: EmailPreferencesDto;
}

export class UpdateEmailPreferencesDto {
  @ApiPropertyOptional({ description: REMINDERS }) @OptionalNotNull() @IsBoolean() reminders?: boolean;
  @ApiPropertyOptional({ description: LIFECYCLE }) @OptionalNotNull() @IsBoolean() lifecycle?: boolean;
  @ApiPropertyOptional({ enum: DIGEST_MODES, description: DIGEST }) @OptionalNotNull() @IsIn(DIGEST_MODES) digest?: DigestMode;
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty({ type: UpdateEmailPreferencesDto, description: 'Only the fields sent change' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateEmailPreferencesDto)
  email!: UpdateEmailPreferencesDto;
}

export class UnsubscribedDto {
  @ApiProperty({ enum: UNSUBSCRIBE_SCOPES, description: 'What was turned off; "all" is both reminders and lifecycle notices' })
  unsubscribed!: UnsubscribeScope;
  @ApiProperty({ type: NotificationPreferencesDto, description: 'Your preferences now' }) preferences!: NotificationPreferencesDto;
  @ApiProperty({ example: 'Anda tidak akan lagi menerima email pengingat. / You will no longer get reminder emails.' }) message!: string;
}
