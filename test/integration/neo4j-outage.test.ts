import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import { freePort, launchNeo4j, type RunningNeo4j } from '../../graph/neo4j/server/launch.js';
import { demoHub, gql } from '../support/hub.js';

// A Neo4j of its own, stopped under the running hub and started again on the same port.

const home = mkdtempSync(join(tmpdir(), 'hub-outage-'));
let neo4j: RunningNeo4j | null = null;
afterAll(async () => {
  await neo4j?.stop();
  rmSync(home, { recursive: true, force: true });
});

it('answers with a typed "store unavailable" error while Neo4j is down, and recovers without a restart', async () => {
  const port = await freePort();
  neo4j = await launchNeo4j({ homeDir: home, port });
  const store = await Neo4jStore.connect({ uri: neo4j.uri });
  // Seeding reads districts (the demo articles name theirs); a hub opened afresh has read nothing yet.
  await demoHub(store);
  const hub = await demoHub(store);
  const query = '{ district(ags: "14627") { name municipalities { name } } }';
  expect((await gql(hub.yoga, query)).data!.district.name).toBe('Meißen');

  await neo4j.stop();
  neo4j = null;
  const started = Date.now();
  // What must come from the store gets a typed error; what the hub read before still answers.
  const during = await Promise.all([
    gql(hub.yoga, '{ district(ags: "14612") { name } }'),
    gql(hub.yoga, '{ districts { ags } }'),
  ]);
  for (const answer of during) {
    expect(answer.errors![0]).toMatchObject({
      extensions: { code: 'STORE_UNAVAILABLE' },
      message: expect.stringContaining('nicht erreichbar'),
    });
  }
  expect(Date.now() - started).toBeLessThan(20_000);
  expect((await gql(hub.yoga, query)).data!.district.name).toBe('Meißen');

  neo4j = await launchNeo4j({ homeDir: home, port });
  await expect
    .poll(async () => (await gql(hub.yoga, '{ district(ags: "14612") { name } }')).data?.district?.name, {
      timeout: 30_000,
      interval: 500,
    })
    .toBe('Dresden');
  await store.close();
}, 120_000);
