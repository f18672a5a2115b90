import { claimOnce, holdLease, releaseLease, writeStateEntries } from './coordination.js';
import type { Neo4jSessions } from './sessions.js';
import type { CoordinationStore, StateEntry, StateKey } from '../../src/domain/ports/coordination-store.port.js';

// Shared technical state (SharedState nodes), exactly-once claims and leases in Neo4j.

export class Neo4jCoordinationStore implements CoordinationStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async getState<T>(key: StateKey): Promise<T | null> {
    const [record] = await this.sessions.records('MATCH (s:SharedState {key: $key}) RETURN s.value AS value', { key });
    return record ? (JSON.parse(record.get('value') as string) as T) : null;
  }

  async setState(key: StateKey, value: unknown): Promise<void> {
    await this.sessions.write(async (tx) => {
      await tx.run('MERGE (s:SharedState {key: $key}) SET s.value = $value, s.updatedAt = datetime()', {
        key,
        value: JSON.stringify(value),
      });
    });
  }

  async listState<T>(prefix: StateKey): Promise<{ key: StateKey; value: T }[]> {
    const records = await this.sessions.records(
      'MATCH (s:SharedState) WHERE s.key STARTS WITH $prefix RETURN s.key AS key, s.value AS value ORDER BY key',
      { prefix },
    );
    return records.map((r) => ({ key: r.get('key') as StateKey, value: JSON.parse(r.get('value') as string) as T }));
  }

  async deleteState(key: StateKey): Promise<void> {
    await this.sessions.write(async (tx) => {
      await tx.run('MATCH (s:SharedState {key: $key}) DELETE s', { key });
    });
  }

  async holdLease(name: string, holder: string, until: Date, now: Date): Promise<boolean> {
    let held = false;
    await this.sessions.write(async (tx) => void (held = await holdLease(tx, name, holder, until, now)));
    return held;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.sessions.write((tx) => releaseLease(tx, name, holder));
  }

  async claimOnce(key: StateKey, alongside: readonly StateEntry[] = []): Promise<boolean> {
    // A claim alone is one statement: in an auto-commit transaction it takes one round trip fewer
    // (it sits on the chat answer's path: 7.5 instead of 12 ms median here).
    if (alongside.length === 0) return this.sessions.autoCommit((session) => claimOnce(session, key));
    let first = false;
    await this.sessions.write(async (tx) => {
      first = await claimOnce(tx, key);
      if (first && alongside.length) await writeStateEntries(tx, alongside);
    });
    return first;
  }
}
