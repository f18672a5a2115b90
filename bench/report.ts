import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult, Timing } from './measure.js';
import type { AnalyticsRow } from './sections/analytics.js';
import type { ChatRow } from './sections/chat.js';
import type { GraphqlRow } from './sections/graphql.js';
import type { MapRow } from './sections/map.js';
import type { AfterWriteRow, UnderWritesRow } from './sections/reads-under-writes.js';
import type { EmbeddedRow, LoadRow } from './sections/stores.js';
import type { WorkflowRow } from './sections/workflows.js';
import type { WritesUnderLoadRow } from './sections/writes-under-load.js';

// Writes the raw figures as JSON and BENCHMARKS.md: method, machine, tables, then the findings
// written by hand in bench/findings.md (kept across runs).

export interface Results {
  smoke: boolean;
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  settings: Record<string, unknown>;
  params: Record<string, string>;
  loads: LoadRow[];
  embedded: EmbeddedRow;
  graphql: GraphqlRow[];
  analytics: AnalyticsRow[];
  workflows: WorkflowRow[];
  chat: ChatRow[];
  map: MapRow[];
  underWrites: { rows: UnderWritesRow[]; after: AfterWriteRow[] };
  writesUnderLoad: WritesUnderLoadRow[];
}

const ms = (t: Timing | null) => (t ? `${t.medianMs} / ${t.p99Ms}` : 'not run');
/** How much longer the slowest 1% take than the median: the tail, as one number. */
const tail = (p50: number, p99: number) => (p50 > 0 ? Math.round((p99 / p50) * 10) / 10 : '—');
const tailOf = (t: Timing | null) => (t ? tail(t.medianMs, t.p99Ms) : '—');
/** median / p99, and the tail in brackets, for tables with several timings per row. */
const msTail = (t: Timing | null) => (t ? `${ms(t)} (${tailOf(t)}×)` : 'not run');
const load = (r: LoadResult | null) => (r ? `${r.requestsPerSecond} | ${r.p50Ms} / ${r.p99Ms}` : '— | —');
const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );

export function writeReport(results: Results, outDir: string): void {
  const jsonPath = results.smoke ? join(outDir, 'bench-smoke.json') : join(outDir, 'bench', 'results.json');
  mkdirSync(join(jsonPath, '..'), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  const findings = join(import.meta.dirname, 'findings.md');
  const hubOnNeo4j = results.writesUnderLoad.find((r) => r.server === 'hub (Neo4j)');
  const markdown = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${results.date.slice(0, 10)}${results.smoke ? ' (smoke run: demo network, seconds-long loads; not for comparison)' : ''}. Raw figures: \`bench/results.json\`.`,
    '',
    '## Method',
    '',
    `- Machine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGb} GB, Node ${results.machine.node}; Neo4j Community 5.26 (6 GB heap) and Synapse on the same machine, so every number includes sharing two cores.`,
    `- Data: the synthetic Germany-scale network (\`npm run seed -- --scale germany\`, deterministic) and its Saxony slice (AGS 14…); queries ask about district ${results.params.districtAgs}, "${results.params.municipality}", topic "${results.params.topic}", search "${results.params.search}".`,
    `- GraphQL: each server in its own process on the same Neo4j; autocannon with ${String(results.settings.connections)} connections for ${String(results.settings.seconds)} s per query and server, run one after another in the same run, so ratios compare like with like. Latency p50 / p99 in ms. Each server's answer is checked before it is timed.`,
    `- Timings elsewhere: median / p99 in ms over ${String(results.settings.runs)} runs unless stated.`,
    '',
    '## 1-2. GraphQL: hub, Neo4j GraphQL Library (reference), raw Cypher',
    '',
    table(
      [
        'query',
        'hub req/s',
        'hub p50 / p99',
        'hub p99/p50',
        'reference req/s',
        'reference p50 / p99',
        'raw Cypher req/s',
        'raw p50 / p99',
        'hub / raw',
        'hub / reference',
        'hub DB round trips',
      ],
      results.graphql.map((r) => [
        r.query,
        load(r.hub),
        tail(r.hub.p50Ms, r.hub.p99Ms),
        load(r.reference),
        load(r.raw),
        r.hubPerRaw,
        r.hubPerReference ?? `— (${r.referenceError ?? 'failed'})`,
        r.hubRoundTrips,
      ]),
    ),
    '',
    '## 3. Chat through Synapse',
    '',
    table(
      ['what', 'people at once', 'median / p99 ms', 'p99/p50', 'messages', 'Synapse CPU ms per message'],
      results.chat.map((r) => [r.what, r.people, ms(r.timing), tailOf(r.timing), r.timing.runs, r.synapseCpuMs ?? '—']),
    ),
    '',
    '## 4. Workflows',
    '',
    table(
      ['workflow', 'median / p99 ms', 'p99/p50', 'runs'],
      results.workflows.map((r) => [r.workflow, ms(r.timing), tailOf(r.timing), r.timing.runs]),
    ),
    '',
    '## 5. Analytics and map data',
    '',
    'Each timing is median / p99 ms with p99/p50 in brackets.',
    '',
    table(
      [
        'scope',
        'nodes',
        'edges',
        'graph build ms (once)',
        '`network` view',
        'aggregated view',
        'betweenness',
        'communities',
        'suggestions',
      ],
      results.analytics.map((r) => [
        r.scope,
        r.nodes,
        r.edges,
        r.buildGraphMs,
        msTail(r.networkView),
        msTail(r.aggregatedView),
        msTail(r.betweenness),
        msTail(r.communities),
        msTail(r.suggestions),
      ]),
    ),
    '',
    'The map in Chromium (time from navigation to the drawn network; frames per second while zooming):',
    '',
    table(
      ['view', 'nodes', 'edges', 'first draw median / p99 ms', 'p99/p50', 'fps'],
      results.map.map((r) => [r.view, r.nodes, r.edges, ms(r.firstDraw), tailOf(r.firstDraw), r.framesPerSecond]),
    ),
    '',
    '## 6-7. Stores and import',
    '',
    table(
      ['store', 'records', 'seconds', 'records/s'],
      results.loads.map((r) => [r.store, r.records, r.seconds, r.recordsPerSecond]),
    ),
    '',
    `Embedded store with that file: ${results.embedded.fileMb} MB on disk; opened in ${results.embedded.openMs} ms, collaboration graph built in ${results.embedded.firstReadMs} ms, ${results.embedded.rssMb} MB resident afterwards; ${results.embedded.singleWritesPerSecond} single validated writes per second (each its own transaction, fully synced).`,
    '',
    '## 8. Reads under writes',
    '',
    `The hub (in its own process) on each store with the whole network, read by autocannon (${String(results.settings.connections)} connections, ${String(results.settings.seconds)} s per query) without writes and then while 1 write/s (people added, towns updated, links added and ended, through GraphQL) changes the network.`,
    '',
    table(
      [
        'store',
        'query',
        'req/s without writes',
        'p50 / p99 without writes',
        'req/s under writes',
        'p50 / p99 under writes',
        'p99/p50 under writes',
        'p99 under / without',
        'writes during the load',
      ],
      results.underWrites.rows.map((r) => [
        r.store,
        r.query,
        load(r.quiet),
        load(r.underWrites),
        tail(r.underWrites.p50Ms, r.underWrites.p99Ms),
        r.quiet.p99Ms ? Math.round((r.underWrites.p99Ms / r.quiet.p99Ms) * 100) / 100 : '—',
        r.writesDuring,
      ]),
    ),
    '',
    table(
      [
        'store',
        'first `network` read right after a write, median / p99 ms',
        'p99/p50',
        'writes in the run',
        'resident MB, most',
        'resident MB after 100 writes',
      ],
      results.underWrites.after.map((r) => [
        r.store,
        ms(r.firstReadAfterWrite),
        tailOf(r.firstReadAfterWrite),
        r.writes,
        r.rssMbMax,
        r.rssMbAfter100Writes,
      ]),
    ),
    '',
    '## 9. Writes under load',
    '',
    `Each server in its own process, ${String(results.settings.connections)} connections for ${String(results.settings.seconds)} s, each a writer going through the mix in turn: add a person, update a town, link the person to a town, end that link (the hub through its GraphQL mutations with every rule, authorisation, audit and the read model following; the Neo4j GraphQL Library through its generated mutations; raw Cypher one statement per write). Latency of every write, p50 / p99 ms.`,
    '',
    table(
      ['server', 'writes/s', 'p50 / p99 ms', 'p99/p50', 'writes', 'errors', 'hub on Neo4j / this'],
      results.writesUnderLoad.map((r) => [
        r.server,
        r.writesPerSecond,
        `${r.p50Ms} / ${r.p99Ms}`,
        tail(r.p50Ms, r.p99Ms),
        r.writes,
        r.errors ? `${r.errors} (${r.firstError ?? ''})` : 0,
        hubOnNeo4j && r !== hubOnNeo4j && r.writesPerSecond
          ? Math.round((hubOnNeo4j.writesPerSecond / r.writesPerSecond) * 100) / 100
          : '—',
      ]),
    ),
    '',
    existsSync(findings) ? readFileSync(findings, 'utf8').trim() : '',
    '',
  ].join('\n');
  writeFileSync(join(outDir, results.smoke ? 'BENCHMARKS-smoke.md' : 'BENCHMARKS.md'), markdown);
}
