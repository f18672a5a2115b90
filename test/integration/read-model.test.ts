import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { DomainError } from '../../src/domain/errors.js';
import { districtId } from '../../src/domain/ids.js';
import { LINK_TYPES, type Entity } from '../../src/domain/model.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { Analytics } from '../../src/services/analysis/analytics.js';
import { NetworkGraph, type CollaborationGraph } from '../../src/services/analysis/network-graph.js';
import { createServices, type HubServices } from '../../src/services/hub-services.js';
import { ContactFinder } from '../../src/services/reads/contacts.js';
import { Directory } from '../../src/services/reads/directory.js';
import { NameIndex } from '../../src/services/reads/name-index.js';
import { TopicExperts } from '../../src/services/reads/topic-experts.js';
import { countingStore } from '../support/counting-store.js';
import { LANDKREIS, NACHBARKREIS, smallNetwork } from '../support/mothers.js';
import { storeFactories } from '../support/stores.js';

// Issue 20: the read side follows changes instead of throwing everything away. After any
// sequence of changes (adds, updates, endings, merges), the graph, the cached reads, the name
// index and the analytics a running hub answers from equal what a hub started afresh on the same
// store reads; and a change reads only what it touched, never the whole network again.

const RULES = { kikLimitPerLandkreis: 3 };
const NOW = new Date('2026-11-20T10:00:00Z');
const now = () => NOW;
const admin = { ...SYSTEM, personId: 'person:kk-1' };
const DISTRICTS = [LANDKREIS, NACHBARKREIS];

/** A graph as plain data, in a fixed order, so two graphs compare whole. */
function plain(graph: CollaborationGraph) {
  const nodes = graph.mapNodes((id, attrs) => ({ id, ...attrs })).sort((a, b) => a.id.localeCompare(b.id));
  const edges = graph
    .mapEdges((_e, attrs, source, target) => ({ ends: [source, target].sort().join(' – '), source, ...attrs }))
    .sort((a, b) => a.ends.localeCompare(b.ends));
  return { nodes, edges };
}

type Step =
  | { op: 'addMunicipality'; district: number; name: number }
  | { op: 'addVolunteer'; pick: number; name: number }
  | { op: 'addKik'; pick: number; name: number }
  | { op: 'addAlliance'; district: number; name: number; topic: boolean }
  | { op: 'link'; from: number; to: number; type: number }
  | { op: 'addExpert'; pick: number }
  | { op: 'addProject'; town: number; partner: number; name: number }
  | { op: 'moveProject'; pick: number; town: number; status: number }
  | { op: 'renameMunicipality'; pick: number; name: number; population: number }
  | { op: 'renamePerson'; pick: number; name: number }
  | { op: 'endRole'; pick: number }
  | { op: 'endLink'; pick: number }
  | { op: 'endAlliance'; pick: number }
  | { op: 'mergeMunicipalities'; a: number; b: number; name: number }
  | { op: 'request'; who: number; town: number }
  | { op: 'read'; district: number };

const nat = fc.nat(1000);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('addMunicipality' as const), district: nat, name: nat }),
  fc.record({ op: fc.constant('addVolunteer' as const), pick: nat, name: nat }),
  fc.record({ op: fc.constant('addKik' as const), pick: nat, name: nat }),
  fc.record({ op: fc.constant('addAlliance' as const), district: nat, name: nat, topic: fc.boolean() }),
  fc.record({ op: fc.constant('link' as const), from: nat, to: nat, type: nat }),
  fc.record({ op: fc.constant('addExpert' as const), pick: nat }),
  fc.record({ op: fc.constant('addProject' as const), town: nat, partner: nat, name: nat }),
  fc.record({ op: fc.constant('moveProject' as const), pick: nat, town: nat, status: nat }),
  fc.record({ op: fc.constant('renameMunicipality' as const), pick: nat, name: nat, population: nat }),
  fc.record({ op: fc.constant('renamePerson' as const), pick: nat, name: nat }),
  fc.record({ op: fc.constant('endRole' as const), pick: nat }),
  fc.record({ op: fc.constant('endLink' as const), pick: nat }),
  fc.record({ op: fc.constant('endAlliance' as const), pick: nat }),
  fc.record({ op: fc.constant('mergeMunicipalities' as const), a: nat, b: nat, name: nat }),
  fc.record({ op: fc.constant('request' as const), who: nat, town: nat }),
  fc.record({ op: fc.constant('read' as const), district: nat }),
);

const pick = <T>(list: readonly T[], n: number): T | undefined => list[n % Math.max(list.length, 1)];

async function current(store: GraphStore) {
  const snapshot = await store.networkSnapshot();
  const of = (kind: Entity['kind']) => snapshot.entities.filter((e) => e.kind === kind).map((e) => e.id);
  return { snapshot, of };
}

async function run(services: HubServices, store: GraphStore, s: Step): Promise<void> {
  const { snapshot, of } = await current(store);
  const actors = snapshot.entities.filter((e) => e.kind !== 'Topic' && e.kind !== 'District').map((e) => e.id);
  switch (s.op) {
    case 'addMunicipality':
      await services.writer.addMunicipality(
        { name: `Ort ${s.name}`, districtAgs: pick(DISTRICTS, s.district)! },
        admin,
      );
      return;
    case 'addVolunteer': {
      const alliance = pick(of('Alliance'), s.pick);
      if (!alliance) return;
      const p = await services.writer.addPerson({ name: `Person ${s.name}`, languages: ['de'], channels: [] }, admin);
      await services.writer.assignRole({ personId: p.id, role: 'VOLUNTEER', scopeId: alliance }, admin);
      return;
    }
    case 'addKik': {
      // A KIK of a district, serving one of its towns.
      const town = pick(
        snapshot.entities.filter((e) => e.kind === 'Municipality'),
        s.pick,
      );
      if (!town) return;
      const p = await services.writer.addPerson({ name: `KIK ${s.name}`, languages: ['de'], channels: [] }, admin);
      await services.writer.assignRole({ personId: p.id, role: 'KIK', scopeId: districtId(town.districtAgs!) }, admin);
      await services.writer.link({ type: 'SERVES', fromId: p.id, toId: town.id, since: '2026-01-01' }, admin);
      return;
    }
    case 'addAlliance':
      await services.writer.addAlliance(
        {
          name: `Bündnis ${s.name}`,
          districtAgs: pick(DISTRICTS, s.district)!,
          topicIds: s.topic ? ['topic:language'] : [],
        },
        admin,
      );
      return;
    case 'link': {
      const from = pick(actors, s.from);
      const to = pick(actors, s.to);
      if (!from || !to || from === to) return;
      await services.writer.link(
        { type: pick(LINK_TYPES, s.type)!, fromId: from, toId: to, since: '2025-03-01' },
        admin,
      );
      return;
    }
    case 'addExpert': {
      const person = pick(of('Person'), s.pick);
      if (person)
        await services.writer.link({ type: 'EXPERT_IN', fromId: person, toId: 'topic:language', since: null }, admin);
      return;
    }
    case 'addProject': {
      // A project in a town, with an alliance or institution of the network as its partner.
      const town = pick(
        snapshot.entities.filter((e) => e.kind === 'Municipality' && !e.until),
        s.town,
      );
      if (!town) return;
      const partner = pick(
        snapshot.entities.filter((e) => (e.kind === 'Alliance' || e.kind === 'Institution') && !e.until),
        s.partner,
      );
      await services.projects.create(
        {
          name: `Projekt ${s.name}`,
          districtAgs: town.districtAgs!,
          municipalityId: town.id,
          partnerIds: partner ? [partner.id] : [],
        },
        admin,
      );
      return;
    }
    case 'moveProject': {
      const project = pick(
        snapshot.entities.filter((e) => e.kind === 'Project'),
        s.pick,
      );
      const town = pick(
        snapshot.entities.filter(
          (e) => e.kind === 'Municipality' && !e.until && e.districtAgs === project?.districtAgs,
        ),
        s.town,
      );
      if (project && town)
        await services.projects.update(
          project.id,
          { municipalityId: town.id, status: pick(['RUNNING', 'FINISHED'], s.status) },
          null,
          admin,
        );
      return;
    }
    case 'renameMunicipality': {
      const id = pick(of('Municipality'), s.pick);
      if (id)
        await services.reviser.update(
          'Municipality',
          id,
          { name: `Stadt ${s.name}`, population: s.population },
          null,
          admin,
        );
      return;
    }
    case 'renamePerson': {
      const id = pick(of('Person'), s.pick);
      if (id) await services.reviser.update('Person', id, { name: `Neu ${s.name}` }, null, admin);
      return;
    }
    case 'endRole': {
      const role = pick(snapshot.roles, s.pick);
      if (role) await services.reviser.endRole({ id: role.id }, null, admin);
      return;
    }
    case 'endLink': {
      const link = pick(snapshot.links, s.pick);
      if (link) await services.reviser.endLink({ id: link.id }, admin);
      return;
    }
    case 'endAlliance': {
      const id = pick(of('Alliance'), s.pick);
      if (id) await services.reviser.endRecord({ id }, admin);
      return;
    }
    case 'mergeMunicipalities': {
      const towns = snapshot.entities.filter((e) => e.kind === 'Municipality' && e.districtAgs === LANDKREIS);
      const a = pick(towns, s.a);
      const b = pick(towns, s.b);
      if (!a || !b || a.id === b.id) return;
      await services.merger.mergeMunicipalities([a.id, b.id], { name: `Vereint ${s.name}` }, admin);
      return;
    }
    case 'request': {
      // A routed request ties its requester to the one who handles it.
      const who = pick(of('Person'), s.who);
      const town = pick(
        snapshot.entities.filter((e) => e.kind === 'Municipality'),
        s.town,
      );
      if (!who || !town) return;
      const viewer = { personId: who, access: 'VOLUNTEER' as const, districtAgs: null, personalData: false, roles: [] };
      await services.requests.file({ place: town.name, topic: null, text: 'Wer hilft beim Umzug?' }, viewer);
      return;
    }
    case 'read':
      // Reads between changes fill the caches that the next change must keep right.
      await services.network.view({
        districtAgs: pick(DISTRICTS, s.district)!,
        depth: 1,
        kinds: null,
        aggregate: false,
      });
      await warmReads(services, store);
      await services.analytics.centrality(pick(DISTRICTS, s.district)!);
  }
}

/** Reads every cached answer once through the hub's (caching) store. */
async function warmReads(services: HubServices, store: GraphStore) {
  const ids = (await store.lifecycle.historySnapshot()).entities.map((e) => e.id);
  await Promise.all([
    ...(['Municipality', 'Person', 'Alliance'] as const).flatMap((kind) => [
      services.store.listEntities({ kind, districtAgs: LANDKREIS, limit: 100 }),
      services.store.countEntities({ kind, districtAgs: LANDKREIS }),
    ]),
    services.store.entitiesByIds(ids),
    services.store.rolesOfPersons(ids),
    services.store.rolesInScopes(ids),
    services.store.linksOf(ids),
    services.store.districtsByAgs(DISTRICTS),
    services.store.municipalitiesOfDistricts(DISTRICTS),
    services.names.municipalities(),
  ]);
  await contactsOfEveryPlace(services.contacts, services.store);
}

/** Whom to ask about the one topic in every town and city, as plain data. */
async function contactsOfEveryPlace(contacts: ContactFinder, store: GraphStore) {
  const places = [
    ...(await store.municipalityDirectory()).map((m) => m.name),
    ...(await store.listDistricts()).filter((d) => d.districtKind === 'KREISFREIE_STADT').map((d) => d.name),
  ];
  return Promise.all(
    places.map(async (place) => {
      const answer = await contacts.find(new Directory(store), place, 'Sprache', 'de');
      return answer.contacts
        .map((c) => `${c.role} ${(c.person ?? c.alliance ?? c.institution)?.id} ${c.reason}`)
        .sort();
    }),
  );
}

async function expectSameAsFresh(services: HubServices, store: GraphStore) {
  const fresh = new NetworkGraph(store, undefined, now);
  expect(plain(await services.network.graph())).toEqual(plain(await fresh.graph()));
  const ids = (await store.lifecycle.historySnapshot()).entities.map((e) => e.id);
  // Lists per key compare as sets: a store need not answer them in a fixed order.
  const bySet = (answers: unknown[]) =>
    answers.map((a) => (Array.isArray(a) ? [...(a as { id: string }[])].sort((x, y) => x.id.localeCompare(y.id)) : a));
  for (const method of ['entitiesByIds', 'rolesOfPersons', 'rolesInScopes', 'linksOf'] as const)
    expect(bySet(await services.store[method](ids)), method).toEqual(bySet(await store[method](ids)));
  expect(await services.store.districtsByAgs(DISTRICTS)).toEqual(await store.districtsByAgs(DISTRICTS));
  expect(await services.store.municipalitiesOfDistricts(DISTRICTS)).toEqual(
    await store.municipalitiesOfDistricts(DISTRICTS),
  );
  expect(await services.names.municipalities()).toEqual(await store.municipalityDirectory());
  expect(await contactsOfEveryPlace(services.contacts, services.store)).toEqual(
    await contactsOfEveryPlace(new ContactFinder(new NameIndex(store), new TopicExperts()), store),
  );
  for (const kind of ['Municipality', 'Person', 'Alliance'] as const) {
    const listing = { kind, districtAgs: LANDKREIS, limit: 100 };
    expect(await services.store.listEntities(listing)).toEqual(await store.listEntities(listing));
    expect(await services.store.countEntities(listing)).toEqual(await store.countEntities(listing));
  }
  const freshAnalytics = new Analytics(fresh, RULES, now);
  for (const ags of DISTRICTS) {
    // Sums of floating point numbers differ in their last digits with the order of the graph's nodes.
    const rounded = (list: { id: string; degree: number; betweenness: number }[]) =>
      list
        .map((c) => ({ ...c, betweenness: Math.round(c.betweenness * 1e9) }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(rounded(await services.analytics.centrality(ags))).toEqual(rounded(await freshAnalytics.centrality(ags)));
    expect(await services.analytics.isolatedAlliances(ags)).toEqual(await freshAnalytics.isolatedAlliances(ags));
  }
  const view = { districtAgs: LANDKREIS, depth: 2, kinds: null, aggregate: false } as const;
  const sorted = <T extends { id?: string; source?: string; target?: string }>(list: T[]) =>
    [...list].sort((a, b) =>
      `${a.id ?? ''}${a.source ?? ''}${a.target ?? ''}`.localeCompare(
        `${b.id ?? ''}${b.source ?? ''}${b.target ?? ''}`,
      ),
    );
  const mine = await services.network.view(view);
  const theirs = await fresh.view(view);
  expect(sorted(mine.nodes)).toEqual(sorted(theirs.nodes));
  expect(sorted(mine.edges)).toEqual(sorted(theirs.edges));
}

describe.each(storeFactories)('the read model follows changes on the $name store', (factory) => {
  it('equals one read afresh from the store after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: factory.name === 'neo4j' ? 10 : 16 }),
        async (steps) => {
          const { store, dispose } = await factory.open();
          try {
            const services = createServices(store, { rules: RULES, now });
            await services.writer.apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
            await warmReads(services, store);
            await services.network.graph();
            for (const s of steps) {
              try {
                await run(services, store, s);
              } catch (error) {
                // Refused by the rules (a fifth KIK, a merge of what ended): nothing changed.
                if (!(error instanceof DomainError)) throw error;
              }
            }
            await expectSameAsFresh(services, store);
          } finally {
            await dispose();
          }
        },
      ),
      { numRuns: factory.name === 'neo4j' ? 8 : Number(process.env.READ_MODEL_RUNS ?? 30) },
    );
  }, 240_000);

  it('keeps the figures of other districts when a town changes, though a topic ties them together', async () => {
    const { store, dispose } = await factory.open();
    try {
      const services = createServices(store, { rules: RULES, now });
      await services.writer.apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
      // The Koordinationskraft of the Landkreis is an expert on a topic an alliance next door works on.
      await services.writer.link(
        { type: 'EXPERT_IN', fromId: 'person:kk-1', toId: 'topic:language', since: '2025-01-01' },
        admin,
      );
      await services.writer.addAlliance(
        { name: 'Sprachbündnis Pirna', districtAgs: NACHBARKREIS, topicIds: ['topic:language'] },
        admin,
      );
      await services.network.graph();
      const revision = services.network.revision();
      const town = (await store.municipalitiesOfDistricts([LANDKREIS]))[0]![0]!;
      await services.reviser.update('Municipality', town.id, { population: 12_345 }, null, admin);
      await services.network.graph();
      expect(services.network.changedSince(revision, LANDKREIS)).toBe(true);
      // Found at Germany scale: one town's population made every district's figures stale, through
      // the topics its district's people share with the rest of the country.
      expect(services.network.changedSince(revision, NACHBARKREIS)).toBe(false);
    } finally {
      await dispose();
    }
  });

  it('keeps who a token stands for across changes to others, and follows a change to its person at once', async () => {
    const { store: raw, dispose } = await factory.open();
    try {
      let tokenReads = 0;
      const tokens = new Proxy(raw.tokens, {
        get(target, property, receiver) {
          if (property === 'tokenByHash') tokenReads++;
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
      const store = new Proxy(raw, {
        get(target, property, receiver) {
          if (property === 'tokens') return tokens;
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
      const services = createServices(store, { rules: RULES, now });
      await services.writer.apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
      const { secret } = await services.access.create(
        { personId: 'person:vol-1', access: 'COORDINATOR', label: 'x' },
        SYSTEM,
      );
      expect((await services.access.authenticate(secret))?.roles).toEqual(['VOLUNTEER']);
      expect(tokenReads).toBe(1);
      // Found at Germany scale: every write elsewhere (a town's population) dropped every
      // caller's token, so the first read after any write waited for the store twice.
      const town = (await store.municipalitiesOfDistricts([LANDKREIS]))[0]![0]!;
      await services.reviser.update('Municipality', town.id, { population: 4_321 }, null, admin);
      await services.access.authenticate(secret);
      expect(tokenReads).toBe(1);
      // A new role of the token's own person counts at the next request.
      await services.writer.assignRole(
        { personId: 'person:vol-1', role: 'KIK', scopeId: districtId(LANDKREIS) },
        admin,
      );
      expect((await services.access.authenticate(secret))?.roles).toEqual(expect.arrayContaining(['VOLUNTEER', 'KIK']));
      expect(tokenReads).toBe(2);
    } finally {
      await dispose();
    }
  });

  it('reads only what a change touched, never the whole network again', async () => {
    const { store: raw, dispose } = await factory.open();
    try {
      const counted = countingStore(raw);
      let snapshots = 0;
      const store = new Proxy(counted.store, {
        get(target, property, receiver) {
          if (property === 'networkSnapshot') snapshots++;
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
      const services = createServices(store, { rules: RULES, now });
      await services.writer.apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
      const before = await services.network.view({ districtAgs: LANDKREIS, depth: 1, kinds: null, aggregate: false });
      await services.store.rolesInScopes([districtId(NACHBARKREIS)]);
      expect(snapshots).toBe(1);

      const town = await services.writer.addMunicipality({ name: 'Weinböhla', districtAgs: LANDKREIS }, admin);
      const after = await services.network.view({ districtAgs: LANDKREIS, depth: 1, kinds: null, aggregate: false });
      expect(after.nodes.map((n) => n.id)).toContain(town.id);
      expect(after.nodes).toHaveLength(before.nodes.length + 1);
      expect(snapshots).toBe(1);
      // The other district's answers stay cached: no round trip for them.
      counted.reset();
      await services.store.rolesInScopes([districtId(NACHBARKREIS)]);
      expect(counted.calls()).toBe(0);
    } finally {
      await dispose();
    }
  });
});
