import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';

// The Node.js releases users deploy on (22 and 24 LTS), brought by the npm registry: the package
// node-<platform>-<arch> carries the binary and its C headers, so native modules build offline.
// Kept in .cache/node/<version>/, outside node_modules (a later npm install would prune it).

export const LTS_RUNTIMES = { 22: '22.23.3', 24: '24.21.0' } as const;
const ROOT = join(import.meta.dirname, '../..');
const CACHE = join(ROOT, '.cache');

export interface Runtime {
  version: string;
  /** The folder with bin/node and include/node. */
  home: string;
  bin: string;
}

export function ensureRuntime(version: string): Runtime {
  const dir = join(CACHE, 'node', version);
  const home = join(dir, 'node_modules', `node-${platform()}-${arch()}`);
  if (!existsSync(join(home, 'bin', 'node'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `runtime-${version}`, private: true }));
    console.log(`Installing Node.js ${version} from the npm registry into ${dir} (first run only)...`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `node-${platform()}-${arch()}@${version}`], { cwd: dir, stdio: 'inherit' });
  }
  return { version, home, bin: join(home, 'bin') };
}

/** better-sqlite3 built for this runtime (its ABI), offline against the runtime's headers. */
export function ensureSqliteBinding(runtime: Runtime): string {
  const dir = join(CACHE, 'native', `better-sqlite3-node-${runtime.version}`);
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  for (const tool of ['make', 'g++', 'python3']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`Building better-sqlite3 for Node.js ${runtime.version} needs ${tool}: apt-get install build-essential python3`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(ROOT, 'node_modules', 'better-sqlite3'), dir, { recursive: true });
  rmSync(join(dir, 'build'), { recursive: true, force: true });
  const nodeGyp = join(execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim(), 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  console.log(`Building better-sqlite3 for Node.js ${runtime.version} (first run only, about 2 minutes)...`);
  const log = join(dir, 'build.log');
  try {
    // npm passes its own nodedir (the machine's Node headers) in the environment; node-gyp would
    // prefer it to the command line, so it is set to the runtime's here.
    const env = { ...process.env, npm_config_nodedir: runtime.home, PATH: `${runtime.bin}:${process.env.PATH ?? ''}` };
    execFileSync('sh', ['-c', `"$0" "$@" > "${log}" 2>&1`, join(runtime.bin, 'node'), nodeGyp, 'rebuild', '--release', `--nodedir=${runtime.home}`, '-j', '2'], { cwd: dir, stdio: 'inherit', env });
  } catch {
    throw new Error(`Building better-sqlite3 for Node.js ${runtime.version} failed; see ${log}`);
  }
  return binding;
}

/** The environment that runs the project's scripts on this runtime. */
export function runtimeEnv(runtime: Runtime, binding: string): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${runtime.bin}:${process.env.PATH ?? ''}`, HUB_SQLITE_BINDING: binding, HUB_NODE_RUNTIME: runtime.version };
}
