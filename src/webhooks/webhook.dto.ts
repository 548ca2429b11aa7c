import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsString, MaxLength, ArrayUnique } from 'class-validator';
import { OptionalNotNull, OptionalOrNull } from '../common/http/optional.js';
import { Trim } from '../common/http/trim.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-events.js';

const URL_DESCRIPTION =
  'http:// or https://; a host resolving to a private, loopback or link-local address is refused (unless WEBHOOKS_ALLOW_PRIVATE=true)';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://shop.example.id/hooks/kolabora', maxLength: 2048, description: URL_DESCRIPTION })
  @Trim()
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, minItems: 1, example: ['collaboration.transitioned'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events!: WebhookEventType[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @OptionalOrNull()
  @Trim()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: 2048, description: URL_DESCRIPTION })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true, minItems: 1 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: WebhookEventType[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'null clears it' })
  @OptionalOrNull()
  @Trim()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({
    description: 'false pauses deliveries (messages keep queueing); true resumes them and clears a disabling after failures',
  })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events!: string[];
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ description: 'false when paused, or disabled after failing for 24 hours' }) enabled!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The first failure since the last success' })
  failingSince!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when the secret before the last rotation still signs too (a second v1 signature)',
  })
  previousSecretExpiresAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=', description: 'The signing secret: shown only here' })
  secret!: string;
}

export class RotatedSecretDto {
  @ApiProperty({ description: 'The new signing secret: shown only here' }) secret!: string;
  @ApiProperty({ format: 'date-time', description: 'Until then messages carry a signature with the previous secret too' })
  previousSecretExpiresAt!: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The webhook-id header of the message: the same on every attempt' }) messageId!: string;
  @ApiProperty({ description: 'The event type (or webhook.ping)' }) type!: string;
  @ApiProperty({ enum: ['scheduled', 'redeliver', 'ping'] }) trigger!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'A 2xx answer; a redirect is a failure (not followed)' }) succeeded!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null when no answer came (refused address, timeout, connection error)' })
  statusCode!: number | null;
  @ApiProperty({ type: 'integer' }) latencyMs!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The first 1 KB of the response body' }) response!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) items!: WebhookDeliveryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!:
    string | null;
}
