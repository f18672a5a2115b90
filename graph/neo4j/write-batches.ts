import { bundleSize, FactsSnapshot, mergedBundle, referencedIds } from '../../src/domain/changes.js';
import type { NetworkBundle } from '../../src/domain/model.js';
import type { ChangeGuard } from '../../src/domain/ports/network-store.port.js';
import type { AuditEntry } from '../../src/services/access/domain/access.js';
import { BUMP_STATEMENT } from './change-sequence.js';
import type { Neo4jSessions, OwnChanges } from './sessions.js';
import { Statements } from './statements.js';
import { appendAudit, needsFacts, readFacts, writeChanges } from './write-changes.js';

// Group commit for the network's small writes. While transactions are under way, the writes
// that arrive wait and then go together in one transaction: their facts read in one statement,
// each checked in turn on the facts plus what the ones before it added (so two writes of one
// batch are judged exactly as if one came after the other), and everything kept written in one
// statement, each with its own audit entry and change count. A write its rules refuse gets its
// own error and the others go on; a batch the database refuses as a whole (a constraint) is tried
// write by write, so one cannot fail another. Without load every write goes alone at once.
// Imports (more than SMALL items) always go alone. A batch of new records only (nothing stored to
// read first) is one statement in a transaction of its own: one round trip.
//
// Under load, fewer and larger batches write the most (every transaction costs Neo4j and the
// driver the same again), so a second batch starts beside the first only once the newest one has
// been under way PATIENCE_MS. Batches that touch stored records may be waiting for a record
// another transaction holds (a town an edit has locked): up to WRITERS of them run at once, so
// the writes behind do not all wait; batches of new records wait for no lock, and more than
// NEW_ONLY_WRITERS of them would only split them up. Two batches under way never touch the same
// stored record (every id a write names or links to, which is what the database locks): two
// batches linking people to the same towns in different orders deadlocked in Neo4j, and the
// driver's retry after a pause made a p99 of a second. A write that waits for a record keeps its
// place before later writes to those records.
// Measured at Germany scale, 10 writers, without the text index of names (see migration 24):
// adding people 505-905 writes/s with two batches after 10 ms against 290-593 with four or two
// from the start; the mix of adds, links, edits and ends 168 with four against 67 with two.

const WRITERS = 4;
const PATIENCE_MS = 10;
const NEW_ONLY_WRITERS = 2;
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
    if (bundleSize(changes) > SMALL)
      return new Promise((resolve, reject) => {
        void this.write([{ changes, guard, audit, fresh, touches: [], resolve, reject }]);
      });
    return new Promise((resolve, reject) => {
      this.waiting.push({ changes, guard, audit, fresh, touches: touchedRecords(changes, fresh), resolve, reject });
      this.next();
    });
  }

  private next(): void {
    // Batches of new records only cannot be waiting for a lock: more of them at once would only
    // split them up.
    while (this.underWay < (this.held.size > 0 ? WRITERS : NEW_ONLY_WRITERS) && this.waiting.length) {
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
    let refused: Map<Waiting, unknown>;
    try {
      refused = await this.writeTogether(batch);
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else await Promise.all(batch.map((w) => this.write([w])));
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

  /**
   * The batch in one transaction; answers the writes its rules refused, with their errors. Writes
   * that name no stored record (new records only) have no facts to read: they go as one statement
   * in a transaction of its own, one round trip.
   */
  private async writeTogether(batch: Waiting[]): Promise<Map<Waiting, unknown>> {
    const changes = batch.length === 1 ? batch[0]!.changes : mergedBundle(batch.map((w) => w.changes));
    const fresh = batch.flatMap((w) => w.fresh);
    if (!needsFacts(changes, fresh)) {
      const { refused, statements } = judged(batch, new FactsSnapshot([], [], [], []));
      const one = statements?.asOne();
      if (one) await this.sessions.writeStatement(one.query, one.params);
      else if (statements) await this.sessions.write((tx) => statements.run(tx));
      return refused;
    }
    return this.sessions.write(async (tx) => {
      const { refused, statements } = judged(batch, await readFacts(tx, changes, fresh));
      if (statements) await statements.run(tx);
      return refused;
    });
  }
}

/**
 * Each write checked in turn on the facts plus what the ones before it added, as if one came
 * after the other; the statements for those kept (null if none), each with its audit entry.
 */
function judged(
  batch: Waiting[],
  read: FactsSnapshot,
): { refused: Map<Waiting, unknown>; statements: Statements | null } {
  let facts = read;
  const refused = new Map<Waiting, unknown>();
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
  if (!kept.length) return { refused, statements: null };
  const statements = writeChanges(
    new Statements(),
    kept.length === 1 ? kept[0]!.changes : mergedBundle(kept.map((w) => w.changes)),
  );
  for (const { audit } of kept)
    if (audit) appendAudit(statements, audit);
    else statements.add(BUMP_STATEMENT);
  return { refused, statements };
}

function touchedRecords(changes: NetworkBundle, fresh: readonly string[]): string[] {
  const { entityIds, roleIds, linkIds } = referencedIds(changes);
  const known = new Set(fresh);
  return [...entityIds, ...roleIds, ...linkIds].filter((id) => !known.has(id));
}
