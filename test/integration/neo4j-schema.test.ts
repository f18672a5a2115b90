import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import neo4j from 'neo4j-driver';
import { afterAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { BUMP_STATEMENT } from '../../graph/neo4j/change-sequence.js';
import { MIGRATION_VERSIONS } from '../../graph/neo4j/migrations.js';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { LANDKREIS, municipality, smallNetwork } from '../support/mothers.js';
import { districtId } from '../../src/domain/ids.js';
import { createServices } from '../../src/services/hub-services.js';

const driver = neo4j.driver(inject('neo4jUri'));
afterAll(() => driver.close());

it('records each migration once, however often the hub connects', async () => {
  await (await Neo4jStore.connect({ uri: inject('neo4jUri') })).close();
  await (await Neo4jStore.connect({ uri: inject('neo4jUri') })).close();
  const { records } = await driver.executeQuery('MATCH (m:Migration) RETURN m.version AS v, count(*) AS n ORDER BY v');
  expect(records.map((r) => [r.get('v').toNumber(), r.get('n').toNumber()])).toEqual(
    MIGRATION_VERSIONS.map((v) => [v, 1]),
  );
  const indexes = await driver.executeQuery('SHOW INDEXES YIELD name RETURN collect(name) AS names');
  expect(indexes.records[0]!.get('names')).toEqual(
    expect.arrayContaining(['entity_id', 'entity_kind', 'municipality_district', 'role_scope']),
  );
  // Names are searched in memory: a text index would cost every write that stores a name.
  expect(indexes.records[0]!.get('names')).not.toContain('entity_name_key');
});

it('stores integers as integers and the structure as relationships analysts can traverse', async () => {
  const store = await Neo4jStore.connect({ uri: inject('neo4jUri') });
  await store.deleteEverything();
  await new NetworkWriter(store, { kikLimitPerLandkreis: 10 }).apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
  await store.close();
  const { records } = await driver.executeQuery(
    `MATCH (m:Municipality {name: 'Radebeul'})-[:PART_OF]->(d:District)
     MATCH (p:Person)-[:HOLDS]->(:RoleAssignment {role: 'KIK'})-[:IN]->(d)
     MATCH (p)-[:SERVES]->(m)
     RETURN d.population AS population, valueType(d.population) AS type, p.name AS kik`,
  );
  expect(records).toHaveLength(1);
  expect(records[0]!.get('type')).toBe('INTEGER NOT NULL');
  expect(records[0]!.get('population').toNumber()).toBe(123_456);
  expect(records[0]!.get('kik')).toBe('Anna Weber');
});

it('lets a write commit while another writer’s transaction is still open (the change counter is no queue)', async () => {
  const store = await Neo4jStore.connect({ uri: inject('neo4jUri') });
  await store.deleteEverything();
  const writer = new NetworkWriter(store, { kikLimitPerLandkreis: 10 });
  const before = await store.writes.changeSequence();
  // Another instance in the middle of a network write: it has counted its change, not yet committed.
  const session = driver.session();
  const open = session.beginTransaction();
  await open.run(BUMP_STATEMENT);
  try {
    const added = await Promise.race([
      writer.addPerson({ name: 'Nebenläufig' }, SYSTEM),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000)),
    ]);
    expect(added?.name, 'the write waited for the other transaction').toBe('Nebenläufig');
    expect(await store.writes.changeSequence()).toBe(before + 1);
  } finally {
    await open.commit();
    await session.close();
  }
  expect(await store.writes.changeSequence()).toBe(before + 2);
  await store.close();
});

it('edits a town while its district is held by another transaction, and still draws what follows from the fields', async () => {
  const store = await Neo4jStore.connect({ uri: inject('neo4jUri') });
  await store.deleteEverything();
  await new NetworkWriter(store, { kikLimitPerLandkreis: 10 }).apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
  const { reviser } = createServices(store, { rules: { kikLimitPerLandkreis: 10 } });
  const radebeul = municipality(LANDKREIS, 'Radebeul');
  // Another writer in the middle of a change to the district (a role added there, say).
  const session = driver.session();
  const open = session.beginTransaction();
  await open.run('MATCH (d:District {id: $id}) SET d.lock = true', { id: districtId(LANDKREIS) });
  try {
    const edited = await Promise.race([
      reviser.update('Municipality', radebeul.id, { population: 34_000 }, null, SYSTEM),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000)),
    ]);
    expect(edited, 'editing the town waited for its district').not.toBeNull();
  } finally {
    await open.rollback();
    await session.close();
  }
  const { records } = await driver.executeQuery(
    `MATCH (m:Municipality {id: $id}) OPTIONAL MATCH (m)-[p:PART_OF]->(d:District) RETURN m.population AS population, collect(d.ags) AS districts`,
    { id: radebeul.id },
  );
  expect(records[0]!.get('population').toNumber()).toBe(34_000);
  expect(records[0]!.get('districts')).toEqual([LANDKREIS]);
  await store.close();
});

it('lets a write of other records go ahead while a write waits for a record another transaction holds', async () => {
  const store = await Neo4jStore.connect({ uri: inject('neo4jUri') });
  await store.deleteEverything();
  const writer = new NetworkWriter(store, { kikLimitPerLandkreis: 10 });
  await writer.apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
  const session = driver.session();
  const open = session.beginTransaction();
  await open.run('MATCH (d:District {id: $id}) SET d.lock = true', { id: districtId(LANDKREIS) });
  // A role in that district waits for the district (the KIK limit is checked under its lock).
  const waiting = writer.assignRole({ personId: 'person:vol-1', role: 'KIK', scopeId: districtId(LANDKREIS) }, SYSTEM);
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const added = await Promise.race([
      writer.addPerson({ name: 'Nebenher' }, SYSTEM),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000)),
    ]);
    expect(added?.name, 'adding a person waited for a write to another record').toBe('Nebenher');
  } finally {
    await open.rollback();
    await session.close();
  }
  expect((await waiting).scopeId).toBe(districtId(LANDKREIS));
  await store.close();
});

it('writes people added at once each exactly once, with an audit entry and a change counted for each', async () => {
  const store = await Neo4jStore.connect({ uri: inject('neo4jUri') });
  await store.deleteEverything();
  const writer = new NetworkWriter(store, { kikLimitPerLandkreis: 10 });
  await writer.apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
  const before = await store.writes.changeSequence();
  const names = Array.from({ length: 30 }, (_, i) => `Gleichzeitig ${i + 1}`);
  const added = await Promise.all(names.map((name) => writer.addPerson({ name }, SYSTEM)));
  const { records } = await driver.executeQuery(
    "MATCH (p:Person) WHERE p.name STARTS WITH 'Gleichzeitig' RETURN p.name AS name, count(p) AS copies",
  );
  expect(records.map((r) => r.get('name')).sort()).toEqual([...names].sort());
  expect(records.every((r) => r.get('copies').toNumber() === 1)).toBe(true);
  for (const person of added) expect(await store.writes.auditOf(person.id, 5)).toHaveLength(1);
  expect(await store.writes.changeSequence()).toBe(before + names.length);
  await store.close();
});
