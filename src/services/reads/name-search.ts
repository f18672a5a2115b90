import type { Entity, EntityKind } from '../../domain/model.js';
import { nameKey } from '../../domain/names.js';
import type { EntityName, GraphStore } from '../../domain/ports/graph-store.port.js';
import type { NetworkEvents } from './network-events.js';

// Searching names answered from memory: the id, kind and name of every entity that has not ended,
// read once and kept in name order, following the changes this instance hears of (a change that
// does not say what it touched reloads them). Neo4j would otherwise need a text index of names,
// which cost every transaction that adds or renames a record milliseconds of its CPU; at Germany
// scale the names are a few megabytes. A search waits until the names it holds have caught up
// with every change announced before it, so whoever wrote something finds it right away.

interface Entry extends EntityName {
  key: string;
}

const byNameThenId = (a: Entry, b: Entry) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const entryOf = (e: EntityName): Entry => ({ id: e.id, kind: e.kind, name: e.name, key: nameKey(e.name) });

export class NameSearch {
  /** Ordered by name, then id (as searches answer); null until first read. */
  private sorted: Entry[] | null = null;
  private readonly byId = new Map<string, Entry>();
  private stale = true;
  /** Entities a change touched since the names were last brought up to date. */
  private readonly pending = new Set<string>();
  private catchingUp: Promise<void> | null = null;

  constructor(
    private readonly store: GraphStore,
    events: NetworkEvents,
  ) {
    events.subscribe((change) => {
      if (!change.touched) this.stale = true;
      else for (const id of change.touched.entityIds) this.pending.add(id);
    });
  }

  async search(text: string, kinds: readonly EntityKind[] | null, limit: number): Promise<Entity[]> {
    const key = nameKey(text);
    if (!key || limit < 1) return [];
    const wanted = kinds ? new Set(kinds) : null;
    const exact: Entry[] = [];
    const prefix: Entry[] = [];
    const inside: Entry[] = [];
    for (const entry of await this.current()) {
      if (wanted && !wanted.has(entry.kind)) continue;
      const at = entry.key.indexOf(key);
      if (at < 0) continue;
      if (at > 0) {
        if (inside.length < limit) inside.push(entry);
      } else if (entry.key.length === key.length) exact.push(entry);
      else prefix.push(entry);
    }
    const ids = [...exact, ...prefix, ...inside].slice(0, limit).map((e) => e.id);
    const entities = await this.store.entitiesByIds(ids);
    return entities.filter((e): e is Entity => e !== null && !e.until);
  }

  /** The names, caught up with every change announced so far. */
  private async current(): Promise<Entry[]> {
    for (;;) {
      if (this.catchingUp) await this.catchingUp;
      else if (this.stale || this.pending.size)
        this.catchingUp = this.catchUp().finally(() => (this.catchingUp = null));
      else return this.sorted!;
    }
  }

  private async catchUp(): Promise<void> {
    if (this.stale) {
      this.stale = false;
      this.pending.clear();
      try {
        const names = await this.store.entityNames();
        this.byId.clear();
        for (const name of names) this.byId.set(name.id, entryOf(name));
        this.sorted = [...this.byId.values()].sort(byNameThenId);
      } catch (error) {
        this.stale = true;
        throw error;
      }
      return;
    }
    const ids = [...this.pending];
    this.pending.clear();
    let found: (Entity | null)[];
    try {
      found = await this.store.entitiesByIds(ids);
    } catch (error) {
      for (const id of ids) this.pending.add(id);
      throw error;
    }
    ids.forEach((id, i) => {
      const entity = found[i];
      this.remove(id);
      if (entity && !entity.until) this.insert(entryOf(entity));
    });
  }

  private remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    this.sorted!.splice(this.indexFor(old), 1);
  }

  private insert(entry: Entry): void {
    this.byId.set(entry.id, entry);
    this.sorted!.splice(this.indexFor(entry), 0, entry);
  }

  /** Where the entry is, or would go, in name order. */
  private indexFor(entry: Entry): number {
    let low = 0;
    let high = this.sorted!.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (byNameThenId(this.sorted![middle]!, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
