import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { emptyBundle } from '../../src/domain/model.js';
import type Database from 'better-sqlite3';
import { demoHub, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';

// Issue 32: an id made from a name (imports bring them: person:clara-richter) keeps the name
// after erasure unless the person gets a new one, wherever the old one was written.

const CLARA = 'person:clara-richter';

/** Every text the store holds, as one string to search. */
async function everything(name: string, store: TestHub['store']): Promise<string> {
  if (name === 'embedded') {
    const db = (store as unknown as { db: Database.Database }).db;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return JSON.stringify(tables.map(({ name: t }) => db.prepare(`SELECT * FROM "${t}"`).all()));
  }
  const driver = neo4j.driver(inject('neo4jUri'));
  try {
    const nodes = await driver.executeQuery('MATCH (n) RETURN properties(n) AS p');
    const relationships = await driver.executeQuery('MATCH ()-[r]->() RETURN properties(r) AS p');
    return JSON.stringify([...nodes.records, ...relationships.records].map((r) => r.get('p')));
  } finally {
    await driver.close();
  }
}

describe.each(storeFactories)('erasure leaves no name in an id on the $name store', (factory) => {
  let hub: TestHub;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    hub = await demoHub(opened.store);
  });
  afterAll(async () => dispose?.());

  it('gives a person whose id carries their name a new id everywhere, and keeps what they did', async () => {
    const bundle = emptyBundle();
    bundle.persons.push({
      kind: 'Person',
      id: CLARA,
      name: 'Clara Richter',
      languages: ['de'],
      channels: [],
      demo: false,
    });
    bundle.roles.push({ id: 'role:clara-1', personId: CLARA, role: 'VOLUNTEER', scopeId: 'alliance:demo-14627-1' });
    bundle.links.push({
      id: 'link:clara-1',
      type: 'COOPERATES_WITH',
      fromId: CLARA,
      toId: 'person:demo-14627-kik-1',
      since: '2025-01-01',
      note: `Tandem mit ${CLARA}`,
    });
    await hub.services.writer.apply(bundle, { actor: SYSTEM, action: 'import' });
    const clara = await hub.services.identities.viewerOfPerson(CLARA);
    const request = await hub.services.requests.file(
      { place: 'Radebeul', topic: null, text: 'Wer hilft beim Umzug?' },
      clara,
    );
    await hub.token('VOLUNTEER', CLARA);
    expect(await everything(factory.name, hub.store)).toContain('clara-richter');

    await hub.services.personalData.erase(CLARA, SYSTEM);

    expect(await everything(factory.name, hub.store)).not.toMatch(/clara-richter|Clara Richter/);
    expect((await hub.store.entitiesByIds([CLARA]))[0]).toBeNull();
    const [role] = await hub.store.lifecycle.rolesByIds(['role:clara-1']);
    expect(role!.personId).not.toBe(CLARA);
    const [placeholder] = await hub.store.entitiesByIds([role!.personId]);
    expect(placeholder).toMatchObject({ kind: 'Person', name: 'Gelöschte Person' });
    const [links] = await hub.store.linksOf([role!.personId]);
    expect(links!.map((l) => l.toId)).toContain('person:demo-14627-kik-1');
    const stored = await hub.store.requests.requestById(request.id);
    expect(stored!.requesterId).toBe(role!.personId);
  });

  it('keeps the ids the hub made itself, which carry no name', async () => {
    const person = await hub.services.writer.addPerson({ name: 'Dora Daten', languages: [], channels: [] }, SYSTEM);
    await hub.services.personalData.erase(person.id, SYSTEM);
    expect((await hub.store.entitiesByIds([person.id]))[0]).toMatchObject({ name: 'Gelöschte Person' });
  });
});
