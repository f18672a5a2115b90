import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';

// The two adapters, as the contract and service tests open them.

export interface StoreFactory {
  name: 'embedded' | 'neo4j';
  /** An empty store; close it with dispose(). */
  open(): Promise<{ store: GraphStore; dispose(): Promise<void> }>;
}

export const storeFactories: StoreFactory[] = [
  {
    name: 'embedded',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'hub-store-'));
      const store = EmbeddedStore.open(dir);
      return {
        store,
        async dispose() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'neo4j',
    async open() {
      const store = await Neo4jStore.connect({ uri: inject('neo4jUri') });
      await store.deleteEverything();
      return { store, dispose: () => store.close() };
    },
  },
];
