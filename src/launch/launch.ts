import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureRuntime, LTS_RUNTIMES, OLDEST_SUPPORTED_MAJOR, runtimeEnv } from './node-runtime.js';

// Every npm script starts here: `node --import tsx src/launch/launch.ts <entry.ts> [args]`. On a
// supported Node (22 or newer) the entry runs in this process. On an older one (Node 20, past its
// end of life, is what some machines still ship) the hub brings Node 24 LTS from the npm registry
// once and runs the entry there, passing signals on, so `npm ci && npm start` works anywhere.

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('Usage: node --import tsx src/launch/launch.ts <entry.ts> [arguments]');
  process.exit(2);
}
const major = Number(process.versions.node.split('.')[0]);
const root = join(import.meta.dirname, '..', '..');

if (major >= OLDEST_SUPPORTED_MAJOR) {
  process.argv.splice(1, 2, join(root, entry));
  await import(pathToFileURL(join(root, entry)).href);
} else {
  const runtime = ensureRuntime(LTS_RUNTIMES[24]);
  console.error(
    `Node.js ${process.versions.node} is past its end of life; running on Node.js ${runtime.version} from .cache/node.`,
  );
  // Heap sizes given to this launcher (npm start's HUB_MAX_HEAP_MB) are meant for the hub.
  const heapLimit = process.execArgv.filter((flag) => /^--max-(old|semi)-space-size=/.test(flag));
  const child = spawn(join(runtime.bin, 'node'), [...heapLimit, '--import', 'tsx', join(root, entry), ...args], {
    stdio: 'inherit',
    env: runtimeEnv(runtime),
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
}
