import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';

const ROOT = join(import.meta.dirname, '../..');
const npm = (args: string[], dataDir: string) =>
  spawnSync('npm', ['run', '--silent', ...args], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: '', HUB_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });

it('backs up the embedded store and restores it, refusing a file that is no hub store', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-backup-'));
  expect(npm(['seed'], dataDir).status).toBe(0);
  const backup = join(dataDir, 'copy.sqlite');
  const made = npm(['backup', '--', backup], dataDir);
  expect(made.stdout).toContain('Backed up');

  const store = EmbeddedStore.open(dataDir);
  await store.deleteEverything();
  await store.close();
  const bogus = join(dataDir, 'bogus.sqlite');
  writeFileSync(bogus, 'not a database');
  const refused = npm(['restore', '--', bogus], dataDir);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/cannot be read/);

  expect(npm(['restore', '--', backup], dataDir).stdout).toContain('Restored');
  const restored = EmbeddedStore.open(dataDir);
  expect((await restored.listDistricts()).length).toBe(13);
  await restored.close();
});
