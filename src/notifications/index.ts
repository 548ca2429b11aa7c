// The public entry of notifications: what other features use of it.
export { NotificationsModule } from './notifications.module.js';
export { NotificationsService, type NewNotification } from './notifications.service.js';
export { NotificationEntity } from './notification.entity.js';
export { NotificationPreferencesEntity } from './notification-preferences.entity.js';
