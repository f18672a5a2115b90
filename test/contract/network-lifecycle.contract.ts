import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/domain/access.js';
import { SYSTEM } from '../../src/domain/authorization.js';
import { districtId } from '../../src/domain/ids.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { NetworkReviser } from '../../src/services/network-reviser.js';
import { NetworkWriter } from '../../src/services/network-writer.js';
import { LANDKREIS, municipality, NACHBARKREIS, smallNetwork } from '../support/mothers.js';
import type { StoreFactory } from '../support/stores.js';

// Changing, ending and deleting, the same on each adapter: what current reads see afterwards,
// what history keeps, and that every refused revision leaves the store as it was.

const KIK_LIMIT = 3;
const radebeul = municipality(LANDKREIS, 'Radebeul');
const districtCoordinator = (ags: string): Viewer => ({ personId: 'person:kk-1', access: 'DISTRICT_COORDINATOR', districtAgs: ags, personalData: true, roles: ['KOORDINATIONSKRAFT'] });
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
      roles: await store.allRolesInScopes([districtId(LANDKREIS), 'alliance:welcome']),
      links: await store.allLinksOf([radebeul.id, 'person:kik-1']),
      sequence: await store.changeSequence(),
    });

    it('changes only the given fields, counts the version up and records who changed it', async () => {
      const updated = await reviser.update('Person', 'person:kik-1', { name: 'Anna Weber-Schulz' }, 1, admin);
      const [stored] = await store.entitiesByIds(['person:kik-1']);
      expect(stored).toMatchObject({ name: 'Anna Weber-Schulz', languages: ['de', 'uk'], version: 2, changedBy: 'person:kk-1' });
      expect(stored).toEqual(updated);
      const town = await reviser.update('Municipality', radebeul.id, { name: 'Radebeul (Elbe)', population: 33_000 }, null, admin);
      expect(town).toMatchObject({ name: 'Radebeul (Elbe)', population: 33_000, districtAgs: LANDKREIS });
      expect((await store.municipalityDirectory()).map((m) => m.name)).toContain('Radebeul (Elbe)');
      expect((await store.search('Elbe', ['Municipality'], 5)).map((m) => m.id)).toEqual([radebeul.id]);
    });

    it('refuses a stale edit as a conflict naming who changed the record, and keeps theirs', async () => {
      await reviser.update('Person', 'person:kik-1', { name: 'Anna Weber-Schulz' }, 1, admin);
      const before = await unchanged();
      await expect(reviser.update('Person', 'person:kik-1', { name: 'Anna W.' }, 1, admin)).rejects.toMatchObject({ code: 'EDIT_CONFLICT', message: expect.stringContaining('by Jonas Koch') });
      expect(await unchanged()).toEqual(before);
    });

    it('refuses an edit that breaks a rule with the rule’s error and writes nothing', async () => {
      const before = await unchanged();
      await expect(reviser.update('Alliance', 'alliance:welcome', { topicIds: ['topic:unknown'] }, null, admin)).rejects.toMatchObject({ code: 'TOPIC_NOT_FOUND' });
      await expect(reviser.update('Municipality', radebeul.id, { name: '' }, null, admin)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(reviser.update('Topic', 'topic:language', { name: 'Sprachen' }, null, districtCoordinator(LANDKREIS))).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
      await expect(reviser.update('Municipality', radebeul.id, { name: 'Radebeul-Ost' }, null, districtCoordinator(NACHBARKREIS))).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
      expect(await unchanged()).toEqual(before);
    });

    it('ends a KIK’s role with a successor: current reads name the successor, history keeps both', async () => {
      const successor = await writer.addPerson({ name: 'Ben Neumann' }, SYSTEM);
      const ending = await reviser.endRole({ id: 'role:kik-1', until: '2026-11-30' }, successor.id, districtCoordinator(LANDKREIS));
      expect(ending.successor).toMatchObject({ personId: successor.id, role: 'KIK', scopeId: districtId(LANDKREIS), since: '2026-11-30' });

      const [current] = await store.rolesInScopes([districtId(LANDKREIS)]);
      expect(current!.filter((r) => r.role === 'KIK').map((r) => r.personId)).toEqual([successor.id]);
      const [servingNow] = await store.linksOf([radebeul.id]);
      expect(servingNow!.filter((l) => l.type === 'SERVES').map((l) => l.fromId)).toEqual([successor.id]);
      const snapshot = await store.networkSnapshot();
      expect(snapshot.roles.map((r) => r.id)).not.toContain('role:kik-1');
      expect(snapshot.links.map((l) => l.id)).not.toContain('link:serves-radebeul');

      const [everyRole] = await store.allRolesInScopes([districtId(LANDKREIS)]);
      expect(everyRole!.find((r) => r.id === 'role:kik-1')).toMatchObject({ personId: 'person:kik-1', until: '2026-11-30' });
      const [everyLink] = await store.allLinksOf([radebeul.id]);
      expect(everyLink!.find((l) => l.id === 'link:serves-radebeul')).toMatchObject({ until: '2026-11-30', since: '2016-09-01' });
      const [roleOfOld] = await store.rolesByIds(['role:kik-1']);
      expect(roleOfOld?.until).toBe('2026-11-30');
      const [audit] = await store.auditOf('role:kik-1', 1);
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
      await expect(writer.assignRole({ personId: fourth.id, role: 'KIK', scopeId: districtId(LANDKREIS) }, SYSTEM)).rejects.toMatchObject({ code: 'KIK_LIMIT_REACHED' });
      expect(await unchanged()).toEqual(before);
    });

    it('ends a link, keeps it in the history, and refuses to end it twice or in the future', async () => {
      await reviser.endLink({ id: 'link:coop', until: '2026-06-30' }, SYSTEM);
      const [now] = await store.linksOf(['alliance:welcome']);
      expect(now!.map((l) => l.id)).not.toContain('link:coop');
      const [all] = await store.allLinksOf(['alliance:welcome']);
      expect(all!.find((l) => l.id === 'link:coop')).toMatchObject({ until: '2026-06-30', note: 'Sprachcafé' });
      await expect(reviser.endLink({ id: 'link:coop' }, SYSTEM)).rejects.toMatchObject({ code: 'ALREADY_ENDED' });
      await expect(reviser.endLink({ id: 'link:active', until: '2999-01-01' }, SYSTEM)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(reviser.endRole({ id: 'role:kik-1' }, null, { ...districtCoordinator(LANDKREIS), access: 'COORDINATOR' })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    });

    it('deletes a record nothing depends on, and names what depends on one that is refused', async () => {
      const before = await unchanged();
      await expect(reviser.delete('person:vol-1', SYSTEM)).rejects.toMatchObject({ code: 'HAS_DEPENDANTS', message: expect.stringContaining('1 roles') });
      await expect(reviser.delete('topic:language', SYSTEM)).rejects.toMatchObject({ code: 'HAS_DEPENDANTS', message: expect.stringContaining('records about it') });
      await expect(reviser.delete(radebeul.id, SYSTEM)).rejects.toMatchObject({ code: 'HAS_DEPENDANTS', messageDe: expect.stringContaining('Verbindungen') });
      expect(await unchanged()).toEqual(before);
      const typo = await writer.addPerson({ name: 'Anan Wbeer' }, SYSTEM);
      await reviser.delete(typo.id, SYSTEM);
      expect(await store.entitiesByIds([typo.id])).toEqual([null]);
      expect((await store.search('Anan', ['Person'], 5)).length).toBe(0);
    });

    it('keeps no personal detail of a changed person in the audit', async () => {
      await reviser.update('Person', 'person:kik-1', { name: 'Anna Weber-Schulz', channels: [{ channel: 'EMAIL', value: 'anna@example.org', visibility: 'NETWORK' }] }, null, admin);
      const [entry] = await store.auditOf('person:kik-1', 1);
      expect(entry).toMatchObject({ action: 'updatePerson', details: { updated: [{ id: 'person:kik-1', fields: ['name', 'channels'] }] } });
      expect(JSON.stringify(entry)).not.toMatch(/Weber-Schulz|anna@example/);
    });
  });
}
