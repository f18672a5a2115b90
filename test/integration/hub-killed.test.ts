import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import { freePort } from '../../graph/neo4j/server/launch.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { AccessService } from '../../src/services/access/access.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { firstLine, hubProcess } from '../support/npm-start.js';

// The hub killed with kill -9 in the middle of a stream of writes: every write it confirmed over
// HTTP is there after a restart, on both stores.

interface Setup {
  env: Record<string, string>;
  open(): Promise<GraphStore>;
}

const setups: Record<'embedded' | 'neo4j', () => Promise<Setup>> = {
  embedded: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-killed-'));
    return { env: { HUB_DATA_DIR: dir, NEO4J_URI: '' }, open: async () => EmbeddedStore.open(dir) };
  },
  neo4j: async () => {
    const store = await Neo4jStore.connect({ uri: inject('neo4jUri') });
    await store.deleteEverything();
    await store.close();
    return {
      env: { HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-killed-')), NEO4J_URI: inject('neo4jUri') },
      open: () => Neo4jStore.connect({ uri: inject('neo4jUri') }),
    };
  },
};

async function startHub(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = hubProcess({ ...env, PORT: String(port) });
  await firstLine(child.stdout!, /Integration hub on the/);
  return { child, url: `http://127.0.0.1:${port}` };
}

describe.each(['embedded', 'neo4j'] as const)('the hub on the %s store, killed with kill -9 while writing', (kind) => {
  it('keeps every write it confirmed', async () => {
    const setup = await setups[kind]();
    let store = await setup.open();
    const { secret } = await new AccessService(store).create(
      { personId: await anyPerson(store), access: 'ADMIN', label: 'kill test' },
      SYSTEM,
    );
    await store.close();

    const hub = await startHub(setup.env);
    const confirmed: string[] = [];
    const writing = (async () => {
      for (let i = 0; ; i++) {
        const response = await fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({
            query: `mutation { addPerson(input: { name: "Schreibtest ${i}" }) { ... on MutationAddPersonSuccess { data { id } } } }`,
          }),
        }).catch(() => null);
        if (!response) return;
        const body = (await response.json().catch(() => null)) as {
          data?: { addPerson: { data: { id: string } } };
        } | null;
        if (body?.data) confirmed.push(body.data.addPerson.data.id);
      }
    })();
    while (confirmed.length < 30) await new Promise((resolve) => setTimeout(resolve, 20));
    hub.child.kill('SIGKILL');
    await writing;

    const restarted = await startHub(setup.env);
    restarted.child.kill('SIGTERM');
    store = await setup.open();
    const found = await store.entitiesByIds(confirmed);
    await store.close();
    expect(confirmed.length).toBeGreaterThanOrEqual(30);
    expect(confirmed.filter((_id, i) => found[i] === null)).toEqual([]);
  }, 90_000);
});

/** The token needs a person; an empty Neo4j gets one first. */
async function anyPerson(store: GraphStore): Promise<string> {
  const [person] = await store.listEntities({ kind: 'Person', limit: 1 });
  if (person) return person.id;
  return (await new NetworkWriter(store, { kikLimitPerLandkreis: 10 }).addPerson({ name: 'Admin Test' }, SYSTEM)).id;
}
