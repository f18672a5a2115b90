import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureRuntime, LTS_RUNTIMES, runtimeEnv } from '../src/launch/node-runtime.js';

// `npm run test:node -- 24 [vitest arguments]`: the suite (or a part) on one Node.js LTS release,
// whatever Node runs npm.

const [major, ...rest] = process.argv.slice(2);
const version = LTS_RUNTIMES[Number(major) as keyof typeof LTS_RUNTIMES];
if (!version) {
  const usage = `Usage: npm run test:node -- <${Object.keys(LTS_RUNTIMES).join('|')}> [vitest arguments]`;
  const help = major === '--help' || major === '-h';
  (help ? console.log : console.error)(usage);
  process.exit(help ? 0 : 2);
}
const runtime = ensureRuntime(version);
const vitest = join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(join(runtime.bin, 'node'), [vitest, 'run', ...rest], {
  stdio: 'inherit',
  env: runtimeEnv(runtime),
});
process.exit(result.status ?? 1);
