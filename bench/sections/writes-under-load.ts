import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import type { NetworkBundle } from '../../src/domain/model.js';
import { round, summarize } from '../measure.js';
import type { QueryParams } from '../queries.js';
import { hubDialect, MixWriter, rawDialect, referenceDialect, type WriteDialect } from '../write-mix.js';
import { startServer } from './graphql.js';
import { prepare } from './reads-under-writes.js';
import { loadInto } from './stores.js';

// Issue 37, "writes under load": every server under the same number of connections, each one a
// writer going through the mix (add a person, update a town, add a link, end it) for the same
// time; throughput and latency of every write. The hub on Neo4j beside raw Cypher and the Neo4j
// GraphQL Library on the same Neo4j, and the hub on its embedded store.

export interface WritesUnderLoadRow {
  server: 'hub (Neo4j)' | 'Neo4j GraphQL Library (reference)' | 'raw Cypher' | 'hub (embedded store)';
  writesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  writes: number;
  errors: number;
  firstError: string | null;
}

const TAG = 'Schreiblast';

async function drive(
  server: WritesUnderLoadRow['server'],
  url: string,
  headers: Record<string, string>,
  towns: readonly string[],
  dialect: WriteDialect,
  options: { connections: number; seconds: number },
): Promise<WritesUnderLoadRow> {
  // Each writer starts at another town, so writers do not queue on one town's record.
  const writers = Array.from(
    { length: options.connections },
    (_, i) => new MixWriter(url, headers, [...towns.slice(i * 3), ...towns.slice(0, i * 3)], dialect, `${TAG} ${i}`),
  );
  // One whole round first: a server that cannot do the mix is reported, never timed.
  const check = new MixWriter(url, headers, towns, dialect, `${TAG} check`);
  for (let i = 0; i < 4; i++) await check.write();
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  await Promise.all(
    writers.map(async (writer) => {
      while (performance.now() < until) {
        try {
          await writer.write();
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message.slice(0, 200);
          return;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const latencies = writers.flatMap((w) => w.latenciesMs);
  const timing = summarize(latencies);
  return {
    server,
    writesPerSecond: round(latencies.length / seconds, 0),
    p50Ms: timing.medianMs,
    p99Ms: timing.p99Ms,
    writes: latencies.length,
    errors,
    firstError,
  };
}

/** The load's people (and with them their links) would otherwise weigh on later measurements. */
async function removeLoadPeople(uri: string): Promise<void> {
  const driver = neo4j.driver(uri);
  const session = driver.session();
  try {
    await session.run(
      `MATCH (p:Person) WHERE p.name STARTS WITH '${TAG}' CALL (p) { DETACH DELETE p } IN TRANSACTIONS OF 5000 ROWS`,
    );
  } finally {
    await session.close();
    await driver.close();
  }
}

export async function benchWritesUnderLoad(
  uri: string,
  bundle: NetworkBundle,
  params: QueryParams,
  options: { connections: number; seconds: number },
): Promise<WritesUnderLoadRow[]> {
  const rows: WritesUnderLoadRow[] = [];
  const neo4jStore = await Neo4jStore.connect({ uri });
  const prepared = await prepare(neo4jStore, params.districtAgs).finally(() => neo4jStore.close());
  try {
    const servers = [
      { kind: 'hub', server: 'hub (Neo4j)', dialect: hubDialect },
      { kind: 'raw', server: 'raw Cypher', dialect: rawDialect },
      { kind: 'reference', server: 'Neo4j GraphQL Library (reference)', dialect: referenceDialect },
    ] as const;
    for (const { kind, server, dialect } of servers) {
      const running = await startServer(kind, uri, params);
      try {
        const headers: Record<string, string> = kind === 'hub' ? { authorization: `Bearer ${prepared.secret}` } : {};
        rows.push(await drive(server, running.url, headers, prepared.towns, dialect, options));
      } finally {
        running.child.kill('SIGKILL');
      }
    }
  } finally {
    await removeLoadPeople(uri);
  }

  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-writes-'));
  try {
    const embedded = EmbeddedStore.open(dir);
    await loadInto(embedded, 'embedded', bundle);
    const onEmbedded = await prepare(embedded, params.districtAgs);
    await embedded.close();
    const running = await startServer('hub-embedded', dir, params);
    try {
      const headers = { authorization: `Bearer ${onEmbedded.secret}` };
      rows.push(await drive('hub (embedded store)', running.url, headers, onEmbedded.towns, hubDialect, options));
    } finally {
      running.child.kill('SIGKILL');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const row of rows)
    console.log(`  ${row.server}: ${row.writesPerSecond} writes/s, p50 ${row.p50Ms} / p99 ${row.p99Ms} ms`);
  return rows;
}
