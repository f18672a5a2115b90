import type { ManagedTransaction, Session } from 'neo4j-driver';
import type { StateEntry } from '../../src/domain/ports/coordination-store.port.js';

// What lets several hub instances share work: claims (each key once) and leases (one holder at a
// time, renewed, taken over when it runs out). Each runs in the caller's write transaction.

export async function claimOnce(tx: ManagedTransaction | Session, key: string): Promise<boolean> {
  // The unique constraint on Claim.key makes concurrent MERGEs of one key create one node.
  const result = await tx.run(
    'MERGE (c:Claim {key: $key}) ON CREATE SET c.claimedAt = datetime(), c.fresh = true WITH c, c.fresh AS fresh REMOVE c.fresh RETURN fresh',
    { key },
  );
  return result.records[0]?.get('fresh') === true;
}

export async function holdLease(
  tx: ManagedTransaction,
  name: string,
  holder: string,
  until: Date,
  now: Date,
): Promise<boolean> {
  // The first SET write-locks the lease, so the holder is read after any concurrent change.
  const result = await tx.run(
    `MERGE (l:Lease {key: $name}) ON CREATE SET l.holder = $holder, l.until = $until
     SET l.checkedAt = $now
     WITH l, (l.holder = $holder OR l.until <= $now) AS free
     SET l.holder = CASE WHEN free THEN $holder ELSE l.holder END, l.until = CASE WHEN free THEN $until ELSE l.until END
     RETURN free`,
    { name, holder, until: until.toISOString(), now: now.toISOString() },
  );
  return result.records[0]?.get('free') === true;
}

export async function releaseLease(tx: ManagedTransaction, name: string, holder: string): Promise<void> {
  await tx.run('MATCH (l:Lease {key: $name, holder: $holder}) DELETE l', { name, holder });
}

/** Shared state written inside another write's transaction (the notices of a change). */
export async function writeStateEntries(tx: ManagedTransaction, entries: readonly StateEntry[]): Promise<void> {
  await tx.run(
    'UNWIND $entries AS e MERGE (s:SharedState {key: e.key}) SET s.value = e.value, s.updatedAt = datetime()',
    { entries: entries.map((e) => ({ key: e.key, value: JSON.stringify(e.value) })) },
  );
}
