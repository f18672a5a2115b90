import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import type { Results } from '../../bench/report.js';
import { output, ROOT } from '../support/npm-start.js';

// A short run of the benchmark harness (`npm run bench -- --smoke`) on the demo network against
// the suite's Neo4j and Synapse: every section runs and reports real numbers. The numbers
// themselves belong in BENCHMARKS.md, never in a test.

it('runs every benchmark section and writes the report', async () => {
  const out = mkdtempSync(join(tmpdir(), 'hub-bench-smoke-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/run.ts',
      '--smoke',
      '--neo4j-uri',
      inject('neo4jUri'),
      '--synapse-url',
      inject('synapseUrl'),
      '--synapse-secret',
      inject('synapseSecret'),
      '--out',
      out,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const { code, stderr } = await output(child);
  expect(code, stderr.slice(-2000)).toBe(0);
  const results = JSON.parse(readFileSync(join(out, 'bench-smoke.json'), 'utf8')) as Results;
  expect(results.graphql.map((r) => r.query)).toHaveLength(6);
  for (const row of results.graphql) {
    expect(row.hub.requests).toBeGreaterThan(0);
    expect(row.raw.requests).toBeGreaterThan(0);
    expect(row.hub.errors).toBe(0);
  }
  expect(results.chat.map((r) => `${r.what} ${r.people}`)).toEqual([
    'bot answer (!kontakt) 1',
    'bot answer (!kontakt) 2',
    'Synapse alone (client to client) 1',
    'Synapse alone (client to client) 2',
    'bot answer (!kontakt), encrypted 1',
    'Synapse alone (client to client), encrypted 1',
  ]);
  expect(results.map.every((r) => r.nodes > 0 && r.firstDraw.medianMs > 0)).toBe(true);
  // Suggestions are timed for every scope that is one district.
  expect(results.analytics.filter((r) => r.suggestions !== null).length).toBeGreaterThan(0);
  expect(results.loads.map((r) => r.store)).toEqual(['neo4j', 'embedded']);
  expect(results.workflows.every((r) => r.timing.runs > 0)).toBe(true);
  expect(results.underWrites.rows.map((r) => `${r.store} ${r.query}`)).toEqual([
    'embedded network(districtAgs)',
    'embedded contacts',
    'neo4j network(districtAgs)',
    'neo4j contacts',
  ]);
  for (const row of results.underWrites.rows) {
    expect(row.quiet.errors + row.underWrites.errors).toBe(0);
    expect(row.underWrites.requests).toBeGreaterThan(0);
  }
  expect(results.underWrites.after.every((r) => r.writes >= 100 && r.rssMbAfter100Writes > 0)).toBe(true);
  // Every server did the whole write mix without a refusal or failure.
  expect(results.writesUnderLoad.map((r) => [r.server, r.errors, r.writes >= 4])).toEqual([
    ['hub (Neo4j)', 0, true],
    ['raw Cypher', 0, true],
    ['Neo4j GraphQL Library (reference)', 0, true],
    ['hub (embedded store)', 0, true],
  ]);
  const report = readFileSync(join(out, 'BENCHMARKS-smoke.md'), 'utf8');
  expect(report).toContain('## 1-2. GraphQL: hub, Neo4j GraphQL Library (reference), raw Cypher');
  expect(report).toContain('## 9. Writes under load');
  expect(report).toContain('| hub p99/p50 |');
}, 300_000);
