import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';

// The Node.js releases the hub supports (22 and 24 LTS), brought from the npm registry where the
// machine's own Node is older: the package node-<platform>-<arch> carries the binary. Kept in
// .cache/node/<version>/, outside node_modules (a later npm install would prune it).

export const LTS_RUNTIMES = { 22: '22.23.3', 24: '24.21.0' } as const;
export const OLDEST_SUPPORTED_MAJOR = 22;
const CACHE = join(import.meta.dirname, '..', '..', '.cache', 'node');

export interface Runtime {
  version: string;
  /** The folder holding `node` (and, in the package, its C headers one level up). */
  bin: string;
}

export function ensureRuntime(version: string): Runtime {
  const dir = join(CACHE, version);
  const bin = join(dir, 'node_modules', `node-${platform()}-${arch()}`, 'bin');
  if (!existsSync(join(bin, 'node'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `runtime-${version}`, private: true }));
    console.error(`Installing Node.js ${version} from the npm registry into ${dir} (first run only)...`);
    execFileSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `node-${platform()}-${arch()}@${version}`,
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  return { version, bin };
}

/** The environment that runs the project's scripts (npm, node) on this runtime. */
export function runtimeEnv(runtime: Runtime, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, PATH: `${runtime.bin}:${base.PATH ?? ''}` };
}
