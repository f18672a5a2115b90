import type Database from 'better-sqlite3';
import * as stateRows from './state-rows.js';
import type { CoordinationStore, StateEntry, StateKey } from '../../src/domain/ports/coordination-store.port.js';

// What lets work happen once: claims (each key once) and leases (one holder at a time, renewed,
// taken over when it runs out), kept in the `claims` and `state` tables.

function claimOnce(db: Database.Database, key: string): boolean {
  return (
    db
      .prepare('INSERT INTO claims (key, claimed_at) VALUES (?, ?) ON CONFLICT(key) DO NOTHING')
      .run(key, new Date().toISOString()).changes === 1
  );
}

function holdLease(db: Database.Database, name: string, holder: string, until: Date, now: Date): boolean {
  const key = `lease:${name}`;
  return db
    .transaction(() => {
      const row = db.prepare('SELECT value FROM state WHERE key = ?').get(key) as { value: string } | undefined;
      const lease = row ? (JSON.parse(row.value) as { holder: string; until: string }) : null;
      if (lease && lease.holder !== holder && Date.parse(lease.until) > now.getTime()) return false;
      db.prepare(
        'INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      ).run(key, JSON.stringify({ holder, until: until.toISOString() }), now.toISOString());
      return true;
    })
    .immediate();
}

function releaseLease(db: Database.Database, name: string, holder: string): void {
  db.prepare("DELETE FROM state WHERE key = ? AND json_extract(value, '$.holder') = ?").run(`lease:${name}`, holder);
}

/** Shared technical state, claims and leases in SQLite. */
export class EmbeddedCoordinationStore implements CoordinationStore {
  constructor(private readonly db: Database.Database) {}

  async getState<T>(key: StateKey): Promise<T | null> {
    return stateRows.getState<T>(this.db, key);
  }

  async setState(key: StateKey, value: unknown): Promise<void> {
    stateRows.setState(this.db, key, value);
  }

  async listState<T>(prefix: StateKey): Promise<{ key: StateKey; value: T }[]> {
    return stateRows.listState<T>(this.db, prefix) as { key: StateKey; value: T }[];
  }

  async deleteState(key: StateKey): Promise<void> {
    stateRows.deleteState(this.db, key);
  }

  async holdLease(name: string, holder: string, until: Date, now: Date): Promise<boolean> {
    return holdLease(this.db, name, holder, until, now);
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    releaseLease(this.db, name, holder);
  }

  async claimOnce(key: StateKey, alongside: readonly StateEntry[] = []): Promise<boolean> {
    return this.db.transaction(() => {
      const first = claimOnce(this.db, key);
      if (first) for (const entry of alongside) stateRows.setState(this.db, entry.key, entry.value);
      return first;
    })();
  }
}
