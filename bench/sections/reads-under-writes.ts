import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import type { NetworkBundle } from '../../src/domain/model.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { createServices } from '../../src/services/hub-services.js';
import { load, round, summarize, type LoadResult, type Timing } from '../measure.js';
import type { QueryParams } from '../queries.js';
import { startServer } from './graphql.js';
import { hubDialect, MixWriter } from '../write-mix.js';
import { loadInto } from './stores.js';

// Issue 20, "reads under writes": the hub on each store, read by autocannon while a steady
// write load (1 write/s: people added, towns updated, links added and ended) changes the network;
// the same reads without writes; the first read right after a write; the server's resident
// memory over the run and after 100 writes.

export interface UnderWritesRow {
  store: 'embedded' | 'neo4j';
  query: string;
  quiet: LoadResult;
  underWrites: LoadResult;
  writesDuring: number;
}

export interface AfterWriteRow {
  store: 'embedded' | 'neo4j';
  firstReadAfterWrite: Timing;
  writes: number;
  rssMbMax: number;
  rssMbAfter100Writes: number;
}

const QUERIES = (p: QueryParams) => [
  {
    name: 'network(districtAgs)',
    query: `{ network(districtAgs: "${p.districtAgs}") { nodes { id label type } edges { source target type weight } } }`,
  },
  {
    name: 'contacts',
    query: `{ contacts(municipality: "${p.municipality}", topic: "${p.topic}") { role person { name } alliance { name } institution { name } } }`,
  },
];

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024, 0);
}

/** What the writes refer to: towns of the district (changed and linked) and an admin's token. */
export async function prepare(store: GraphStore, districtAgs: string) {
  const [towns] = await store.municipalitiesOfDistricts([districtAgs]);
  const [coordination] = await store.rolesInScopes([`district:${districtAgs}`]);
  const services = createServices(store, { rules: { kikLimitPerLandkreis: 10 } });
  const { secret } = await services.access.create(
    { personId: coordination![0]!.personId, access: 'ADMIN', label: 'reads under writes' },
    SYSTEM,
  );
  return { towns: towns!.map((t) => t.id), secret };
}

async function measure(
  kind: 'embedded' | 'neo4j',
  target: string,
  prepared: { towns: string[]; secret: string },
  params: QueryParams,
  options: { connections: number; seconds: number; runs: number },
): Promise<{ rows: UnderWritesRow[]; after: AfterWriteRow }> {
  const server = await startServer(kind === 'embedded' ? 'hub-embedded' : 'hub', target, params);
  const pid = server.child.pid!;
  let rssMbMax = rssMb(pid);
  const sampler = setInterval(() => (rssMbMax = Math.max(rssMbMax, rssMb(pid))), 500);
  try {
    const headers = { authorization: `Bearer ${prepared.secret}` };
    const writer = new MixWriter(server.url, headers, prepared.towns, hubDialect);
    const rows: UnderWritesRow[] = [];
    for (const { name, query } of QUERIES(params)) {
      const body = JSON.stringify({ query });
      const quiet = await load(server.url, body, { ...options, headers });
      const before = writer.count;
      // One write a second, each after the one before (a slow write delays the next, never overlaps it).
      let writes = Promise.resolve();
      const ticking = setInterval(() => (writes = writes.then(() => writer.write())), 1000);
      const underWrites = await load(server.url, body, { ...options, headers }).finally(() => clearInterval(ticking));
      await writes;
      rows.push({ store: kind, query: name, quiet, underWrites, writesDuring: writer.count - before });
    }
    const network = JSON.stringify({ query: QUERIES(params)[0]!.query });
    const samples: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      await writer.write();
      const started = performance.now();
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: network,
      });
      await response.json();
      samples.push(performance.now() - started);
    }
    while (writer.count < 100) await writer.write();
    await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: network,
    });
    const rssMbAfter100Writes = rssMb(pid);
    return {
      rows,
      after: {
        store: kind,
        firstReadAfterWrite: summarize(samples),
        writes: writer.count,
        rssMbMax: Math.max(rssMbMax, rssMbAfter100Writes),
        rssMbAfter100Writes,
      },
    };
  } finally {
    clearInterval(sampler);
    server.child.kill();
  }
}

export async function benchReadsUnderWrites(
  uri: string,
  bundle: NetworkBundle,
  params: QueryParams,
  options: { connections: number; seconds: number; runs: number },
): Promise<{ rows: UnderWritesRow[]; after: AfterWriteRow[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-under-writes-'));
  try {
    const embedded = EmbeddedStore.open(dir);
    await loadInto(embedded, 'embedded', bundle);
    const embeddedPrepared = await prepare(embedded, params.districtAgs);
    await embedded.close();
    const onEmbedded = await measure('embedded', dir, embeddedPrepared, params, options);

    const neo4jStore = await Neo4jStore.connect({ uri });
    const neo4jPrepared = await prepare(neo4jStore, params.districtAgs).finally(() => neo4jStore.close());
    const onNeo4j = await measure('neo4j', uri, neo4jPrepared, params, options);
    return { rows: [...onEmbedded.rows, ...onNeo4j.rows], after: [onEmbedded.after, onNeo4j.after] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
