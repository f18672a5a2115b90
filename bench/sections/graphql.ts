import { readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { freePort } from '../../graph/neo4j/server/launch.js';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { createServices } from '../../src/services/hub-services.js';
import { createHubYoga } from '../../src/server/yoga.js';
import { countingStore } from '../../test/support/counting-store.js';
import { load, round, type LoadResult } from '../measure.js';
import { QUERIES, type QueryParams } from '../queries.js';

// 1 and 2 of the issue: the hub, the Neo4j GraphQL Library and raw Cypher, each in its own
// process on the same Neo4j, under the same load; plus the hub's database round trips per request.

export interface GraphqlRow {
  query: string;
  hub: LoadResult;
  reference: LoadResult | null;
  referenceError: string | null;
  raw: LoadResult;
  hubRoundTrips: number;
  hubPerRaw: number;
  hubPerReference: number | null;
}

type Kind = 'hub' | 'reference' | 'raw';

/** The heap sizes package.json's start script gives the hub (HUB_MAX_HEAP_MB, 1024 by default). */
function hubHeapFlags(): string[] {
  const start = (
    JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start;
  const flags = start.match(/--max-(old|semi)-space-size=\S+/g) ?? [];
  if (!flags.length) throw new Error('package.json: the start script no longer sets the heap limit');
  return flags.map((flag) =>
    flag.replace(/\$\{HUB_MAX_HEAP_MB:-(\d+)\}/, (_all, fallback: string) => process.env.HUB_MAX_HEAP_MB ?? fallback),
  );
}

/** Starts one server process; `target` is the Neo4j URI (or, for hub-embedded, the store's folder). */
export async function startServer(
  kind: Kind | 'hub-embedded',
  target: string,
  params: QueryParams,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // The hub runs with the heap limit `npm start` gives it, so its memory is measured as users run it.
  const heap = kind === 'hub' || kind === 'hub-embedded' ? hubHeapFlags() : [];
  const child = spawn(
    process.execPath,
    [...heap, '--import', 'tsx', join(import.meta.dirname, '../serve.ts'), kind, String(port), target],
    {
      env: { ...process.env, BENCH_PARAMS: JSON.stringify(params) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line === 'ready' && resolve());
    child.once('exit', (code) => reject(new Error(`the ${kind} server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/graphql`, child };
}

function bodyFor(kind: Kind, query: (typeof QUERIES)[number], params: QueryParams): string {
  if (kind === 'raw') return JSON.stringify({ operationName: query.name });
  return JSON.stringify({ query: kind === 'hub' ? query.hub(params) : query.reference(params) });
}

/** One request first: a server that answers with errors is reported, never timed as if it worked. */
async function check(url: string, body: string, headers: Record<string, string>): Promise<string | null> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const json = (await response.json().catch(() => null)) as { data?: unknown; errors?: { message: string }[] } | null;
  if (!response.ok || !json || json.errors?.length || json.data === null || json.data === undefined)
    return json?.errors?.[0]?.message ?? `HTTP ${response.status}`;
  return null;
}

export async function benchGraphql(
  uri: string,
  params: QueryParams,
  options: { connections: number; seconds: number },
): Promise<GraphqlRow[]> {
  const store = await Neo4jStore.connect({ uri });
  const { secret } = await createServices(store, { rules: { kikLimitPerLandkreis: 10 } }).access.create(
    { personId: await firstPerson(store), access: 'ADMIN', label: 'benchmark' },
    SYSTEM,
  );
  const hubHeaders = { authorization: `Bearer ${secret}` };
  const roundTrips = await hubRoundTrips(store, params, hubHeaders);
  await store.close();

  const servers = {} as Record<Kind, { url: string; child: ChildProcess }>;
  for (const kind of ['hub', 'reference', 'raw'] as const) servers[kind] = await startServer(kind, uri, params);
  const rows: GraphqlRow[] = [];
  try {
    for (const query of QUERIES) {
      const results = {} as Record<Kind, LoadResult | null>;
      let referenceError: string | null = null;
      for (const kind of ['hub', 'reference', 'raw'] as const) {
        const headers = kind === 'hub' ? hubHeaders : {};
        const body = bodyFor(kind, query, params);
        const problem = await check(servers[kind].url, body, headers);
        if (problem && kind === 'reference') {
          referenceError = problem.slice(0, 200);
          results[kind] = null;
          continue;
        }
        if (problem) throw new Error(`The ${kind} server fails "${query.name}": ${problem}`);
        results[kind] = await load(servers[kind].url, body, { ...options, headers });
      }
      const hub = results.hub!;
      rows.push({
        query: query.name,
        hub,
        reference: results.reference,
        referenceError,
        raw: results.raw!,
        hubRoundTrips: roundTrips.get(query.name) ?? 0,
        hubPerRaw: round(hub.requestsPerSecond / Math.max(1, results.raw!.requestsPerSecond)),
        hubPerReference: results.reference
          ? round(hub.requestsPerSecond / Math.max(1, results.reference.requestsPerSecond))
          : null,
      });
      console.log(
        `  ${query.name}: hub ${hub.requestsPerSecond}/s, reference ${results.reference?.requestsPerSecond ?? '-'}/s, raw ${results.raw!.requestsPerSecond}/s`,
      );
    }
  } finally {
    for (const { child } of Object.values(servers)) child.kill('SIGKILL');
    await removeBenchmarkPeople(uri);
  }
  return rows;
}

/** Store calls per request, on a warm hub (the graph and name caches built). */
async function hubRoundTrips(
  store: Neo4jStore,
  params: QueryParams,
  headers: Record<string, string>,
): Promise<Map<string, number>> {
  const counting = countingStore(store);
  const services = createServices(counting.store, { rules: { kikLimitPerLandkreis: 10 } });
  const yoga = createHubYoga(services, { graphiql: false, rateLimitPerMinute: 1_000_000 });
  const out = new Map<string, number>();
  for (const query of QUERIES) {
    const ask = () =>
      yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: query.hub(params) }),
      });
    await (await ask()).text();
    counting.reset();
    await (await ask()).text();
    out.set(query.name, counting.calls());
  }
  return out;
}

/** The mutation benchmark's people would otherwise weigh on every later measurement. */
async function removeBenchmarkPeople(uri: string): Promise<void> {
  const driver = neo4j.driver(uri);
  const session = driver.session();
  try {
    // Batched deletes need an auto-commit transaction: session.run, not a managed one.
    await session.run(
      "MATCH (p:Person {name: 'Benchmark Person'}) CALL (p) { DETACH DELETE p } IN TRANSACTIONS OF 5000 ROWS",
    );
  } finally {
    await session.close();
    await driver.close();
  }
}

async function firstPerson(store: Neo4jStore): Promise<string> {
  const [person] = await store.listEntities({ kind: 'Person', limit: 1 });
  return person!.id;
}
