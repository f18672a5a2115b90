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
}

const ms = (t: Timing | null) => (t ? `${t.medianMs} / ${t.p99Ms}` : 'not run');
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
      ['what', 'people at once', 'median / p99 ms', 'messages'],
      results.chat.map((r) => [r.what, r.people, ms(r.timing), r.timing.runs]),
    ),
    '',
    '## 4. Workflows',
    '',
    table(
      ['workflow', 'median / p99 ms', 'runs'],
      results.workflows.map((r) => [r.workflow, ms(r.timing), r.timing.runs]),
    ),
    '',
    '## 5. Analytics and map data',
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
        ms(r.networkView),
        ms(r.aggregatedView),
        ms(r.betweenness),
        ms(r.communities),
        ms(r.suggestions),
      ]),
    ),
    '',
    'The map in Chromium (time from navigation to the drawn network; frames per second while zooming):',
    '',
    table(
      ['view', 'nodes', 'edges', 'first draw median / p99 ms', 'fps'],
      results.map.map((r) => [r.view, r.nodes, r.edges, ms(r.firstDraw), r.framesPerSecond]),
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
        'p99 under / without',
        'writes during the load',
      ],
      results.underWrites.rows.map((r) => [
        r.store,
        r.query,
        load(r.quiet),
        load(r.underWrites),
        r.quiet.p99Ms ? Math.round((r.underWrites.p99Ms / r.quiet.p99Ms) * 100) / 100 : '—',
        r.writesDuring,
      ]),
    ),
    '',
    table(
      [
        'store',
        'first `network` read right after a write, median / p99 ms',
        'writes in the run',
        'resident MB, most',
        'resident MB after 100 writes',
      ],
      results.underWrites.after.map((r) => [
        r.store,
        ms(r.firstReadAfterWrite),
        r.writes,
        r.rssMbMax,
        r.rssMbAfter100Writes,
      ]),
    ),
    '',
    existsSync(findings) ? readFileSync(findings, 'utf8').trim() : '',
    '',
  ].join('\n');
  writeFileSync(join(outDir, results.smoke ? 'BENCHMARKS-smoke.md' : 'BENCHMARKS.md'), markdown);
}
