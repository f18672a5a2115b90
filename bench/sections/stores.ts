import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import type { NetworkBundle } from '../../src/domain/model.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { round } from '../measure.js';

// 6 and 7 of the issue: loading a whole network (the import path: one validated transaction)
// into each store, the embedded store's start-up and memory with that file, and single writes.

export interface LoadRow {
  store: 'embedded' | 'neo4j';
  records: number;
  seconds: number;
  recordsPerSecond: number;
}

export interface EmbeddedRow {
  fileMb: number;
  openMs: number;
  firstReadMs: number;
  rssMb: number;
  singleWritesPerSecond: number;
}

function recordCount(bundle: NetworkBundle): number {
  return (
    bundle.districts.length +
    bundle.municipalities.length +
    bundle.persons.length +
    bundle.alliances.length +
    bundle.institutions.length +
    bundle.topics.length +
    bundle.fundingPrograms.length +
    bundle.roles.length +
    bundle.links.length
  );
}

export async function loadInto(store: GraphStore, kind: LoadRow['store'], bundle: NetworkBundle): Promise<LoadRow> {
  await store.deleteEverything();
  const started = performance.now();
  await new NetworkWriter(store, { kikLimitPerLandkreis: 10 }).apply(bundle, { actor: SYSTEM, action: 'import' });
  const seconds = (performance.now() - started) / 1000;
  const records = recordCount(bundle);
  return { store: kind, records, seconds: round(seconds, 1), recordsPerSecond: Math.round(records / seconds) };
}

/** Seeds a file, then opens it in a fresh process to see start-up time and memory as `npm start` would. */
export async function benchEmbedded(
  bundle: NetworkBundle,
  writes: number,
): Promise<{ load: LoadRow; embedded: EmbeddedRow }> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-embedded-'));
  const store = EmbeddedStore.open(dir);
  const loaded = await loadInto(store, 'embedded', bundle);
  const writer = new NetworkWriter(store, { kikLimitPerLandkreis: 10 });
  const started = performance.now();
  for (let i = 0; i < writes; i++) await writer.addPerson({ name: `Benchmark ${i}` }, SYSTEM);
  const singleWritesPerSecond = Math.round(writes / ((performance.now() - started) / 1000));
  await store.close();
  const probe = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../open-embedded.ts'), dir],
    { encoding: 'utf8' },
  );
  if (probe.status !== 0) throw new Error(`Opening the embedded store failed: ${probe.stderr}`);
  const measured = JSON.parse(probe.stdout) as Omit<EmbeddedRow, 'fileMb' | 'singleWritesPerSecond'>;
  const fileMb = round(statSync(join(dir, 'hub.sqlite')).size / 1e6, 1);
  rmSync(dir, { recursive: true, force: true });
  return { load: loaded, embedded: { ...measured, fileMb, singleWritesPerSecond } };
}

export async function benchNeo4jLoad(uri: string, bundle: NetworkBundle): Promise<LoadRow> {
  const store = await Neo4jStore.connect({ uri });
  try {
    return await loadInto(store, 'neo4j', bundle);
  } finally {
    await store.close();
  }
}
