import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchNeo4j } from '../graph/neo4j/server/launch.js';
import { CACHE_DIR } from '../graph/neo4j/server/provision.js';
import { ensureRuntime, LTS_RUNTIMES, runtimeEnv } from '../src/launch/node-runtime.js';
import { ensureSystemPackages } from './support/system-packages.js';

// `npm test` after the type check: the whole suite on each Node.js LTS release users deploy on
// (22 and 24), whatever Node runs npm. One Neo4j serves both runs (each test file clears what it
// uses); every run starts its own Synapse and Chromium. Ends with one line counting the tests of
// all runs, and fails when any run failed.

const ROOT = join(import.meta.dirname, '..');
const wanted = (process.env.HUB_TEST_NODE_VERSIONS ?? Object.keys(LTS_RUNTIMES).join(','))
  .split(',')
  .map((v) => v.trim())
  .filter(Boolean);

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: unknown[];
  success: boolean;
}

async function main(): Promise<number> {
  ensureSystemPackages();
  const runtimes = wanted.map((major) => {
    const version = LTS_RUNTIMES[Number(major) as keyof typeof LTS_RUNTIMES];
    if (!version)
      throw new Error(`HUB_TEST_NODE_VERSIONS names ${major}; known: ${Object.keys(LTS_RUNTIMES).join(', ')}`);
    return ensureRuntime(version);
  });
  const homeDir = join(CACHE_DIR, `suites-${process.pid}`);
  const neo4j = process.env.NEO4J_URI ? null : await launchNeo4j({ homeDir });
  const neo4jUri = process.env.NEO4J_URI ?? neo4j!.uri;
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const lines: string[] = [];
  let ok = true;
  try {
    for (const runtime of runtimes) {
      console.log(`\n=== The suite on Node.js ${runtime.version} ===\n`);
      const report = join(ROOT, '.cache', `vitest-node-${runtime.version}.json`);
      rmSync(report, { force: true });
      const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
      const run = spawnSync(
        join(runtime.bin, 'node'),
        [
          vitest,
          'run',
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${report}`,
          ...process.argv.slice(2),
        ],
        {
          cwd: ROOT,
          stdio: 'inherit',
          env: { ...runtimeEnv(runtime), NEO4J_URI: neo4jUri },
        },
      );
      let result: VitestReport | null = null;
      try {
        result = JSON.parse(readFileSync(report, 'utf8')) as VitestReport;
      } catch {
        result = null;
      }
      const passed = run.status === 0 && result !== null && result.success;
      ok &&= passed;
      if (result) {
        totals.passed += result.numPassedTests;
        totals.failed += result.numFailedTests;
        totals.skipped += result.numPendingTests;
      } else {
        totals.failed += 1;
      }
      lines.push(
        `Node.js ${runtime.version}: ${passed ? 'passed' : 'FAILED'}${result ? ` (${result.numPassedTests} passed, ${result.numFailedTests} failed, in ${result.testResults.length} files)` : ' (no report)'}`,
      );
    }
  } finally {
    await neo4j?.stop();
    rmSync(homeDir, { recursive: true, force: true });
  }
  console.log(`\n${lines.join('\n')}`);
  console.log(
    `suites: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
  );
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
