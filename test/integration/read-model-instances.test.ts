import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { districtId } from '../../src/domain/ids.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { NetworkGraph, type CollaborationGraph } from '../../src/services/analysis/network-graph.js';
import { createServices, type HubServices } from '../../src/services/hub-services.js';
import { NetworkEvents } from '../../src/services/reads/network-events.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { bridgeEventsThroughRedis, type RedisBridge } from '../../src/server/redis-event-bridge.js';
import { LANDKREIS, smallNetwork } from '../support/mothers.js';
import { startRedis, type RunningRedis } from '../support/redis.js';

// Issue 20: two hub instances on one Neo4j, sharing changes through a real Redis, stay equal:
// each follows the other's changes from what the change says it touched, and one that missed
// changes (a gap in the other's numbering) reads everything anew.

const RULES = { kikLimitPerLandkreis: 3 };
const admin = { ...SYSTEM, personId: 'person:kk-1' };

function plain(graph: CollaborationGraph) {
  return {
    nodes: graph.mapNodes((id, attrs) => ({ id, ...attrs })).sort((a, b) => a.id.localeCompare(b.id)),
    edges: graph
      .mapEdges((_e, attrs, s, t) => ({ ends: [s, t].sort().join(' – '), source: s, ...attrs }))
      .sort((a, b) => a.ends.localeCompare(b.ends)),
  };
}

async function eventually(check: () => Promise<void>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('two instances through Redis', () => {
  let redis: RunningRedis;
  const stores: Neo4jStore[] = [];
  const bridges: RedisBridge[] = [];
  let a: HubServices;
  let b: HubServices;
  let store: GraphStore;

  const instance = async (): Promise<HubServices> => {
    const s = await Neo4jStore.connect({ uri: inject('neo4jUri') });
    stores.push(s);
    const events = new NetworkEvents();
    bridges.push(await bridgeEventsThroughRedis(events, redis.url, () => undefined));
    return createServices(s, { rules: RULES, events });
  };

  beforeAll(async () => {
    redis = await startRedis();
    store = await Neo4jStore.connect({ uri: inject('neo4jUri') });
    await store.deleteEverything();
    await new NetworkWriter(store, RULES).apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
    a = await instance();
    b = await instance();
    await Promise.all([a.network.graph(), b.network.graph()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(bridges.map((x) => x.close()));
    await Promise.all([...stores, store].map((s) => s?.close()));
    redis?.stop();
  });

  const fresh = async () => plain(await new NetworkGraph(store).graph());

  it('follow each other’s changes and stay equal', async () => {
    const town = await a.writer.addMunicipality({ name: 'Weinböhla', districtAgs: LANDKREIS }, admin);
    const p = await b.writer.addPerson({ name: 'Mira Hoffmann', languages: ['de'], channels: [] }, admin);
    await a.writer.assignRole({ personId: p.id, role: 'KIK', scopeId: districtId(LANDKREIS) }, admin);
    await b.writer.link({ type: 'SERVES', fromId: p.id, toId: town.id, since: '2026-01-01' }, admin);
    await b.reviser.update('Municipality', town.id, { name: 'Weinböhla (Elbe)' }, null, admin);
    const links = await store.linksOf(['person:kik-1']);
    await a.reviser.endLink({ id: links[0]![0]!.id }, admin);
    const expected = await fresh();
    await eventually(async () => {
      expect(plain(await a.network.graph())).toEqual(expected);
      expect(plain(await b.network.graph())).toEqual(expected);
    });
    expect((await b.names.municipalities()).map((m) => m.name)).toContain('Weinböhla (Elbe)');
    expect(await b.store.rolesInScopes([town.id])).toEqual(await store.rolesInScopes([town.id]));
  });

  it('an instance that missed changes reads everything anew', async () => {
    // A write the instances are not told of, then a change from a third instance whose first
    // messages were lost: its numbering starts at 3.
    await new NetworkWriter(store, RULES).addMunicipality({ name: 'Moritzburg', districtAgs: LANDKREIS }, admin);
    const publisher = new Redis(redis.url);
    const envelope = (sequence: number) =>
      JSON.stringify({
        origin: 'third-instance',
        sequence,
        change: { action: 'addTopic', subjectIds: [], at: new Date().toISOString(), touched: { entityIds: [] } },
      });
    await publisher.publish('integration-hub:network-changed', envelope(1));
    await publisher.publish('integration-hub:network-changed', envelope(3));
    await publisher.quit();
    const expected = await fresh();
    expect(expected.nodes.map((n) => n.name)).toContain('Moritzburg');
    await eventually(async () => expect(plain(await b.network.graph())).toEqual(expected));
    await eventually(async () => expect(plain(await a.network.graph())).toEqual(expected));
  });
});
