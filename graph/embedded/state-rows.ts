import type Database from 'better-sqlite3';

// Small shared state as JSON values by key (chat links, preferences, outbox entries).

export function getState<T>(db: Database.Database, key: string): T | null {
  const row = db.prepare('SELECT value FROM state WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}

export function setState(db: Database.Database, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(key, JSON.stringify(value), new Date().toISOString());
}

export function listState<T>(db: Database.Database, prefix: string): { key: string; value: T }[] {
  const rows = db
    .prepare('SELECT key, value FROM state WHERE key >= ? AND key < ? ORDER BY key')
    .all(prefix, `${prefix}\uffff`) as { key: string; value: string }[];
  return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T }));
}

export function deleteState(db: Database.Database, key: string): void {
  db.prepare('DELETE FROM state WHERE key = ?').run(key);
}
