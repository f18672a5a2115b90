import type { ManagedTransaction } from 'neo4j-driver';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from '../domain/notifications.js';
import type { NotificationSettingsStore } from '../domain/notification-settings-store.port.js';
import type { Neo4jSessions } from '../../../../graph/neo4j/sessions.js';

// Notification settings in Neo4j: (:Person)-[:CHOSE]->(:NotificationSettings {personId, email,
// chat, digest, mutedKinds}) for each person who changed the defaults.

async function writeNotificationSettings(
  tx: ManagedTransaction,
  personId: string,
  settings: NotificationSettings,
): Promise<void> {
  await tx.run(
    `MERGE (s:NotificationSettings {personId: $personId})
     SET s += $settings
     WITH s
     OPTIONAL MATCH (p:Entity {id: $personId})
     FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (p)-[:CHOSE]->(s))`,
    { personId, settings: { ...settings, mutedKinds: [...settings.mutedKinds] } },
  );
}

export class Neo4jNotificationSettingsStore implements NotificationSettingsStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async notificationSettings(personId: string): Promise<NotificationSettings | null> {
    const result = await this.sessions.read((tx) =>
      tx.run('MATCH (s:NotificationSettings {personId: $personId}) RETURN s', { personId }),
    );
    const s = (result.records[0]?.get('s') as { properties: Record<string, unknown> } | undefined)?.properties;
    if (!s) return null;
    return {
      email: (s.email as NotificationSettings['email'] | undefined) ?? DEFAULT_NOTIFICATION_SETTINGS.email,
      chat: s.chat !== false,
      digest: (s.digest as NotificationSettings['digest'] | undefined) ?? DEFAULT_NOTIFICATION_SETTINGS.digest,
      mutedKinds: (s.mutedKinds as NotificationSettings['mutedKinds'] | undefined) ?? [],
    };
  }

  async saveNotificationSettings(personId: string, settings: NotificationSettings): Promise<void> {
    await this.sessions.write((tx) => writeNotificationSettings(tx, personId, settings));
  }

  async forgetNotificationSettings(personId: string): Promise<void> {
    await this.sessions.write((tx) =>
      tx.run('MATCH (s:NotificationSettings {personId: $personId}) DETACH DELETE s', { personId }),
    );
  }
}

/** Migration: settings kept as shared state (JSON) become records. */
export async function moveNotificationSettingsOutOfState(tx: ManagedTransaction): Promise<void> {
  const state = await tx.run(
    "MATCH (s:SharedState) WHERE s.key STARTS WITH 'notification-settings:' RETURN s.key AS key, s.value AS value",
  );
  for (const r of state.records) {
    const settings = { ...DEFAULT_NOTIFICATION_SETTINGS, ...(JSON.parse(r.get('value') as string) as object) };
    await writeNotificationSettings(tx, (r.get('key') as string).slice('notification-settings:'.length), settings);
  }
  await tx.run("MATCH (s:SharedState) WHERE s.key STARTS WITH 'notification-settings:' DELETE s");
}
