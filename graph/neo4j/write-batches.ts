import { bundleSize, mergedBundle, referencedIds, type FactsSnapshot } from '../../src/domain/changes.js';
import type { NetworkBundle } from '../../src/domain/model.js';
import type { ChangeGuard } from '../../src/domain/ports/network-store.port.js';
import type { AuditEntry } from '../../src/services/access/domain/access.js';
import { BUMP_STATEMENT } from './change-sequence.js';
import type { Neo4jSessions, OwnChanges } from './sessions.js';
import { Statements } from './statements.js';
import { appendAudit, readFacts, writeChanges } from './write-changes.js';

// Group commit for the network's small writes. While transactions are under way, the writes
// that arrive wait and then go together in one transaction: their facts read in one statement,
// each checked in turn on the facts plus what the ones before it added (so two writes of one
// batch are judged exactly as if one came after the other), and everything kept written in one
// statement, each with its own audit entry and change count. A write its rules refuse gets its
// own error and the others go on; a batch the database refuses as a whole (a constraint) is tried
// write by write, so one cannot fail another. Without load every write goes alone at once.
// Imports (more than SMALL items) always go alone.
//
// One batch is under way at a time as long as batches commit quickly: every transaction costs
// Neo4j the same again (its text index of names alone takes milliseconds per commit), so under
// load fewer, larger batches write the most. A batch still under way after PATIENCE_MS is most
// likely waiting for a record another transaction holds (a town an edit has locked); then
// another batch may start beside it, up to WRITERS, so the writes behind it do not all wait.
// Two batches under way never touch the same stored record (every id a write names or links
// to, which is what the database locks): two batches linking people to the same towns in
// different orders deadlocked in Neo4j, and the driver's retry after a pause made a p99 of a
// second. A write that waits for a record keeps its place before later writes to those records.
// Measured at Germany scale, 10 writers: adding people 375-474 writes/s with one batch at a time
// against 144-248 with four from the start; the mix of adds, edits and ends 38 with one against
// 82 with two.

const WRITERS = 4;
const PATIENCE_MS = 20;
const MOST_PER_BATCH = 64;
const SMALL = 200;

interface Waiting {
  changes: NetworkBundle;
  guard: ChangeGuard;
  audit: AuditEntry | undefined;
  fresh: readonly string[];
  /** The stored records the write touches: ids it names, minus the fresh ones. */
  touches: readonly string[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class WriteBatches {
  private readonly waiting: Waiting[] = [];
  private underWay = 0;
  /** When each batch under way started. */
  private readonly started = new Set<number>();
  private patienceTimer: NodeJS.Timeout | null = null;
  /** Records touched by the batches under way. */
  private readonly held = new Set<string>();

  constructor(
    private readonly sessions: Neo4jSessions,
    private readonly own: OwnChanges,
  ) {}

  commit(changes: NetworkBundle, guard: ChangeGuard, audit?: AuditEntry, fresh: readonly string[] = []): Promise<void> {
    if (bundleSize(changes) > SMALL) return this.alone(changes, guard, audit, fresh);
    return new Promise((resolve, reject) => {
      this.waiting.push({ changes, guard, audit, fresh, touches: touchedRecords(changes, fresh), resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.underWay < WRITERS && this.waiting.length) {
      if (this.underWay > 0 && !this.outOfPatience()) return;
      const batch = this.takeBatch();
      if (!batch.length) return;
      const touched = new Set(batch.flatMap((w) => w.touches));
      for (const id of touched) this.held.add(id);
      const at = performance.now();
      this.started.add(at);
      this.underWay++;
      void this.write(batch).finally(() => {
        for (const id of touched) this.held.delete(id);
        this.started.delete(at);
        this.underWay--;
        this.next();
      });
    }
  }

  /** Whether the newest batch under way has taken PATIENCE_MS; if not, looks again then. */
  private outOfPatience(): boolean {
    const waited = performance.now() - Math.max(...this.started);
    if (waited >= PATIENCE_MS) return true;
    this.patienceTimer ??= setTimeout(() => {
      this.patienceTimer = null;
      this.next();
    }, PATIENCE_MS - waited).unref();
    return false;
  }

  /** The waiting writes that touch no record a batch under way holds, in order. */
  private takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const passedOver = new Set<string>();
    for (let i = 0; i < this.waiting.length && batch.length < MOST_PER_BATCH;) {
      const waiting = this.waiting[i]!;
      if (waiting.touches.some((id) => this.held.has(id) || passedOver.has(id))) {
        for (const id of waiting.touches) passedOver.add(id);
        i++;
      } else batch.push(...this.waiting.splice(i, 1));
    }
    return batch;
  }

  private async write(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [Waiting];
      return this.alone(only.changes, only.guard, only.audit, only.fresh).then(only.resolve, only.reject);
    }
    let refused = new Map<Waiting, unknown>();
    try {
      await this.sessions.write(async (tx) => {
        refused = new Map();
        let facts: FactsSnapshot = await readFacts(
          tx,
          mergedBundle(batch.map((w) => w.changes)),
          batch.flatMap((w) => w.fresh),
        );
        const kept: Waiting[] = [];
        for (const waiting of batch) {
          const trial = facts.copy();
          try {
            waiting.guard(trial);
            facts = trial;
            kept.push(waiting);
          } catch (error) {
            refused.set(waiting, error);
          }
        }
        if (!kept.length) return;
        const statements = writeChanges(new Statements(), mergedBundle(kept.map((w) => w.changes)));
        for (const { audit } of kept)
          if (audit) appendAudit(statements, audit);
          else statements.add(BUMP_STATEMENT);
        await statements.run(tx);
      });
    } catch {
      await Promise.all(batch.map((w) => this.alone(w.changes, w.guard, w.audit, w.fresh).then(w.resolve, w.reject)));
      return;
    }
    for (const waiting of batch) {
      if (refused.has(waiting)) waiting.reject(refused.get(waiting));
      else {
        this.own.counted();
        waiting.resolve();
      }
    }
  }

  private async alone(
    changes: NetworkBundle,
    guard: ChangeGuard,
    audit: AuditEntry | undefined,
    fresh: readonly string[],
  ): Promise<void> {
    await this.sessions.write(async (tx) => {
      const facts = await readFacts(tx, changes, fresh);
      guard(facts);
      const statements = writeChanges(new Statements(), changes);
      await (audit ? appendAudit(statements, audit) : statements.add(BUMP_STATEMENT)).run(tx);
    });
    this.own.counted();
  }
}

function touchedRecords(changes: NetworkBundle, fresh: readonly string[]): string[] {
  const { entityIds, roleIds, linkIds } = referencedIds(changes);
  const known = new Set(fresh);
  return [...entityIds, ...roleIds, ...linkIds].filter((id) => !known.has(id));
}
