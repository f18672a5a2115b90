import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { districtId } from '../../src/domain/ids.js';
import { emptyBundle, type NetworkBundle } from '../../src/domain/model.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import type { AccessToken, Viewer } from '../../src/services/access/domain/access.js';
import type { HubRequest } from '../../src/features/requests/domain/requests.js';
import type { Meeting } from '../../src/features/meetings/domain/meetings.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { LANDKREIS, municipality, NACHBARKREIS, person, smallNetwork, STADT } from '../support/mothers.js';
import type { StoreFactory } from '../support/stores.js';
import { rawKey } from '../support/raw-key.js';

// Every port operation and every domain rule, the same for each adapter.

const KIK_LIMIT = 3;
const radebeul = municipality(LANDKREIS, 'Radebeul');
const pirna = municipality(NACHBARKREIS, 'Pirna');

export function graphStoreContract(factory: StoreFactory): void {
  describe(`GraphStore contract: ${factory.name}`, () => {
    let store: GraphStore;
    let writer: NetworkWriter;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      if (dispose) await dispose();
      ({ store, dispose } = await factory.open());
      writer = new NetworkWriter(store, { kikLimitPerLandkreis: KIK_LIMIT });
      await writer.apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
    });
    afterAll(async () => dispose?.());

    const only = (patch: Partial<NetworkBundle>): NetworkBundle => ({ ...emptyBundle(), ...patch });

    describe('reads', () => {
      it('lists districts by AGS with their numbers intact', async () => {
        const districts = await store.listDistricts();
        expect(districts.map((d) => d.ags)).toEqual([LANDKREIS, NACHBARKREIS, STADT]);
        expect(districts[0]).toMatchObject({
          name: 'Testkreis',
          districtKind: 'LANDKREIS',
          population: 123_456,
          areaKm2: 987.5,
          stateCode: '99',
        });
        expect(await store.listDistricts('14')).toEqual([]);
      });

      it('answers batch reads aligned with the keys, null where unknown', async () => {
        const found = await store.districtsByAgs([STADT, '00000', LANDKREIS]);
        expect(found.map((d) => d?.name ?? null)).toEqual(['Teststadt', null, 'Testkreis']);
        const towns = await store.municipalitiesOfDistricts([NACHBARKREIS, '00000', LANDKREIS]);
        expect(towns.map((list) => list.map((m) => m.name))).toEqual([['Pirna'], [], ['Coswig', 'Meißen', 'Radebeul']]);
      });

      it('keeps every kind of entity whole, contact channels and languages included', async () => {
        const ids = [
          'person:kik-1',
          'alliance:welcome',
          'institution:jobcenter',
          'topic:language',
          radebeul.id,
          'nothing:here',
        ];
        const [kik, alliance, institution, topic, town, missing] = await store.entitiesByIds(ids);
        expect(kik).toEqual(person('kik-1', 'Anna Weber'));
        expect(alliance).toMatchObject({ kind: 'Alliance', topicIds: ['topic:language'], districtAgs: LANDKREIS });
        expect(institution).toMatchObject({
          institutionType: 'JOBCENTER',
          municipalityId: municipality(LANDKREIS, 'Meißen').id,
        });
        expect(topic).toEqual({ kind: 'Topic', id: 'topic:language', name: 'Sprache', nameEn: 'Language' });
        expect(town).toEqual(radebeul);
        expect(missing).toBeNull();
      });

      it('finds roles by person and by scope', async () => {
        const [kikRoles, nobody] = await store.rolesOfPersons(['person:kik-1', 'person:nobody']);
        expect(kikRoles!.map((r) => r.role)).toEqual(['KIK']);
        expect(nobody).toEqual([]);
        const [inDistrict] = await store.rolesInScopes([districtId(LANDKREIS)]);
        expect(inDistrict!.map((r) => r.role).sort()).toEqual(['KIK', 'KOORDINATIONSKRAFT']);
      });

      it('finds links from either end, with since and note', async () => {
        const [ofKik, ofTown] = await store.linksOf(['person:kik-1', radebeul.id]);
        expect(ofKik!.map((l) => l.id).sort()).toEqual(['link:coop', 'link:serves-radebeul']);
        expect(ofKik!.find((l) => l.id === 'link:coop')).toEqual({
          id: 'link:coop',
          type: 'COOPERATES_WITH',
          fromId: 'person:kik-1',
          toId: 'alliance:welcome',
          since: '2019-05-01',
          note: 'Sprachcafé',
        });
        expect(ofTown!.map((l) => l.type).sort()).toEqual(['ACTIVE_IN', 'SERVES']);
      });

      it('answers what the read models follow in one call: records, open roles, open links', async () => {
        const ids = ['person:kik-1', radebeul.id, districtId(LANDKREIS), 'nothing:here'];
        const state = await store.currentState(ids);
        expect(state.entities.map((e) => e?.id ?? null)).toEqual([
          'person:kik-1',
          radebeul.id,
          districtId(LANDKREIS),
          null,
        ]);
        const roles = await Promise.all([store.rolesOfPersons(ids), store.rolesInScopes(ids)]);
        const expectedRoles = new Set(roles.flat(2).map((r) => r.id));
        expect(new Set(state.roles.map((r) => r.id))).toEqual(expectedRoles);
        expect(state.roles.map((r) => r.role).sort()).toEqual(['KIK', 'KOORDINATIONSKRAFT']);
        const links = (await store.linksOf(ids)).flat();
        expect(state.links.map((l) => l.id).sort()).toEqual([...new Set(links.map((l) => l.id))].sort());
        expect(state.links.find((l) => l.id === 'link:coop')).toEqual(links.find((l) => l.id === 'link:coop'));
        expect(await store.currentState(['nothing:here'])).toEqual({ entities: [null], roles: [], links: [] });
      });

      it('searches names forgiving case and umlauts, exact matches first', async () => {
        expect((await store.search('MEISSEN', null, 10)).map((e) => e.name)).toEqual(['Meißen']);
        expect((await store.search('radebeul', null, 10)).map((e) => e.name)).toEqual([
          'Radebeul',
          'Willkommensbündnis Radebeul',
        ]);
        expect((await store.search('radebeul', ['Alliance'], 10)).map((e) => e.name)).toEqual([
          'Willkommensbündnis Radebeul',
        ]);
        expect(await store.search('100%_', null, 10)).toEqual([]);
        expect(await store.search('e', null, 2)).toHaveLength(2);
      });

      it('names every entity that has not ended, with its kind, for searching in memory', async () => {
        const named = await store.entityNames();
        const snapshot = await store.networkSnapshot();
        expect(named.map((e) => e.id).sort()).toEqual(snapshot.entities.map((e) => e.id).sort());
        expect(named).toContainEqual({ id: radebeul.id, kind: 'Municipality', name: 'Radebeul' });
        expect(named).toContainEqual({ id: 'alliance:welcome', kind: 'Alliance', name: 'Willkommensbündnis Radebeul' });
      });

      it('pages through entities by name with stable keyset cursors', async () => {
        const names = async (after: { name: string; id: string } | null) =>
          (await store.listEntities({ kind: 'Municipality', limit: 2, after })).map((e) => e.name);
        expect(await names(null)).toEqual(['Coswig', 'Meißen']);
        expect(await names({ name: 'Meißen', id: municipality(LANDKREIS, 'Meißen').id })).toEqual([
          'Pirna',
          'Radebeul',
        ]);
        expect(await names({ name: 'Radebeul', id: radebeul.id })).toEqual([]);
      });

      it('filters listings by district, text, role, topic, municipality and institution type', async () => {
        const ids = async (q: Omit<Parameters<GraphStore['listEntities']>[0], 'limit'>) =>
          (await store.listEntities({ ...q, limit: 50 })).map((e) => e.id);
        expect(await ids({ kind: 'Municipality', districtAgs: NACHBARKREIS })).toEqual([pirna.id]);
        expect(await ids({ kind: 'Person', districtAgs: LANDKREIS })).toEqual([
          'person:kik-1',
          'person:kk-1',
          'person:vol-1',
        ]);
        expect(await ids({ kind: 'Person', role: 'KIK' })).toEqual(['person:kik-1']);
        expect(await ids({ kind: 'Person', text: 'WEBER' })).toEqual(['person:kik-1']);
        expect(await ids({ kind: 'Alliance', topicId: 'topic:language' })).toEqual(['alliance:welcome']);
        expect(await ids({ kind: 'Alliance', topicId: 'topic:nothing' })).toEqual([]);
        expect(await ids({ kind: 'Person', municipalityId: radebeul.id })).toEqual(['person:kik-1']);
        expect(
          await ids({
            kind: 'Institution',
            municipalityId: municipality(LANDKREIS, 'Meißen').id,
            institutionType: 'JOBCENTER',
          }),
        ).toEqual(['institution:jobcenter']);
        expect(await ids({ kind: 'Institution', institutionType: 'POLICE' })).toEqual([]);
      });

      it('gives the collaboration graph its entities with their topics, and dated links', async () => {
        const snapshot = await store.networkSnapshot();
        expect(snapshot.entities.find((e) => e.id === 'alliance:welcome')).toMatchObject({
          kind: 'Alliance',
          topicIds: ['topic:language'],
        });
        expect(snapshot.entities.find((e) => e.id === 'person:kik-1')!.topicIds).toEqual([]);
        expect(snapshot.links.find((l) => l.id === 'link:coop')).toMatchObject({ since: '2019-05-01' });
      });

      it('lists the municipality directory and counts everything', async () => {
        expect((await store.municipalityDirectory()).map((m) => m.name)).toEqual([
          'Coswig',
          'Meißen',
          'Pirna',
          'Radebeul',
        ]);
        const counts = await store.counts();
        expect(counts.entities).toMatchObject({
          District: 3,
          Municipality: 4,
          Person: 3,
          Alliance: 1,
          Institution: 1,
          Topic: 1,
        });
        expect(counts).toMatchObject({ roles: 3, links: 3 });
      });
    });

    describe('rules on every write', () => {
      const addKik = (key: string) =>
        writer.apply(
          only({
            persons: [person(key, `Person ${key}`)],
            roles: [{ id: `role:${key}`, personId: `person:${key}`, role: 'KIK', scopeId: districtId(LANDKREIS) }],
          }),
          { actor: SYSTEM, action: 'test' },
        );

      it('refuses more KIK than the configured limit, naming the Landkreis', async () => {
        await addKik('kik-2');
        await addKik('kik-3');
        await expect(addKik('kik-4')).rejects.toMatchObject({
          code: 'KIK_LIMIT_REACHED',
          message: expect.stringContaining('Landkreis Testkreis already has 3'),
        });
        expect((await store.entitiesByIds(['person:kik-4']))[0]).toBeNull();
      });

      it('lets concurrent assignments never pass the limit together', async () => {
        const results = await Promise.allSettled(['a', 'b', 'c', 'd'].map((k) => addKik(`race-${k}`)));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(KIK_LIMIT - 1);
        const [roles] = await store.rolesInScopes([districtId(LANDKREIS)]);
        expect(roles!.filter((r) => r.role === 'KIK')).toHaveLength(KIK_LIMIT);
      });

      it('judges many writes at once one by one: a refused one fails alone, each kept one is audited and counted', async () => {
        const start = await store.writes.changeSequence();
        const writes = Array.from({ length: 12 }, (_, i) =>
          i === 5
            ? writer.apply(
                only({
                  links: [
                    {
                      id: 'link:to-nowhere',
                      type: 'COOPERATES_WITH',
                      fromId: 'person:kik-1',
                      toId: 'alliance:none',
                      since: null,
                      note: null,
                    },
                  ],
                }),
                { actor: SYSTEM, action: 'test' },
              )
            : writer.apply(only({ persons: [person(`many-${i}`, `Viele ${i}`)] }), { actor: SYSTEM, action: 'test' }),
        );
        // The same person twice at once: exactly one of them is kept.
        const twins = [0, 1].map(() =>
          writer.apply(only({ persons: [person('twin', 'Zwilling')] }), { actor: SYSTEM, action: 'test' }),
        );
        const results = await Promise.allSettled([...writes, ...twins]);
        expect(results.map((r) => r.status)).toEqual([
          ...Array.from({ length: 12 }, (_, i) => (i === 5 ? 'rejected' : 'fulfilled')),
          ...(results[12]!.status === 'fulfilled' ? ['fulfilled', 'rejected'] : ['rejected', 'fulfilled']),
        ]);
        expect((results[5] as PromiseRejectedResult).reason).toMatchObject({
          code: expect.stringMatching(/NOT_FOUND$/),
        });
        const stored = await store.entitiesByIds([
          ...Array.from({ length: 12 }, (_, i) => `person:many-${i}`),
          'person:twin',
        ]);
        expect(stored.filter(Boolean)).toHaveLength(12);
        expect(await store.writes.changeSequence()).toBe(start + 12);
        expect(await store.writes.auditOf('person:many-7', 5)).toHaveLength(1);
      });

      it('allows one Koordinationskraft per district', async () => {
        const second = only({
          persons: [person('kk-2', 'Paul Neumann')],
          roles: [
            { id: 'role:kk-2', personId: 'person:kk-2', role: 'KOORDINATIONSKRAFT', scopeId: districtId(LANDKREIS) },
          ],
        });
        await expect(writer.apply(second, { actor: SYSTEM, action: 'seed' })).rejects.toMatchObject({
          code: 'KOORDINATIONSKRAFT_TAKEN',
        });
        const inCity = only({
          persons: [person('kk-3', 'Marie Wolf')],
          roles: [{ id: 'role:kk-3', personId: 'person:kk-3', role: 'KOORDINATIONSKRAFT', scopeId: districtId(STADT) }],
        });
        await writer.apply(inCity, { actor: SYSTEM, action: 'seed' });
      });

      it('gives KIK to a Landkreis only', async () => {
        const inCity = only({
          roles: [{ id: 'role:x', personId: 'person:vol-1', role: 'KIK', scopeId: districtId(STADT) }],
        });
        await expect(writer.apply(inCity, { actor: SYSTEM, action: 'seed' })).rejects.toMatchObject({
          code: 'KIK_REQUIRES_LANDKREIS',
        });
      });

      it('lets a KIK serve municipalities of their own Landkreis only', async () => {
        const serve = (from: string, to: string) =>
          writer.apply(
            only({
              links: [{ id: `link:${from}-${to}`, type: 'SERVES', fromId: from, toId: to, since: null, note: null }],
            }),
            { actor: SYSTEM, action: 'seed' },
          );
        await expect(serve('person:kik-1', pirna.id)).rejects.toMatchObject({ code: 'KIK_SERVES_OUTSIDE_DISTRICT' });
        await expect(serve('person:vol-1', radebeul.id)).rejects.toMatchObject({ code: 'KIK_SERVES_OUTSIDE_DISTRICT' });
        await serve('person:kik-1', municipality(LANDKREIS, 'Coswig').id);
      });

      it('puts a municipality in exactly one existing Landkreis', async () => {
        await expect(writer.addMunicipality({ name: 'Altstadt', districtAgs: STADT }, SYSTEM)).rejects.toMatchObject({
          code: 'MUNICIPALITY_REQUIRES_LANDKREIS',
        });
        await expect(writer.addMunicipality({ name: 'Nirgendwo', districtAgs: '99999' }, SYSTEM)).rejects.toMatchObject(
          { code: 'DISTRICT_NOT_FOUND' },
        );
        await expect(
          writer.addMunicipality({ name: 'Radebeul', districtAgs: LANDKREIS }, SYSTEM),
        ).rejects.toMatchObject({ code: 'DUPLICATE_ID' });
        const made = await writer.addMunicipality({ name: 'Moritzburg', districtAgs: LANDKREIS }, SYSTEM);
        expect((await store.entitiesByIds([made.id]))[0]).toEqual(made);
      });

      it('checks role scopes and link endpoints', async () => {
        await expect(
          writer.assignRole({ personId: 'person:vol-1', role: 'VOLUNTEER', scopeId: districtId(LANDKREIS) }, SYSTEM),
        ).rejects.toMatchObject({ code: 'ROLE_SCOPE_INVALID' });
        await expect(writer.assignRole({ personId: 'person:ghost', role: 'ANALYST' }, SYSTEM)).rejects.toMatchObject({
          code: 'PERSON_NOT_FOUND',
        });
        await expect(
          writer.link({ type: 'ACTIVE_IN', fromId: 'person:vol-1', toId: radebeul.id }, SYSTEM),
        ).rejects.toMatchObject({ code: 'LINK_ENDPOINTS_INVALID' });
        const analyst = await writer.assignRole({ personId: 'person:vol-1', role: 'ANALYST' }, SYSTEM);
        expect((await store.rolesOfPersons(['person:vol-1']))[0]!.map((r) => r.id)).toContain(analyst.id);
      });

      it('writes a bundle all or nothing', async () => {
        const bundle = only({
          municipalities: [municipality(LANDKREIS, 'Weinböhla')],
          persons: [person('new-1', 'Emma Krause')],
          links: [
            { id: 'link:bad', type: 'SERVES', fromId: 'person:new-1', toId: radebeul.id, since: null, note: null },
          ],
        });
        await expect(writer.apply(bundle, { actor: SYSTEM, action: 'seed' })).rejects.toMatchObject({
          code: 'KIK_SERVES_OUTSIDE_DISTRICT',
        });
        expect(await store.entitiesByIds([municipality(LANDKREIS, 'Weinböhla').id, 'person:new-1'])).toEqual([
          null,
          null,
        ]);
      });

      it('rejects invalid input before it reaches the store', async () => {
        await expect(writer.addPerson({ name: 'x'.repeat(201) }, SYSTEM)).rejects.toMatchObject({
          code: 'INVALID_INPUT',
        });
        await expect(
          writer.link(
            { type: 'COOPERATES_WITH', fromId: 'person:kik-1', toId: 'person:kk-1', since: '31.12.2020' },
            SYSTEM,
          ),
        ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      });
    });

    describe('who may write', () => {
      const viewer = (access: Viewer['access'], districtAgs: string | null = null): Viewer => ({
        personId: 'person:kk-1',
        access,
        districtAgs,
        personalData: false,
        roles: [],
      });

      it('lets a district coordinator write in their own district only', async () => {
        const own = viewer('DISTRICT_COORDINATOR', LANDKREIS);
        await writer.link({ type: 'COOPERATES_WITH', fromId: 'person:kik-1', toId: 'institution:jobcenter' }, own);
        await expect(
          writer.link({ type: 'ACTIVE_IN', fromId: 'alliance:welcome', toId: pirna.id }, own),
        ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
        await expect(writer.addMunicipality({ name: 'Dohna', districtAgs: NACHBARKREIS }, own)).rejects.toMatchObject({
          code: 'NOT_ALLOWED',
        });
      });

      it('lets coordinators keep people and links current but not the structure, and others nothing', async () => {
        const coordinator = viewer('COORDINATOR');
        await writer.addPerson({ name: 'Sophie Hartmann' }, coordinator);
        await expect(
          writer.assignRole({ personId: 'person:vol-1', role: 'ANALYST' }, coordinator),
        ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
        await expect(writer.addPerson({ name: 'Max Lehmann' }, viewer('VOLUNTEER'))).rejects.toMatchObject({
          code: 'NOT_ALLOWED',
        });
        await expect(writer.addPerson({ name: 'Max Lehmann' }, viewer('ANALYST'))).rejects.toMatchObject({
          code: 'NOT_ALLOWED',
        });
      });
    });

    describe('audit and tokens', () => {
      it('records who wrote what with each write, and nothing for a refused write', async () => {
        const [seeded] = await store.writes.auditOf('person:kik-1', 10);
        expect(seeded).toMatchObject({ action: 'seed', actorId: null });
        const actor: Viewer = {
          personId: 'person:kk-1',
          access: 'ADMIN',
          districtAgs: null,
          personalData: false,
          roles: [],
        };
        const link = await writer.link(
          { type: 'COOPERATES_WITH', fromId: 'person:kik-1', toId: 'person:vol-1', note: 'Patenschaft' },
          actor,
        );
        const [latest] = await store.writes.auditOf('person:kik-1', 10);
        expect(latest).toMatchObject({
          action: 'addLink',
          actorId: 'person:kk-1',
          subjectIds: expect.arrayContaining([link.id]),
        });
        expect(JSON.stringify(latest!.details)).not.toContain('Patenschaft');
        await expect(
          writer.link({ type: 'SERVES', fromId: 'person:vol-1', toId: radebeul.id }, actor),
        ).rejects.toThrow();
        expect(await store.writes.auditOf('person:vol-1', 10)).toHaveLength(2);
      });

      it('keeps tokens by hash and revokes them once', async () => {
        const token: AccessToken = {
          id: 'token:1',
          hash: 'a'.repeat(64),
          personId: 'person:kk-1',
          access: 'DISTRICT_COORDINATOR',
          districtAgs: LANDKREIS,
          personalData: false,
          label: 'Laptop',
          createdAt: '2026-01-01T00:00:00.000Z',
          revokedAt: null,
        };
        const audit = (action: string) => ({
          id: `audit:${action}`,
          at: '2026-01-01T00:00:00.000Z',
          actorId: null,
          action,
          subjectIds: ['token:1'],
          details: {},
        });
        await store.tokens.saveToken(token, audit('createToken'));
        expect(await store.tokens.tokenByHash('a'.repeat(64))).toEqual(token);
        expect(await store.tokens.tokenByHash('b'.repeat(64))).toBeNull();
        expect(await store.tokens.revokeToken('token:1', '2026-02-01T00:00:00.000Z', audit('revokeToken'))).toBe(true);
        expect(await store.tokens.revokeToken('token:1', '2026-03-01T00:00:00.000Z', audit('again'))).toBe(false);
        expect((await store.tokens.listTokens())[0]!.revokedAt).toBe('2026-02-01T00:00:00.000Z');
        expect((await store.writes.auditOf('token:1', 10)).map((a) => a.action)).toEqual([
          'revokeToken',
          'createToken',
        ]);
      });
    });

    describe('requests', () => {
      const request = (id: string, patch: Partial<HubRequest> = {}): HubRequest => ({
        id,
        requesterId: 'person:vol-1',
        municipalityId: radebeul.id,
        districtAgs: LANDKREIS,
        topicId: null,
        text: 'Wir suchen Dolmetscher',
        state: 'ROUTED',
        level: 'KIK',
        handlerId: 'person:kik-1',
        hops: [],
        createdAt: `2026-01-0${id.slice(-1)}T10:00:00.000Z`,
        escalateAt: '2026-01-05T10:00:00.000Z',
        version: 1,
        ...patch,
      });

      it('saves requests with an optimistic version check, so only one of two concurrent changes wins', async () => {
        expect(await store.requests.saveRequest(request('request:1'))).toBe(true);
        expect(await store.requests.saveRequest(request('request:1'))).toBe(false);
        const results = await Promise.all([
          store.requests.saveRequest(request('request:1', { version: 2, state: 'ACCEPTED' })),
          store.requests.saveRequest(request('request:1', { version: 2, state: 'DECLINED' })),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await store.requests.requestById('request:1'))!.version).toBe(2);
        expect(await store.requests.requestById('request:none')).toBeNull();
      });

      it('writes the notices of a request change in its transaction, and none for a change that lost', async () => {
        const notice = (to: string) => [{ key: rawKey(`notice:requests:${to}`), value: { personId: to } }];
        expect(await store.requests.saveRequest(request('request:7'), notice('new'))).toBe(true);
        const results = await Promise.all([
          store.requests.saveRequest(request('request:7', { version: 2, state: 'ACCEPTED' }), notice('accepted')),
          store.requests.saveRequest(request('request:7', { version: 2, state: 'DECLINED' }), notice('declined')),
        ]);
        const won = results[0] ? 'accepted' : 'declined';
        expect((await store.coordination.listState(rawKey('notice:requests:'))).map((e) => e.key).sort()).toEqual(
          [`notice:requests:${won}`, 'notice:requests:new'].sort(),
        );
      });

      it('finds the requests of a person and those due for escalation', async () => {
        await store.requests.saveRequest(request('request:1'));
        await store.requests.saveRequest(
          request('request:2', {
            requesterId: 'person:kk-1',
            handlerId: 'person:kk-1',
            escalateAt: '2026-01-09T10:00:00.000Z',
          }),
        );
        await store.requests.saveRequest(request('request:3', { state: 'RESOLVED' }));
        expect((await store.requests.requestsOf('person:kik-1', 10)).map((r) => r.id)).toEqual([
          'request:3',
          'request:1',
        ]);
        expect((await store.requests.requestsOf('person:kk-1', 10)).map((r) => r.id)).toEqual(['request:2']);
        expect((await store.requests.requestsToEscalate('2026-01-06T00:00:00.000Z', 10)).map((r) => r.id)).toEqual([
          'request:1',
        ]);
      });
    });

    describe('meetings', () => {
      const meeting = (id: string, startsAt: string, inviteeIds: string[]): Meeting => ({
        id,
        organiserId: 'person:kk-1',
        districtAgs: LANDKREIS,
        title: 'Austausch',
        startsAt,
        durationMinutes: 90,
        municipalityIds: [radebeul.id],
        inviteeIds,
        rsvps: {},
        state: 'SCHEDULED',
        createdAt: '2026-01-01T00:00:00.000Z',
        version: 1,
      });

      it('finds the meetings of people that overlap a time span, and saves changes by version', async () => {
        expect(
          await store.meetings.saveMeeting(meeting('meeting:1', '2026-03-03T13:00:00.000Z', ['person:kik-1'])),
        ).toBe(true);
        expect(
          await store.meetings.saveMeeting(meeting('meeting:2', '2026-03-03T16:00:00.000Z', ['person:vol-1'])),
        ).toBe(true);
        const ids = async (people: string[], from: string, to: string) =>
          (await store.meetings.meetingsOf(people, from, to)).map((m) => m.id);
        expect(await ids(['person:kik-1'], '2026-03-03T14:00:00.000Z', '2026-03-03T15:00:00.000Z')).toEqual([
          'meeting:1',
        ]);
        expect(await ids(['person:kik-1'], '2026-03-03T14:30:00.000Z', '2026-03-03T18:00:00.000Z')).toEqual([]);
        expect(await ids(['person:kk-1'], '2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z')).toEqual([
          'meeting:1',
          'meeting:2',
        ]);
        const answered = {
          ...meeting('meeting:1', '2026-03-03T13:00:00.000Z', ['person:kik-1', 'person:vol-1']),
          rsvps: { 'person:kik-1': 'YES' as const },
          version: 2,
        };
        expect(await store.meetings.saveMeeting(answered)).toBe(true);
        expect(await store.meetings.saveMeeting(answered)).toBe(false);
        expect(await store.meetings.meetingById('meeting:1')).toEqual(answered);
        expect(await ids(['person:vol-1'], '2026-03-03T13:00:00.000Z', '2026-03-03T13:30:00.000Z')).toEqual([
          'meeting:1',
        ]);
      });

      it('saves the occurrences of a series together or not at all, and finds them by series', async () => {
        const occurrence = (n: number, startsAt: string) => ({
          ...meeting(`meeting:s${n}`, startsAt, ['person:kik-1']),
          series: {
            id: 'series:1',
            rule: 'FREQ=MONTHLY;BYDAY=1TU',
            start: '2026-04-07T12:00:00.000Z',
            recurrenceId: startsAt,
          },
        });
        const series = [
          occurrence(2, '2026-05-05T12:00:00.000Z'),
          occurrence(1, '2026-04-07T12:00:00.000Z'),
          occurrence(3, '2026-06-02T12:00:00.000Z'),
        ];
        expect(await store.meetings.saveMeetings(series)).toBe(true);
        expect((await store.meetings.meetingsOfSeries(['series:1'])).map((m) => m.id)).toEqual([
          'meeting:s1',
          'meeting:s2',
          'meeting:s3',
        ]);
        // One stale version (s1 is already at 1, the change claims 3) keeps the other change out too.
        const moved = { ...series[0]!, startsAt: '2026-05-06T12:00:00.000Z', version: 2 };
        expect(await store.meetings.saveMeetings([moved, { ...series[1]!, version: 3 }])).toBe(false);
        expect((await store.meetings.meetingById('meeting:s2'))?.startsAt).toBe('2026-05-05T12:00:00.000Z');
        expect(await store.meetings.saveMeetings([moved])).toBe(true);
        expect(
          (
            await store.meetings.meetingsOf(['person:kik-1'], '2026-05-06T00:00:00.000Z', '2026-05-07T00:00:00.000Z')
          ).map((m) => m.id),
        ).toEqual(['meeting:s2']);
        expect(await store.meetings.meetingsOfSeries(['series:none'])).toEqual([]);
        expect((await store.meetings.meetingsOfSeries(['series:none', 'series:1'])).map((m) => m.id)).toEqual([
          'meeting:s1',
          'meeting:s2',
          'meeting:s3',
        ]);
      });
    });

    describe('shared state', () => {
      it('keeps JSON values by key and lists them by prefix', async () => {
        expect(await store.coordination.getState(rawKey('chat:x'))).toBeNull();
        await store.coordination.setState(rawKey('chat:link:@a:hub'), { personId: 'person:kik-1', status: 'pending' });
        await store.coordination.setState(rawKey('chat:link:@b:hub'), { personId: 'person:kk-1', status: 'confirmed' });
        await store.coordination.setState(rawKey('chat:link:@a:hub'), {
          personId: 'person:kik-1',
          status: 'confirmed',
        });
        await store.coordination.setState(rawKey('other'), 1);
        expect(await store.coordination.getState(rawKey('chat:link:@a:hub'))).toEqual({
          personId: 'person:kik-1',
          status: 'confirmed',
        });
        expect((await store.coordination.listState(rawKey('chat:link:'))).map((e) => e.key)).toEqual([
          'chat:link:@a:hub',
          'chat:link:@b:hub',
        ]);
      });

      it('grants a claim exactly once, also to concurrent claimers', async () => {
        const results = await Promise.all(
          Array.from({ length: 5 }, () => store.coordination.claimOnce(rawKey('event:$abc'))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.coordination.claimOnce(rawKey('event:$abc'))).toBe(false);
        expect(await store.coordination.claimOnce(rawKey('event:$def'))).toBe(true);
      });

      it('writes the notices of a claim with it, only for the first claimer', async () => {
        const notices = (n: number) => [{ key: rawKey(`notice:test:${n}`), value: { personId: 'person:kik-1', n } }];
        const results = await Promise.all(
          [1, 2, 3].map((n) => store.coordination.claimOnce(rawKey('reminder:$x'), notices(n))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const written = await store.coordination.listState<{ n: number }>(rawKey('notice:test:'));
        expect(written).toHaveLength(1);
        expect(written[0]!.value.n).toBe([1, 2, 3][results.indexOf(true)]);
      });

      it('gives a lease to one holder at a time, renews it for them, and hands it on when it expires or is released', async () => {
        const t0 = new Date('2026-11-25T10:00:00Z');
        const later = (s: number) => new Date(t0.getTime() + s * 1000);
        const first = await Promise.all(
          ['a', 'b', 'c'].map((holder) => store.coordination.holdLease('bots', holder, later(15), t0)),
        );
        expect(first.filter(Boolean)).toHaveLength(1);
        const holder = ['a', 'b', 'c'][first.indexOf(true)]!;
        const other = holder === 'a' ? 'b' : 'a';
        expect(await store.coordination.holdLease('bots', other, later(25), later(10))).toBe(false);
        expect(await store.coordination.holdLease('bots', holder, later(25), later(10))).toBe(true);
        expect(await store.coordination.holdLease('bots', other, later(35), later(20))).toBe(false);
        expect(await store.coordination.holdLease('bots', other, later(40), later(26))).toBe(true);
        await store.coordination.releaseLease('bots', holder);
        expect(await store.coordination.holdLease('bots', holder, later(45), later(27))).toBe(false);
        await store.coordination.releaseLease('bots', other);
        expect(await store.coordination.holdLease('bots', holder, later(45), later(27))).toBe(true);
      });
    });

    it('moves the change counter once per network write, and counts its own', async () => {
      const start = await store.writes.changeSequence();
      const own = store.writes.ownChanges();
      await writer.apply(
        { ...emptyBundle(), municipalities: [municipality(LANDKREIS, 'Zählstadt')] },
        { actor: SYSTEM, action: 'test' },
      );
      expect([await store.writes.changeSequence(), store.writes.ownChanges()]).toEqual([start + 1, own + 1]);
      const someone = smallNetwork().persons[0]!;
      await store.writes.replacePerson(
        { ...someone, name: 'Umbenannt' },
        {
          id: 'audit:rename',
          at: new Date().toISOString(),
          actorId: null,
          action: 'test',
          subjectIds: [someone.id],
          details: {},
        },
      );
      expect(await store.writes.changeSequence()).toBe(start + 2);
      await store.coordination.setState(rawKey('unrelated'), { a: 1 });
      expect(await store.writes.changeSequence()).toBe(start + 2);
      // A refresh after a hand edit looks like a write by someone else.
      await store.writes.bumpChangeSequence();
      expect([await store.writes.changeSequence(), store.writes.ownChanges()]).toEqual([start + 3, own + 2]);
      await store.deleteEverything();
      expect(await store.writes.changeSequence()).toBeGreaterThan(start + 3);
    });

    it('deletes everything on request', async () => {
      await store.deleteEverything();
      expect((await store.counts()).roles).toBe(0);
      expect(await store.listDistricts()).toEqual([]);
    });
  });
}
