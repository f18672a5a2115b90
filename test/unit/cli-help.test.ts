import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 35: every npm script that takes arguments answers --help with its usage and exits 0; a
// wrong option prints what was wrong and the usage and exits 2, never a stack trace.

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPTS: [string, string][] = [
  ['chat', 'bots/console/main.ts'],
  ['token', 'graph/data/token-cli.ts'],
  ['link', 'graph/data/link-cli.ts'],
  ['seed', 'graph/data/seed-cli.ts'],
  ['import', 'graph/data/import-cli.ts'],
  ['backup', 'graph/data/backup-cli.ts'],
  ['bench', 'bench/run.ts'],
  ['test:node', 'test/run-on-node.ts'],
];

const run = (file: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, HUB_DATA_DIR: join(ROOT, '.cache', 'cli-help-never-opened'), NEO4J_URI: '' },
    timeout: 60_000,
  });

describe('command-line tools', () => {
  it.each(SCRIPTS)('npm run %s -- --help prints its usage and exits 0', (name, file) => {
    const result = run(file, '--help');
    expect(result.stdout).toContain(`npm run ${name}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(0);
  });

  it.each(SCRIPTS.filter(([name]) => name !== 'test:node'))(
    'npm run %s with an unknown option says so, prints its usage and exits 2',
    (name, file) => {
      const result = run(file, '--no-such-option');
      expect(result.stderr).toContain('--no-such-option');
      expect(result.stderr).toContain(`npm run ${name}`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.status).toBe(2);
    },
  );
});
