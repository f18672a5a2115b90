import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureRuntime, ensureSqliteBinding, LTS_RUNTIMES, runtimeEnv } from './support/node-runtimes.js';

// `npm run test:node -- 24 [vitest arguments]`: the suite on Node.js 22 or 24 LTS, whatever
// Node runs npm. Installs the runtime and builds the native module for it on first use.

const [major, ...rest] = process.argv.slice(2);
const version = LTS_RUNTIMES[Number(major) as keyof typeof LTS_RUNTIMES];
if (!version) {
  console.error(`Usage: npm run test:node -- <${Object.keys(LTS_RUNTIMES).join('|')}> [vitest arguments]`);
  process.exit(2);
}
const runtime = ensureRuntime(version);
const env = runtimeEnv(runtime, ensureSqliteBinding(runtime));
console.log(`Running the suite on Node.js ${version}.`);
const vitest = join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(join(runtime.bin, 'node'), [vitest, 'run', ...rest], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
