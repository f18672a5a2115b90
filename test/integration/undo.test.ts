import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { GraphStore, NetworkSnapshot } from '../../src/domain/ports/graph-store.port.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { NetworkGraph, type CollaborationGraph } from '../../src/services/analysis/network-graph.js';
import { createServices, type HubServices } from '../../src/services/hub-services.js';
import { consoleChat } from '../support/console-chat.js';
import { demoHub } from '../support/hub.js';
import { LANDKREIS, smallNetwork } from '../support/mothers.js';
import { storeFactories } from '../support/stores.js';

// Issue 34: a change taken back leaves the network as it was. Any sequence of changes (role ends
// with or without a successor, link and alliance ends, edits, mergers) followed by taking each
// back, newest first, leaves the stored network and the read model a running hub answers from
// equal to the original; the history keeps every change and every undo.

const RULES = { kikLimitPerLandkreis: 3 };
const NOW = new Date('2026-11-20T10:00:00Z');
const now = () => NOW;
const admin = { ...SYSTEM, personId: 'person:kk-1' };

type Step =
  | { op: 'endRole'; pick: number; successor: number | null }
  | { op: 'endLink'; pick: number }
  | { op: 'endAlliance'; pick: number }
  | { op: 'editMunicipality'; pick: number; population: number }
  | { op: 'mergeMunicipalities'; a: number; b: number; name: number };

const nat = fc.nat(1000);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('endRole' as const), pick: nat, successor: fc.option(nat, { nil: null }) }),
  fc.record({ op: fc.constant('endLink' as const), pick: nat }),
  fc.record({ op: fc.constant('endAlliance' as const), pick: nat }),
  fc.record({ op: fc.constant('editMunicipality' as const), pick: nat, population: nat }),
  fc.record({ op: fc.constant('mergeMunicipalities' as const), a: nat, b: nat, name: nat }),
);
const pick = <T>(list: readonly T[], n: number): T | undefined => list[n % Math.max(list.length, 1)];

async function run(services: HubServices, store: GraphStore, s: Step): Promise<void> {
  const snapshot = await store.networkSnapshot();
  const of = (kind: string) => snapshot.entities.filter((e) => e.kind === kind);
  switch (s.op) {
    case 'endRole': {
      const role = pick(snapshot.roles, s.pick);
      const successor = s.successor === null ? null : pick(of('Person'), s.successor);
      if (role) await services.reviser.endRole({ id: role.id }, successor?.id ?? null, admin);
      return;
    }
    case 'endLink': {
      const link = pick(snapshot.links, s.pick);
      if (link) await services.reviser.endLink({ id: link.id }, admin);
      return;
    }
    case 'endAlliance': {
      const alliance = pick(of('Alliance'), s.pick);
      if (alliance) await services.reviser.endRecord({ id: alliance.id }, admin);
      return;
    }
    case 'editMunicipality': {
      const town = pick(of('Municipality'), s.pick);
      if (town) await services.reviser.update('Municipality', town.id, { population: s.population }, null, admin);
      return;
    }
    case 'mergeMunicipalities': {
      const towns = of('Municipality').filter((e) => e.districtAgs === LANDKREIS);
      const a = pick(towns, s.a);
      const b = pick(towns, s.b);
      if (a && b && a.id !== b.id)
        await services.merger.mergeMunicipalities([a.id, b.id], { name: `Vereint ${s.name}` }, admin);
    }
  }
}

/** The network as people read it: records, roles and links that hold, without who changed them when. */
function asRead(snapshot: NetworkSnapshot) {
  const bookkeeping = /^(version|changedBy|changedAt|confirmedAt|checkedAt)$/;
  const entities = snapshot.entities
    .map((e) => Object.fromEntries(Object.entries(e).filter(([key]) => !bookkeeping.test(key))))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  return { entities, roles: byId(snapshot.roles), links: byId(snapshot.links) };
}

function plain(graph: CollaborationGraph) {
  const nodes = graph.mapNodes((id, attrs) => ({ id, ...attrs })).sort((a, b) => a.id.localeCompare(b.id));
  const edges = graph
    .mapEdges((_e, attrs, source, target) => ({ ends: [source, target].sort().join(' – '), ...attrs }))
    .sort((a, b) => a.ends.localeCompare(b.ends));
  return { nodes, edges };
}

describe.each(storeFactories)('taking changes back on the $name store', (factory) => {
  it('leaves the network and the read model as they were after any changes and their undos', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: factory.name === 'neo4j' ? 5 : 8 }), async (steps) => {
        const { store, dispose } = await factory.open();
        try {
          const services = createServices(store, { rules: RULES, now });
          await services.writer.apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
          const before = asRead(await store.networkSnapshot());
          const graphBefore = plain(await services.network.graph());
          for (const s of steps) {
            try {
              await run(services, store, s);
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
            }
          }
          const undoable = await services.undo.undoable(admin);
          for (const change of undoable) await services.undo.undo(change.id, admin);
          expect(await services.undo.undoable(admin)).toEqual([]);
          expect(asRead(await store.networkSnapshot())).toEqual(before);
          expect(plain(await services.network.graph())).toEqual(graphBefore);
          expect(plain(await new NetworkGraph(store, undefined, now).graph())).toEqual(graphBefore);
        } finally {
          await dispose();
        }
      }),
      { numRuns: factory.name === 'neo4j' ? 10 : 40 },
    );
  }, 240_000);

  it('refuses to take back a change made over by a later one, and one taken back already', async () => {
    const { store, dispose } = await factory.open();
    try {
      const services = createServices(store, { rules: RULES, now });
      await services.writer.apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
      const [town] = (await store.municipalitiesOfDistricts([LANDKREIS]))[0]!;
      await services.reviser.update('Municipality', town!.id, { population: 1000 }, null, admin);
      const [edit] = await services.undo.undoable(admin);
      await services.reviser.update('Municipality', town!.id, { population: 2000 }, null, {
        ...SYSTEM,
        personId: 'person:kik-1',
      });
      await expect(services.undo.undo(edit!.id, admin)).rejects.toMatchObject({ code: 'EDIT_CONFLICT' });
      const [role] = (await store.rolesOfPersons(['person:vol-1']))[0]!;
      await services.reviser.endRole({ id: role!.id }, null, admin);
      const [ended] = await services.undo.undoable(admin);
      expect((await services.undo.undo(ended!.id, admin, { dryRun: true })).done).toBe(false);
      expect((await store.rolesOfPersons(['person:vol-1']))[0]).toEqual([]);
      await services.undo.undo(ended!.id, admin);
      expect((await store.rolesOfPersons(['person:vol-1']))[0]!.map((r) => r.id)).toEqual([role!.id]);
      await expect(services.undo.undo(ended!.id, admin)).rejects.toMatchObject({ code: 'UNDO_NOT_POSSIBLE' });
      await expect(
        services.undo.undo(ended!.id, { ...SYSTEM, access: 'COORDINATOR', personId: 'person:kik-1' }),
      ).rejects.toMatchObject({
        code: 'UNDO_NOT_POSSIBLE',
      });
      // The history keeps the change and its undo, the undo after it.
      const history = (await store.writes.auditOf(role!.id, 10)).map((e) => e.action).filter((a) => a !== 'seed');
      expect(history).toEqual(['undoChange', 'endRole']);
    } finally {
      await dispose();
    }
  });
});

it('takes a merger back in chat: listed, previewed, confirmed, and both towns answer again (issue 34)', async () => {
  const hub = await demoHub();
  const coordinator = consoleChat(hub, { kk: 'person:demo-14627-koordinationskraft' });
  const [towns] = await hub.store.municipalitiesOfDistricts(['14627']);
  const [a, b] = towns!.filter((t) => t.name === 'Radebeul' || t.name === 'Coswig');
  const asked = await coordinator('kk', `!zusammenführen ${a!.name} + ${b!.name} zu Elbaue`);
  const kik = /betreut: (.+) oder /.exec(asked)![1]!;
  expect(await coordinator('kk', `!zusammenführen ${a!.name} + ${b!.name} zu Elbaue betreut von ${kik}`)).toContain(
    'Vorschau',
  );
  expect(await coordinator('kk', '!ja')).toContain('Zusammengeführt in Elbaue');
  const listed = await coordinator('kk', '!rückgängig');
  expect(listed).toMatch(/^Ihre Änderungen, die Sie zurücknehmen können:\n1\. .+: Gemeinden zusammengeführt/);
  const preview = await coordinator('kk', '!rückgängig 1');
  expect(preview).toContain('Vorschau – zurücknehmen: Gemeinden zusammengeführt');
  expect(preview).toContain('endet wieder: Elbaue');
  expect((await hub.store.municipalitiesOfDistricts(['14627']))[0]!.map((t) => t.name)).toContain('Elbaue');
  const done = await coordinator('kk', '!ja');
  expect(done).toContain('Zurückgenommen: Gemeinden zusammengeführt');
  const names = (await hub.store.municipalitiesOfDistricts(['14627']))[0]!.map((t) => t.name);
  expect(names).toEqual(expect.arrayContaining(['Radebeul', 'Coswig']));
  expect(names).not.toContain('Elbaue');
  expect(await coordinator('kk', '!kontakt Coswig')).not.toMatch(/gehört seit/);
  expect(await coordinator('kk', '!rückgängig')).toBe(
    'Sie haben zuletzt nichts geändert, das sich zurücknehmen lässt.',
  );
});

it('routes the work handed over with a role end back when the end is taken back, and tells the requester', async () => {
  const hub = await demoHub();
  const KIK = 'person:demo-14627-kik-2';
  const KK = 'person:demo-14627-koordinationskraft';
  const chat = consoleChat(hub, { kk: KK });
  const told: { personId: string; text: string }[] = [];
  hub.services.requests.addNotifier({
    notify: async (personId, notice) => void told.push({ personId, text: JSON.stringify(notice) }),
  });
  const volunteer = await hub.services.identities.viewerOfPerson('person:demo-14627-alliance-1-volunteer-1');
  const request = await hub.services.requests.file(
    { place: 'Radebeul', topic: null, text: 'Wer hilft beim Umzug?' },
    volunteer,
  );
  expect(request.handlerId).toBe(KIK);
  const [kik] = await hub.store.entitiesByIds([KIK]);
  expect(await chat('kk', `!rolle-beenden ${kik!.name}`)).toContain('Vorschau');
  await chat('kk', '!ja');
  expect((await hub.store.requests.requestById(request.id))!.handlerId).toBe(KK);

  const preview = await chat('kk', '!rückgängig 1');
  expect(preview).toContain('Rolle beendet');
  expect(preview).toContain('die übergebene Arbeit geht zurück: 1 Anfrage(n)');
  expect((await hub.store.requests.requestById(request.id))!.handlerId).toBe(KK);
  expect(await chat('kk', '!ja')).toContain('Zurückgenommen: Rolle beendet');
  expect((await hub.store.requests.requestById(request.id))!.handlerId).toBe(KIK);
  expect((await hub.store.rolesOfPersons([KIK]))[0]!.map((r) => r.role)).toContain('KIK');
  // The requester heard of both moves, the last one naming the KIK again.
  const toRequester = told.filter((t) => t.personId === volunteer.personId && t.text.includes('ownRequestHandedOver'));
  expect(toRequester).toHaveLength(2);
  expect(toRequester.at(-1)!.text).toContain(kik!.name);
});
