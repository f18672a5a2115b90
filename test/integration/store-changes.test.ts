import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import { firstLine, hubProcess, npmRun } from '../support/npm-start.js';

// Issue 23: a running hub sees every write to its store, whoever made it, without Redis and
// without a restart. Each of these failed before: the hub answered from its caches forever.

const CSV = [
  'type,id,name,districtAgs,personId,role,scopeId,linkType,fromId,toId,since,email,emailVisibility',
  'municipality,,Weinböhla,14627,,,,,,,,,',
].join('\n');

interface RunningHub {
  process: ChildProcess;
  url: string;
  logged: () => string;
}

async function startHub(env: Record<string, string>): Promise<RunningHub> {
  // The hub itself, not npm: a killed npm would leave the hub running (and holding its lease).
  const child = hubProcess({ PORT: '0', HUB_STORE_CHECK_SECONDS: '1', ...env });
  let log = '';
  child.stdout!.on('data', (c: Buffer) => (log += c));
  child.stderr!.on('data', (c: Buffer) => (log += c));
  const line = await firstLine(child.stdout!, /Integration hub on the/);
  return { process: child, url: /(http:\/\/[^ "]+\/graphql)/.exec(line)![1]!, logged: () => log };
}

async function ask(hub: RunningHub, query: string): Promise<{ data?: any; errors?: { message: string }[] }> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string }[] };
}

const WEINBOEHLA = `{
  contacts(municipality: "Weinböhla") { role }
  search(text: "Weinböhla", kinds: [Municipality]) { ... on Municipality { id } }
  network(districtAgs: "14627") { nodes { id } }
}`;

describe('a running hub and the other writers of its store', () => {
  let hub: RunningHub | null = null;
  afterEach(async () => {
    if (hub && hub.process.exitCode === null) {
      const exited = new Promise((resolve) => hub!.process.once('exit', resolve));
      hub.process.kill('SIGKILL');
      await exited;
    }
    hub = null;
  });

  it('embedded: answers with a municipality the import command added while it ran', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-changes-'));
    hub = await startHub({ HUB_DATA_DIR: dataDir });
    expect((await ask(hub, WEINBOEHLA)).errors?.[0]?.message).toMatch(/Weinböhla/);
    const file = join(dataDir, 'weinboehla.csv');
    writeFileSync(file, CSV);
    expect(await npmRun('import', [file], { HUB_DATA_DIR: dataDir })).toContain('Imported 1');
    await expect
      .poll(async () => (await ask(hub!, WEINBOEHLA)).errors, { timeout: 10_000, interval: 250 })
      .toBeUndefined();
    const { data } = await ask(hub, WEINBOEHLA);
    expect(data.search).toEqual([{ id: 'municipality:14627-weinboehla' }]);
    expect(data.network.nodes.map((n: { id: string }) => n.id)).toContain('municipality:14627-weinboehla');

    const backup = join(dataDir, 'copy.sqlite');
    await npmRun('backup', [backup], { HUB_DATA_DIR: dataDir });
    const restore = await npmRun('restore', [backup], { HUB_DATA_DIR: dataDir }).then(
      () => 'restored',
      (error: Error) => error.message,
    );
    expect(restore).toContain('A hub is running on');
  }, 60_000);

  it('Neo4j: says the store is empty, shows a seed made under it, and a hand edit after npm run refresh', async () => {
    const uri = inject('neo4jUri');
    const store = await Neo4jStore.connect({ uri });
    await store.deleteEverything();
    await store.close();
    hub = await startHub({ NEO4J_URI: uri, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-changes-')) });
    await expect.poll(() => hub!.logged(), { timeout: 5_000 }).toContain('npm run seed');
    expect((await ask(hub, '{ districts { ags } }')).data.districts).toEqual([]);

    await npmRun('seed', [], { NEO4J_URI: uri });
    await expect
      .poll(async () => (await ask(hub!, '{ districts { ags } }')).data.districts.length, {
        timeout: 10_000,
        interval: 250,
      })
      .toBe(13);

    const name = async () =>
      (await ask(hub!, '{ node(id: "municipality:14627-radebeul") { ... on Municipality { name } } }')).data.node
        .name as string;
    // Let the hub take in the whole seed (it moved the counter twice) before it reads the name.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await name()).toBe('Radebeul');
    const driver = neo4j.driver(uri);
    try {
      await driver.executeQuery(
        "MATCH (m:Municipality {id: 'municipality:14627-radebeul'}) SET m.name = 'Radebeul an der Elbe'",
      );
    } finally {
      await driver.close();
    }
    // A hand edit moves no counter: the hub keeps what it read until someone runs the refresh.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await name()).toBe('Radebeul');
    expect(await npmRun('refresh', [], { NEO4J_URI: uri })).toContain('reload');
    await expect.poll(name, { timeout: 10_000, interval: 250 }).toBe('Radebeul an der Elbe');
  }, 120_000);
});
