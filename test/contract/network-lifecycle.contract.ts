import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/services/access/domain/access.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { districtId } from '../../src/domain/ids.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { ChatIdentities } from '../../src/services/chat/chat-identities.js';
import { NetworkReviser } from '../../src/services/lifecycle/network-reviser.js';
import { versionOf } from '../../src/services/lifecycle/domain/revisions.js';
import { RecordMerger } from '../../src/services/lifecycle/record-merger.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { LANDKREIS, municipality, NACHBARKREIS, person, smallNetwork } from '../support/mothers.js';
import { emptyBundle, type EntityKind } from '../../src/domain/model.js';
import { NetworkEvents } from '../../src/services/reads/network-events.js';
import { withReadCache } from '../../src/services/reads/read-cache.js';
import type { StoreFactory } from '../support/stores.js';

// Changing, ending and deleting, the same on each adapter: what current reads see afterwards,
// what history keeps, and that every refused revision leaves the store as it was.

const KIK_LIMIT = 3;
const radebeul = municipality(LANDKREIS, 'Radebeul');
const districtCoordinator = (ags: string): Viewer => ({
  personId: 'person:kk-1',
  access: 'DISTRICT_COORDINATOR',
  districtAgs: ags,
  personalData: true,
  roles: ['KOORDINATIONSKRAFT'],
});
const admin: Viewer = { ...SYSTEM, personId: 'person:kk-1' };

export function networkLifecycleContract(factory: StoreFactory): void {
  describe(`Network lifecycle contract: ${factory.name}`, () => {
    let store: GraphStore;
    let writer: NetworkWriter;
    let reviser: NetworkReviser;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      if (dispose) await dispose();
      ({ store, dispose } = await factory.open());
      writer = new NetworkWriter(store, { kikLimitPerLandkreis: KIK_LIMIT });
      reviser = new NetworkReviser(store, { kikLimitPerLandkreis: KIK_LIMIT });
      await writer.apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
    });
    afterAll(async () => dispose?.());

    const unchanged = async () => ({
      entities: await store.entitiesByIds(['person:kik-1', 'alliance:welcome', radebeul.id, 'topic:language']),
      roles: await store.lifecycle.allRolesInScopes([districtId(LANDKREIS), 'alliance:welcome']),
      links: await store.lifecycle.allLinksOf([radebeul.id, 'person:kik-1']),
      sequence: await store.writes.changeSequence(),
    });

    it('changes only the given fields, counts the version up and records who changed it', async () => {
      const updated = await reviser.update('Person', 'person:kik-1', { name: 'Anna Weber-Schulz' }, 1, admin);
      const [stored] = await store.entitiesByIds(['person:kik-1']);
      expect(stored).toMatchObject({
        name: 'Anna Weber-Schulz',
        languages: ['de', 'uk'],
        version: 2,
        changedBy: 'person:kk-1',
      });
      expect(stored).toEqual(updated);
      const town = await reviser.update(
        'Municipality',
        radebeul.id,
        { name: 'Radebeul (Elbe)', population: 33_000 },
        null,
        admin,
      );
      expect(town).toMatchObject({ name: 'Radebeul (Elbe)', population: 33_000, districtAgs: LANDKREIS });
      expect((await store.municipalityDirectory()).map((m) => m.name)).toContain('Radebeul (Elbe)');
      expect((await store.search('Elbe', ['Municipality'], 5)).map((m) => m.id)).toEqual([radebeul.id]);
    });

    it('refuses a stale edit as a conflict naming who changed the record, and keeps theirs', async () => {
      await reviser.update('Person', 'person:kik-1', { name: 'Anna Weber-Schulz' }, 1, admin);
      const before = await unchanged();
      await expect(reviser.update('Person', 'person:kik-1', { name: 'Anna W.' }, 1, admin)).rejects.toMatchObject({
        code: 'EDIT_CONFLICT',
        message: expect.stringContaining('by Jonas Koch'),
      });
      expect(await unchanged()).toEqual(before);
    });

    it('accepts one of two edits at once made on the same version and calls the other stale', async () => {
      const [stored] = await store.entitiesByIds([radebeul.id]);
      const results = await Promise.allSettled(
        [41_000, 42_000].map((population) =>
          reviser.update('Municipality', radebeul.id, { population }, versionOf(stored!), admin),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'EDIT_CONFLICT' } });
      const [town] = await store.entitiesByIds([radebeul.id]);
      expect(versionOf(town!)).toBe(versionOf(stored!) + 1);
    });

    it('keeps every one of several edits at once that named no version (the last one wins, none is called stale)', async () => {
      const [stored] = await store.entitiesByIds([radebeul.id]);
      const results = await Promise.allSettled(
        [31_000, 32_000, 33_000].map((population) =>
          reviser.update('Municipality', radebeul.id, { population }, null, admin),
        ),
      );
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      const [town] = await store.entitiesByIds([radebeul.id]);
      expect(versionOf(town!)).toBe(versionOf(stored!) + 3);
      expect([31_000, 32_000, 33_000]).toContain((town as { population: number }).population);
    });

    it('refuses an edit that breaks a rule with the rule’s error and writes nothing', async () => {
      const before = await unchanged();
      await expect(
        reviser.update('Alliance', 'alliance:welcome', { topicIds: ['topic:unknown'] }, null, admin),
      ).rejects.toMatchObject({ code: 'TOPIC_NOT_FOUND' });
      await expect(reviser.update('Municipality', radebeul.id, { name: '' }, null, admin)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      await expect(
        reviser.update('Topic', 'topic:language', { name: 'Sprachen' }, null, districtCoordinator(LANDKREIS)),
      ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
      await expect(
        reviser.update('Municipality', radebeul.id, { name: 'Radebeul-Ost' }, null, districtCoordinator(NACHBARKREIS)),
      ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
      expect(await unchanged()).toEqual(before);
    });

    it('ends a KIK’s role with a successor: current reads name the successor, history keeps both', async () => {
      const successor = await writer.addPerson({ name: 'Ben Neumann' }, SYSTEM);
      const ending = await reviser.endRole(
        { id: 'role:kik-1', until: '2026-11-30' },
        successor.id,
        districtCoordinator(LANDKREIS),
      );
      expect(ending.successor).toMatchObject({
        personId: successor.id,
        role: 'KIK',
        scopeId: districtId(LANDKREIS),
        since: '2026-11-30',
      });

      const [current] = await store.rolesInScopes([districtId(LANDKREIS)]);
      expect(current!.filter((r) => r.role === 'KIK').map((r) => r.personId)).toEqual([successor.id]);
      const [servingNow] = await store.linksOf([radebeul.id]);
      expect(servingNow!.filter((l) => l.type === 'SERVES').map((l) => l.fromId)).toEqual([successor.id]);
      const snapshot = await store.networkSnapshot();
      expect(snapshot.roles.map((r) => r.id)).not.toContain('role:kik-1');
      expect(snapshot.links.map((l) => l.id)).not.toContain('link:serves-radebeul');

      const [everyRole] = await store.lifecycle.allRolesInScopes([districtId(LANDKREIS)]);
      expect(everyRole!.find((r) => r.id === 'role:kik-1')).toMatchObject({
        personId: 'person:kik-1',
        until: '2026-11-30',
      });
      const [everyLink] = await store.lifecycle.allLinksOf([radebeul.id]);
      expect(everyLink!.find((l) => l.id === 'link:serves-radebeul')).toMatchObject({
        until: '2026-11-30',
        since: '2016-09-01',
      });
      const [roleOfOld] = await store.lifecycle.rolesByIds(['role:kik-1']);
      expect(roleOfOld?.until).toBe('2026-11-30');
      const [audit] = await store.writes.auditOf('role:kik-1', 1);
      expect(audit).toMatchObject({ action: 'endRole', actorId: 'person:kk-1' });
    });

    it('counts only current KIK toward the limit, and still refuses one too many', async () => {
      for (const name of ['Zweite Kik', 'Dritte Kik']) {
        const added = await writer.addPerson({ name }, SYSTEM);
        await writer.assignRole({ personId: added.id, role: 'KIK', scopeId: districtId(LANDKREIS) }, SYSTEM);
      }
      const successor = await writer.addPerson({ name: 'Nachfolgerin Kik' }, SYSTEM);
      await reviser.endRole({ id: 'role:kik-1' }, successor.id, SYSTEM);
      const fourth = await writer.addPerson({ name: 'Vierte Kik' }, SYSTEM);
      const before = await unchanged();
      await expect(
        writer.assignRole({ personId: fourth.id, role: 'KIK', scopeId: districtId(LANDKREIS) }, SYSTEM),
      ).rejects.toMatchObject({ code: 'KIK_LIMIT_REACHED' });
      expect(await unchanged()).toEqual(before);
    });

    it('ends a link, keeps it in the history, and refuses to end it twice or in the future', async () => {
      await reviser.endLink({ id: 'link:coop', until: '2026-06-30' }, SYSTEM);
      const [now] = await store.linksOf(['alliance:welcome']);
      expect(now!.map((l) => l.id)).not.toContain('link:coop');
      const [all] = await store.lifecycle.allLinksOf(['alliance:welcome']);
      expect(all!.find((l) => l.id === 'link:coop')).toMatchObject({ until: '2026-06-30', note: 'Sprachcafé' });
      await expect(reviser.endLink({ id: 'link:coop' }, SYSTEM)).rejects.toMatchObject({ code: 'ALREADY_ENDED' });
      await expect(reviser.endLink({ id: 'link:active', until: '2999-01-01' }, SYSTEM)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      await expect(
        reviser.endRole({ id: 'role:kik-1' }, null, { ...districtCoordinator(LANDKREIS), access: 'COORDINATOR' }),
      ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    });

    it('deletes a record nothing depends on, and names what depends on one that is refused', async () => {
      const before = await unchanged();
      await expect(reviser.delete('person:vol-1', SYSTEM)).rejects.toMatchObject({
        code: 'HAS_DEPENDANTS',
        message: expect.stringContaining('1 roles'),
      });
      await expect(reviser.delete('topic:language', SYSTEM)).rejects.toMatchObject({
        code: 'HAS_DEPENDANTS',
        message: expect.stringContaining('records about it'),
      });
      await expect(reviser.delete(radebeul.id, SYSTEM)).rejects.toMatchObject({
        code: 'HAS_DEPENDANTS',
        messageDe: expect.stringContaining('Verbindungen'),
      });
      expect(await unchanged()).toEqual(before);
      const typo = await writer.addPerson({ name: 'Anan Wbeer' }, SYSTEM);
      await reviser.delete(typo.id, SYSTEM);
      expect(await store.entitiesByIds([typo.id])).toEqual([null]);
      expect((await store.search('Anan', ['Person'], 5)).length).toBe(0);
    });

    it('ends an alliance: it leaves listings and search, its memberships and links end, the record stays', async () => {
      expect(await store.countEntities({ kind: 'Alliance', districtAgs: LANDKREIS })).toBe(1);
      await reviser.endRecord({ id: 'alliance:welcome', until: '2026-10-31' }, SYSTEM);
      expect(await store.countEntities({ kind: 'Alliance', districtAgs: LANDKREIS })).toBe(0);
      expect(await store.countEntities({ kind: 'Municipality', districtAgs: LANDKREIS, text: 'e' })).toBe(2); // Meißen, Radebeul
      expect(await store.listEntities({ kind: 'Alliance', limit: 10 })).toEqual([]);
      expect(await store.search('Willkommen', ['Alliance'], 5)).toEqual([]);
      expect((await store.counts()).entities.Alliance).toBe(0);
      expect(await store.rolesInScopes(['alliance:welcome'])).toEqual([[]]);
      expect((await store.linksOf(['alliance:welcome']))[0]).toEqual([]);
      const [alliance] = await store.entitiesByIds(['alliance:welcome']);
      expect(alliance).toMatchObject({ until: '2026-10-31', version: 2 });
      expect((await store.networkSnapshot()).entities.map((e) => e.id)).not.toContain('alliance:welcome');
      await expect(reviser.endRecord({ id: 'alliance:welcome' }, SYSTEM)).rejects.toMatchObject({
        code: 'ALREADY_ENDED',
      });
    });

    it('searches names from memory exactly as the store does, right after every add, rename, end and outside write', async () => {
      const events = new NetworkEvents();
      const hub = withReadCache(store, events);
      const hubWriter = new NetworkWriter(hub, { kikLimitPerLandkreis: KIK_LIMIT }, events);
      const hubReviser = new NetworkReviser(hub, { kikLimitPerLandkreis: KIK_LIMIT }, events);
      const ids = (found: { id: string }[]) => found.map((e) => e.id);
      const names = async (text: string) => (await hub.search(text, null, 10)).map((e) => e.name);
      const questions: [string, EntityKind[] | null, number][] = [
        ['radebeul', null, 10],
        ['RADEBEUL', ['Alliance'], 10],
        ['e', null, 3],
        ['e', null, 100],
        ['meissen', ['Municipality', 'District'], 5],
        ['zzz', null, 5],
      ];
      const asTheStoreDoes = async () => {
        for (const [text, kinds, limit] of questions)
          expect(ids(await hub.search(text, kinds, limit)), text).toEqual(ids(await store.search(text, kinds, limit)));
      };
      // Asked at once before the names are in memory: each waits for the one read.
      const atOnce = await Promise.all(questions.map(([text, kinds, limit]) => hub.search(text, kinds, limit)));
      for (const [i, [text, kinds, limit]] of questions.entries())
        expect(ids(atOnce[i]!), text).toEqual(ids(await store.search(text, kinds, limit)));

      await hubWriter.apply(
        { ...emptyBundle(), persons: [person('radebeul-neu', 'Rada Radebeuler')] },
        { actor: SYSTEM, action: 'test' },
      );
      expect(await names('radebeul')).toEqual(['Radebeul', 'Rada Radebeuler', 'Willkommensbündnis Radebeul']);
      await asTheStoreDoes();

      await hubReviser.update('Municipality', radebeul.id, { name: 'Zitzschewig' }, null, admin);
      expect(await names('radebeul')).toEqual(['Rada Radebeuler', 'Willkommensbündnis Radebeul']);
      expect(await names('zitzsch')).toEqual(['Zitzschewig']);
      await asTheStoreDoes();

      await hubReviser.endRecord({ id: 'alliance:welcome' }, SYSTEM);
      expect(await names('radebeul')).toEqual(['Rada Radebeuler']);
      await asTheStoreDoes();

      // Another writer of the store: the hub hears only that something changed.
      await writer.apply(
        { ...emptyBundle(), persons: [person('draussen', 'Radebeul Außendienst')] },
        { actor: SYSTEM, action: 'test' },
      );
      events.publish({ action: 'outside', subjectIds: [], at: new Date().toISOString() });
      expect(await names('aussendienst')).toEqual(['Radebeul Außendienst']);
      await asTheStoreDoes();
    });

    it('merges two municipalities into a new one: it serves and holds the links, the old ones keep their history with a pointer', async () => {
      const merger = new RecordMerger(store, reviser, new ChatIdentities(store));
      const coswig = municipality(LANDKREIS, 'Coswig');
      const result = await merger.mergeMunicipalities(
        [radebeul.id, coswig.id],
        { name: 'Radebeul-Coswig' },
        districtCoordinator(LANDKREIS),
      );
      const merged = result.survivor;
      expect(merged).toMatchObject({ kind: 'Municipality', name: 'Radebeul-Coswig', districtAgs: LANDKREIS });
      const names = (await store.municipalityDirectory()).map((m) => m.name);
      expect(names).toContain('Radebeul-Coswig');
      expect(names).not.toContain('Radebeul');
      expect(names).not.toContain('Coswig');
      const [links] = await store.linksOf([merged.id]);
      expect(links!.map((l) => `${l.type} ${l.fromId}`).sort()).toEqual([
        'ACTIVE_IN alliance:welcome',
        'SERVES person:kik-1',
      ]);
      const [old] = await store.entitiesByIds([radebeul.id]);
      expect(old).toMatchObject({ mergedInto: merged.id, until: expect.any(String) });
      const [history] = await store.lifecycle.allLinksOf([radebeul.id]);
      expect(
        history!
          .filter((l) => l.until)
          .map((l) => l.id)
          .sort(),
      ).toEqual(['link:active', 'link:serves-radebeul']);
    });

    it('refuses to merge municipalities of two districts, changing nothing', async () => {
      const merger = new RecordMerger(store, reviser, new ChatIdentities(store));
      const before = await unchanged();
      await expect(
        merger.mergeMunicipalities([municipality(NACHBARKREIS, 'Pirna').id], { id: radebeul.id }, SYSTEM),
      ).rejects.toMatchObject({ code: 'MERGE_ACROSS_DISTRICTS' });
      expect(await unchanged()).toEqual(before);
    });

    it('merges a duplicate person into the survivor: links move, the duplicate points to the survivor', async () => {
      const merger = new RecordMerger(store, reviser, new ChatIdentities(store));
      const duplicate = await writer.addPerson({ name: 'Anna Weber' }, SYSTEM);
      await writer.link(
        { type: 'COOPERATES_WITH', fromId: duplicate.id, toId: 'person:kk-1', since: '2020-01-01' },
        SYSTEM,
      );
      await merger.mergeRecords('person:kik-1', [duplicate.id], SYSTEM);
      const [links] = await store.linksOf(['person:kk-1']);
      expect(links!.filter((l) => l.type === 'COOPERATES_WITH').map((l) => l.fromId)).toEqual(['person:kik-1']);
      const [gone] = await store.entitiesByIds([duplicate.id]);
      expect(gone).toMatchObject({ mergedInto: 'person:kik-1' });
      expect((await store.search('Anna Weber', ['Person'], 5)).map((p) => p.id)).toEqual(['person:kik-1']);
    });

    it('keeps no personal detail of a changed person in the audit', async () => {
      await reviser.update(
        'Person',
        'person:kik-1',
        {
          name: 'Anna Weber-Schulz',
          channels: [{ channel: 'EMAIL', value: 'anna@example.org', visibility: 'NETWORK' }],
        },
        null,
        admin,
      );
      const [entry] = await store.writes.auditOf('person:kik-1', 1);
      expect(entry).toMatchObject({
        action: 'updatePerson',
        details: { updated: [{ id: 'person:kik-1', fields: ['name', 'channels'] }] },
      });
      expect(JSON.stringify(entry)).not.toMatch(/Weber-Schulz|anna@example/);
    });
  });
}
