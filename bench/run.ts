import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { commandLine } from '../src/launch/command-line.js';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import { germanyNetwork } from '../graph/data/germany.js';
import { saxonyDemo } from '../graph/data/saxony-demo.js';
import { Neo4jStore } from '../graph/neo4j/neo4j-store.js';
import { CACHE_DIR } from '../graph/neo4j/server/provision.js';
import { launchNeo4j } from '../graph/neo4j/server/launch.js';
import { startSynapse } from '../test/support/synapse/synapse.js';
import { writeReport, type Results } from './report.js';
import { benchAnalytics } from './sections/analytics.js';
import { benchChat } from './sections/chat.js';
import { benchGraphql } from './sections/graphql.js';
import { benchMap } from './sections/map.js';
import { benchReadsUnderWrites } from './sections/reads-under-writes.js';
import { benchEmbedded, benchNeo4jLoad, loadInto } from './sections/stores.js';
import { benchWorkflows } from './sections/workflows.js';
import { benchWritesUnderLoad } from './sections/writes-under-load.js';
import { stateSlice } from './slice.js';

// `npm run bench`: every benchmark of BENCHMARKS.md on the Germany-scale network (and a Saxony
// slice of it), against a real Neo4j and the embedded store; writes BENCHMARKS.md and
// bench/results.json. `--smoke` runs the same harness briefly on the demo network (npm test does).

const { values } = commandLine(
  'Usage: npm run bench [-- --smoke] [--neo4j-uri URI] [--synapse-url URL --synapse-secret SECRET] [--out DIR]',
  {
    options: {
      smoke: { type: 'boolean', default: false },
      'neo4j-uri': { type: 'string' },
      'synapse-url': { type: 'string' },
      'synapse-secret': { type: 'string' },
      out: { type: 'string', default: join(import.meta.dirname, '..') },
    },
  },
);
const smoke = values.smoke!;
const settings = smoke
  ? { connections: 2, seconds: 1, runs: 2, chatMessages: 2, chatPeople: [1, 2], mapRuns: 1, writes: 20 }
  : { connections: 10, seconds: 10, runs: 20, chatMessages: 10, chatPeople: [1, 20], mapRuns: 3, writes: 500 };
const started = Date.now();
const step = (title: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${title}`);
const cleanups: (() => Promise<void> | void)[] = [];

try {
  step(`building the ${smoke ? 'Saxon demo' : 'Germany-scale'} network`);
  const full = smoke ? saxonyDemo() : germanyNetwork();
  const saxony = smoke ? full : stateSlice(full, '14');
  const params = { districtAgs: '14627', municipality: 'Radebeul', topic: full.topics[0]!.name, search: 'Rade' };

  let uri = values['neo4j-uri'];
  if (!uri) {
    step('starting Neo4j');
    const home = join(CACHE_DIR, `bench-${process.pid}`);
    const neo4j = await launchNeo4j({ homeDir: home, heap: process.env.NEO4J_HEAP ?? '6g' });
    cleanups.push(async () => {
      await neo4j.stop();
      rmSync(home, { recursive: true, force: true });
    });
    uri = neo4j.uri;
  }
  let synapse = values['synapse-url'] ? { url: values['synapse-url'], sharedSecret: values['synapse-secret']! } : null;
  if (!synapse) {
    step('starting Synapse');
    const dir = mkdtempSync(join(tmpdir(), 'hub-bench-synapse-'));
    const running = await startSynapse(dir);
    cleanups.push(() => running.stop());
    synapse = running;
  }

  step('loading into Neo4j');
  const neo4jLoad = await benchNeo4jLoad(uri, full);
  step('loading into the embedded store, opening it, single writes');
  const { load: embeddedLoad, embedded } = await benchEmbedded(full, settings.writes);

  step('GraphQL side by side: hub, Neo4j GraphQL Library, raw Cypher');
  const graphql = await benchGraphql(uri, params, { connections: settings.connections, seconds: settings.seconds });

  step('writes under load: hub, Neo4j GraphQL Library, raw Cypher, hub on the embedded store');
  const writesUnderLoad = await benchWritesUnderLoad(uri, full, params, {
    connections: settings.connections,
    seconds: settings.seconds,
  });

  step('reads under writes, on each store');
  const underWrites = await benchReadsUnderWrites(uri, full, params, {
    connections: settings.connections,
    seconds: settings.seconds,
    runs: settings.runs,
  });

  const neo4jStore = await Neo4jStore.connect({ uri });
  cleanups.push(() => neo4jStore.close());
  const saxonyDir = mkdtempSync(join(tmpdir(), 'hub-bench-saxony-'));
  const saxonyStore = EmbeddedStore.open(saxonyDir);
  cleanups.push(async () => {
    await saxonyStore.close();
    rmSync(saxonyDir, { recursive: true, force: true });
  });
  await loadInto(saxonyStore, 'embedded', saxony);

  step('analytics and map data');
  const analytics = [
    ...(await benchAnalytics(
      neo4jStore,
      [{ label: 'district 14627 (Meißen)', districtAgs: '14627', betweenness: true }],
      settings.runs,
    )),
    ...(await benchAnalytics(
      saxonyStore,
      [{ label: 'Saxony (13 districts)', districtAgs: null, betweenness: true }],
      settings.runs,
    )),
    ...(await benchAnalytics(
      neo4jStore,
      [{ label: smoke ? 'everything stored' : 'Germany (401 districts)', districtAgs: null, betweenness: true }],
      settings.runs,
    )),
  ];

  step('workflows');
  const workflows = await benchWorkflows(neo4jStore, params.districtAgs, params.municipality, settings.runs);

  step('chat through Synapse');
  const chat = await benchChat(synapse, neo4jStore, params.municipality, settings.chatMessages, settings.chatPeople);

  step('the map in Chromium');
  const map = [
    ...(await benchMap(
      neo4jStore,
      [
        { label: 'district 14627', search: '?district=14627' },
        { label: smoke ? 'everything' : 'Germany, aggregated by district', search: '' },
      ],
      settings.mapRuns,
    )),
    ...(await benchMap(saxonyStore, [{ label: 'Saxony, every actor', search: '' }], settings.mapRuns)),
  ];

  const results: Results = {
    smoke,
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 1e9),
      node: process.version,
    },
    settings,
    params,
    loads: [neo4jLoad, embeddedLoad],
    embedded,
    graphql,
    analytics,
    workflows,
    chat,
    map,
    underWrites,
    writesUnderLoad,
  };
  writeReport(results, values.out!);
  step(`done: ${join(values.out!, smoke ? 'bench-smoke.json' : 'bench/results.json')}`);
} finally {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
}
