import type Database from 'better-sqlite3';
import type { NotificationSettings } from '../domain/notifications.js';
import type { NotificationSettingsStore } from '../domain/notification-settings-store.port.js';

// Notification settings in SQLite: one row per person who changed the defaults.

interface SettingsRow {
  email: NotificationSettings['email'];
  chat: number;
  digest: NotificationSettings['digest'];
  muted_kinds: string;
}

function writeNotificationSettings(db: Database.Database, personId: string, s: NotificationSettings): void {
  db.prepare(
    `INSERT INTO notification_settings (person_id, email, chat, digest, muted_kinds) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(person_id) DO UPDATE SET email = excluded.email, chat = excluded.chat, digest = excluded.digest,
       muted_kinds = excluded.muted_kinds`,
  ).run(personId, s.email, s.chat ? 1 : 0, s.digest, s.mutedKinds.join(','));
}

export class EmbeddedNotificationSettingsStore implements NotificationSettingsStore {
  constructor(private readonly db: Database.Database) {}

  async notificationSettings(personId: string): Promise<NotificationSettings | null> {
    const row = this.db.prepare('SELECT * FROM notification_settings WHERE person_id = ?').get(personId) as
      SettingsRow | undefined;
    if (!row) return null;
    return {
      email: row.email,
      chat: row.chat === 1,
      digest: row.digest,
      mutedKinds: (row.muted_kinds ? row.muted_kinds.split(',') : []) as NotificationSettings['mutedKinds'],
    };
  }

  async saveNotificationSettings(personId: string, settings: NotificationSettings): Promise<void> {
    writeNotificationSettings(this.db, personId, settings);
  }

  async forgetNotificationSettings(personId: string): Promise<void> {
    this.db.prepare('DELETE FROM notification_settings WHERE person_id = ?').run(personId);
  }
}
