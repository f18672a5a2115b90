import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { loadConfig } from '../../src/config.js';
import { EmbeddedStore } from '../embedded/embedded-store.js';
import { runCli } from './cli-support.js';
import { HUB_LEASE } from '../../src/services/lease-keeper.js';
import { commandLine } from '../../src/launch/command-line.js';
import { STATE } from '../../src/domain/ports/state-slots.js';

const USAGE = 'Usage: npm run backup -- FILE | npm run restore -- FILE';

// `npm run backup -- FILE`: a consistent copy of the embedded store, also while the hub runs.
// `npm run restore -- FILE`: checks FILE, keeps the current data as hub.sqlite.before-restore,
// and puts FILE in its place. Stop the hub first. (Neo4j: see the README.)

await runCli(async () => {
  const [command, file] = commandLine(USAGE, { allowPositionals: true, options: {} }).positionals;
  if ((command !== 'backup' && command !== 'restore') || !file) throw new Error(USAGE);
  const config = loadConfig();
  if (config.neo4j)
    throw new Error('NEO4J_URI is set: back up Neo4j with its own tools (see the README), not with this command.');
  const current = EmbeddedStore.file(config.dataDir);
  if (command === 'backup') {
    const store = EmbeddedStore.open(config.dataDir);
    try {
      await store.backup(file);
    } finally {
      await store.close();
    }
    EmbeddedStore.verify(file);
    console.log(`Backed up ${current} to ${file}.`);
    return;
  }
  EmbeddedStore.verify(file);
  if (existsSync(current)) await refuseWhileAHubRuns(config.dataDir);
  if (existsSync(current)) {
    renameSync(current, `${current}.before-restore`);
    for (const suffix of ['-wal', '-shm']) rmSync(`${current}${suffix}`, { force: true });
  }
  copyFileSync(file, current);
  console.log(
    `Restored ${current} from ${file}${existsSync(`${current}.before-restore`) ? ` (the previous data is in ${current}.before-restore)` : ''}.`,
  );
});

/** A running hub keeps the file open and would go on with the old data: it must stop first. */
async function refuseWhileAHubRuns(dataDir: string): Promise<void> {
  const store = EmbeddedStore.open(dataDir);
  try {
    const lease = await store.coordination.getState<{ holder: string; until: string }>(STATE.lease.key(HUB_LEASE));
    if (lease && Date.parse(lease.until) > Date.now()) {
      throw new Error(
        `A hub is running on ${dataDir} (it holds its lease until ${lease.until}); stop it (Ctrl-C or SIGTERM), then restore.`,
      );
    }
  } finally {
    await store.close();
  }
}
