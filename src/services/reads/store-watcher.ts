import type { NetworkWriteStore } from '../../domain/ports/graph-store.port.js';
import type { NetworkEvents } from './network-events.js';

// A running hub's eye on writes it did not make: the import and seed commands, a second
// instance without Redis, a hand edit in Neo4j followed by `npm run refresh`. The store's change
// counter moves with every network write; what this process did not write itself means the
// caches, the collaboration graph and the name index are stale, so the hub announces a
// 'storeChanged' event and every reader reloads. Redis still pushes changes at once; this is the
// safety net that needs nothing but the store.

const STORE_CHANGED = 'storeChanged';

export class StoreWatcher {
  /** The counter minus this process's own writes, as last seen; null before the first look. */
  private foreignBase: number | null = null;

  constructor(
    private readonly store: { readonly writes: NetworkWriteStore },
    private readonly events: NetworkEvents,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Looks once; true when another writer changed the network since the last look. */
  async check(): Promise<boolean> {
    const sequence = await this.store.writes.changeSequence();
    const foreign = sequence - this.store.writes.ownChanges();
    if (this.foreignBase === null || foreign === this.foreignBase) {
      this.foreignBase = foreign;
      return false;
    }
    this.foreignBase = foreign;
    // Local only: every instance looks at the store itself.
    this.events.receive({ action: STORE_CHANGED, subjectIds: [], at: this.now().toISOString() });
    return true;
  }
}
