// The public entry of webhooks: what other features use of it (to publish messages in their own transactions).
export { WebhooksModule } from './webhooks.module.js';
export { WebhookOutbox } from './webhook-outbox.js';
export { WebhookEndpointEntity, WebhookEventEntity, WebhookMessageEntity, WebhookDeliveryEntity } from './webhook.entities.js';
export type { NewMessage } from './webhook-events.js';
