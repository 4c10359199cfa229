import type { Notification, NotificationSender } from '@account-ops/engine';
import type { Logger } from 'pino';

/**
 * The API's default notification sender: one structured log line per notification (no
 * personal data: notifications carry ids and amounts). Replace it with a real channel via
 * `createApiApp({ notificationSender })`.
 */
export function logNotificationSender(logger: Logger): NotificationSender {
  return {
    async send(notification: Notification): Promise<void> {
      logger.info({ notification }, 'customer notification');
    },
  };
}
