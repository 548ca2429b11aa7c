import { PageQueryDto } from '../common/pagination.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/domain.exception.js';
import { ApiErrors, BODY_ERRORS } from '../common/http/api-errors.decorator.js';
import { uuidParam } from '../common/http/api-params.js';
import { type AuthenticatedUser, CurrentUser } from '../common/http/current-user.decorator.js';
import { EntityIdPipe } from '../common/http/entity-id.pipe.js';
import {
  CreatedWebhookDto,
  CreateWebhookDto,
  RotatedSecretDto,
  UpdateWebhookDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookDto,
} from './webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

const ORGANIZATION_ID = new EntityIdPipe('Organization');
const WEBHOOK_ID = new EntityIdPipe('Webhook');
const DELIVERY_ID = new EntityIdPipe('Delivery');

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND, ErrorCode.ROLE_FORBIDDEN)
@ApiParam(uuidParam('id'))
@Controller('organizations/:id/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe an endpoint to event types (admins); the signing secret is in this answer only',
    description: 'The URL is checked now and on every delivery: http/https, and no private, loopback or link-local address.',
  })
  @ApiResponse({ status: 201, type: CreatedWebhookDto })
  @ApiErrors(...BODY_ERRORS)
  create(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateWebhookDto,
  ): Promise<CreatedWebhookDto> {
    return this.webhooks.create(organizationId, user.id, dto);
  }

  @Get()
  @ApiOperation({ summary: "The organization's webhooks (admins), without their secrets" })
  @ApiOkResponse({ type: [WebhookDto] })
  list(@Param('id', ORGANIZATION_ID) organizationId: string, @CurrentUser() user: AuthenticatedUser): Promise<WebhookDto[]> {
    return this.webhooks.list(organizationId, user.id);
  }

  @Get(':webhookId')
  @ApiOperation({ summary: 'One webhook (admins)' })
  @ApiParam(uuidParam('webhookId'))
  @ApiOkResponse({ type: WebhookDto })
  get(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @Param('webhookId', WEBHOOK_ID) webhookId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<WebhookDto> {
    return this.webhooks.get(organizationId, webhookId, user.id);
  }

  @Patch(':webhookId')
  @ApiOperation({ summary: 'Change the URL, event types or description, or pause (enabled: false) and resume it (admins)' })
  @ApiParam(uuidParam('webhookId'))
  @ApiOkResponse({ type: WebhookDto })
  @ApiErrors(...BODY_ERRORS)
  update(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @Param('webhookId', WEBHOOK_ID) webhookId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookDto> {
    return this.webhooks.update(organizationId, webhookId, user.id, dto);
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook with its pending messages and its deliveries (admins)' })
  @ApiParam(uuidParam('webhookId'))
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @Param('webhookId', WEBHOOK_ID) webhookId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.webhooks.remove(organizationId, webhookId, user.id);
  }

  @Post(':webhookId/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A new signing secret (admins), shown in this answer only; the previous one keeps signing beside it for 24 hours',
  })
  @ApiParam(uuidParam('webhookId'))
  @ApiOkResponse({ type: RotatedSecretDto })
  rotate(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @Param('webhookId', WEBHOOK_ID) webhookId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RotatedSecretDto> {
    return this.webhooks.rotateSecret(organizationId, webhookId, user.id);
  }

  @Get(':webhookId/deliveries')
  @ApiOperation({ summary: 'Delivery attempts, newest first, with status, latency and the first 1 KB of each answer (admins)' })
  @ApiParam(uuidParam('webhookId'))
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  deliveries(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @Param('webhookId', WEBHOOK_ID) webhookId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PageQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(organizationId, webhookId, user.id, query);
  }

  @Post(':webhookId/deliveries/:deliveryId/redeliver')
  @ApiOperation({ summary: "Send a delivery's message again, now (same webhook-id); the answer is the new attempt (admins)" })
  @ApiParam(uuidParam('webhookId'))
  @ApiParam(uuidParam('deliveryId'))
  @ApiResponse({ status: 201, type: WebhookDeliveryDto })
  redeliver(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @Param('webhookId', WEBHOOK_ID) webhookId: string,
    @Param('deliveryId', DELIVERY_ID) deliveryId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.redeliver(organizationId, webhookId, deliveryId, user.id);
  }

  @Post(':webhookId/ping')
  @ApiOperation({ summary: 'Send a signed webhook.ping now, once; the answer is the attempt (admins)' })
  @ApiParam(uuidParam('webhookId'))
  @ApiResponse({ status: 201, type: WebhookDeliveryDto })
  ping(
    @Param('id', ORGANIZATION_ID) organizationId: string,
    @Param('webhookId', WEBHOOK_ID) webhookId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.ping(organizationId, webhookId, user.id);
  }
}
