import type { NotificationSettings } from './notifications.js';

/**
 * Each person's choice of what reaches them where, as a record: a row of notification_settings on
 * the embedded store, (:Person)-[:CHOSE]->(:NotificationSettings) in Neo4j. No record: the defaults.
 */
export interface NotificationSettingsStore {
  notificationSettings(personId: string): Promise<NotificationSettings | null>;
  saveNotificationSettings(personId: string, settings: NotificationSettings): Promise<void>;
  forgetNotificationSettings(personId: string): Promise<void>;
}
