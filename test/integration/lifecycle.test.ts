import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saxonyDemo } from '../../graph/data/saxony-demo.js';
import type { Viewer } from '../../src/services/access/domain/access.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { createServices, type HubServices } from '../../src/services/hub-services.js';
import { berlinDay } from '../../src/features/meetings/when.js';
import { createHubYoga, type HubYoga } from '../../src/server/yoga.js';
import { bearer, gql } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';
import { words } from '../support/told.js';
import type { HubNotice } from '../../src/services/chat/notifiers.js';

// Issue 15 "done when", over GraphQL on each store: the KIK of Radebeul leaves, a successor takes
// the role, the municipalities served, the open request and the organised meeting; today's
// contacts name the successor, yesterday's the old KIK; stale and rule-breaking edits and deletes
// with dependants are refused and change nothing.

const OLD_KIK = 'person:demo-14627-kik-2';
const kikViewer: Viewer = {
  personId: OLD_KIK,
  access: 'COORDINATOR',
  districtAgs: null,
  personalData: false,
  roles: ['KIK'],
};
const volunteer: Viewer = {
  personId: 'person:demo-14627-alliance-1-volunteer-1',
  access: 'VOLUNTEER',
  districtAgs: null,
  personalData: false,
  roles: ['VOLUNTEER'],
};
const dayBefore = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe.each(storeFactories)('keeping the network true on the $name store', (factory) => {
  let store: GraphStore;
  let services: HubServices;
  let yoga: HubYoga;
  let dispose: () => Promise<void>;
  let coordinator: Record<string, string>;
  const told: { personId: string; message: { de: string; en: string } }[] = [];

  beforeAll(async () => {
    ({ store, dispose } = await factory.open());
    services = createServices(store, { rules: { kikLimitPerLandkreis: 10 } });
    await services.writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
    const listen = {
      notify: async (personId: string, notice: HubNotice) => void told.push({ personId, message: words(notice) }),
    };
    services.requests.addNotifier(listen);
    services.meetings.addNotifier(listen);
    yoga = createHubYoga(services, { graphiql: false });
    const { secret } = await services.access.create(
      {
        personId: 'person:demo-14627-koordinationskraft',
        access: 'DISTRICT_COORDINATOR',
        districtAgs: '14627',
        label: 'lifecycle',
      },
      SYSTEM,
    );
    coordinator = bearer(secret);
  });
  afterAll(async () => dispose());

  const kikOf = async (place: string, at?: string) => {
    const answer = await gql(
      yoga,
      `query($place: String!, $at: String) { contacts(municipality: $place, at: $at) { role person { id name } } }`,
      { place, at },
      coordinator,
    );
    return (answer.data!.contacts as { role: string; person: { id: string } | null }[])
      .filter((c) => c.role === 'KIK')
      .map((c) => c.person!.id);
  };

  it('ends the KIK of Radebeul with a successor, who takes over the town, the open request and the meeting, and is told', async () => {
    const request = await services.requests.file(
      { place: 'Radebeul', topic: 'Sprache', text: 'Dolmetscherin für Elternabend gesucht' },
      volunteer,
    );
    expect(request.handlerId).toBe(OLD_KIK);
    const meeting = await services.meetings.schedule(
      { title: 'Austausch Radebeul–Coswig', when: 'am 20.3.2027 um 10 Uhr', invite: ['Coswig'], confirmed: true },
      kikViewer,
    );
    const [roles] = await store.rolesOfPersons([OLD_KIK]);
    const kikRole = roles!.find((r) => r.role === 'KIK')!;

    const added = await gql(
      yoga,
      'mutation { addPerson(input: { name: "Mira Hoffmann" }) { ... on MutationAddPersonSuccess { data { id } } } }',
      {},
      coordinator,
    );
    const successorId = added.data!.addPerson.data.id as string;
    const today = berlinDay(new Date());
    const ended = await gql(
      yoga,
      `mutation($role: ID!, $successor: ID!, $until: String!) {
      endRole(input: { roleId: $role, successorId: $successor, until: $until }) {
        __typename
        ... on MutationEndRoleSuccess { data { ended { until } successor { person { name } since } receiver { name } handedOverRequests handedOverMeetings } }
        ... on HubError { code message }
      } }`,
      { role: kikRole.id, successor: successorId, until: today },
      coordinator,
    );
    expect(ended.data!.endRole).toEqual({
      __typename: 'MutationEndRoleSuccess',
      data: {
        ended: { until: today },
        successor: { person: { name: 'Mira Hoffmann' }, since: today },
        receiver: { name: 'Mira Hoffmann' },
        handedOverRequests: [request.id],
        handedOverMeetings: [meeting.id],
      },
    });

    expect(await kikOf('Radebeul')).toEqual([successorId]);
    expect(await kikOf('Radebeul', dayBefore(today))).toEqual([OLD_KIK]);
    expect((await store.requests.requestById(request.id))!).toMatchObject({
      handlerId: successorId,
      hops: expect.arrayContaining([
        expect.objectContaining({ kind: 'HANDED_OVER', fromId: OLD_KIK, toId: successorId }),
      ]),
    });
    expect((await store.meetings.meetingById(meeting.id))!.organiserId).toBe(successorId);
    expect(told.filter((t) => t.personId === successorId).map((t) => t.message.de)).toContainEqual(
      expect.stringMatching(/^Sie übernehmen von .+: 1 offene Anfrage\(n\), 1 Treffen, 0 offene Aufgabe\(n\)\.$/),
    );
    expect(told.filter((t) => t.personId === volunteer.personId).map((t) => t.message.de)).toContain(
      'Ihre Anfrage zu Radebeul („Dolmetscherin für Elternabend gesucht“) wird jetzt von Mira Hoffmann bearbeitet.',
    );
    // The map of the present no longer draws the old KIK's link to Radebeul; the map of the day before does.
    const linked = async (at?: string) => {
      const answer = await gql(
        yoga,
        'query($at: String) { network(districtAgs: "14627", at: $at) { edges { source target } } }',
        { at },
        coordinator,
      );
      return (answer.data!.network.edges as { source: string; target: string }[]).some(
        (e) => [e.source, e.target].sort().join() === [OLD_KIK, 'municipality:14627-radebeul'].sort().join(),
      );
    };
    expect(await linked()).toBe(false);
    expect(await linked(dayBefore(today))).toBe(true);
    // A new request for Radebeul goes to the successor.
    expect(
      (await services.requests.file({ place: 'Radebeul', topic: null, text: 'Noch eine Frage' }, volunteer)).handlerId,
    ).toBe(successorId);

    const history = await gql(
      yoga,
      `query($id: ID!) { history(id: $id) { ... on QueryHistorySuccess { data { roles { role until person { id } } entries { action actor } } } } }`,
      { id: OLD_KIK },
      coordinator,
    );
    expect(history.data!.history.data.roles).toContainEqual({ role: 'KIK', until: today, person: { id: OLD_KIK } });
    // The role end, then the work it handed over (which an undo routes back).
    expect(history.data!.history.data.entries.slice(0, 2).map((e: { action: string }) => e.action)).toEqual([
      'workHandedOver',
      'endRole',
    ]);
  });

  it('refuses a stale update as a conflict naming the editor, a rule breach with its rule, a delete with dependants naming them; nothing changes', async () => {
    const update = (version: number, name: string) =>
      gql(
        yoga,
        `mutation($v: Int, $name: String) { updateMunicipality(id: "municipality:14627-radebeul", version: $v, input: { name: $name }) {
        __typename ... on MutationUpdateMunicipalitySuccess { data { name version } } ... on HubError { code message } } }`,
        { v: version, name },
        coordinator,
      );
    const first = await update(1, 'Radebeul (Sachsen)');
    expect(first.data!.updateMunicipality).toEqual({
      __typename: 'MutationUpdateMunicipalitySuccess',
      data: { name: 'Radebeul (Sachsen)', version: 2 },
    });
    const sequence = await store.writes.changeSequence();
    const stale = await update(1, 'Radebeul an der Elbe');
    expect(stale.data!.updateMunicipality).toMatchObject({
      code: 'EDIT_CONFLICT',
      message: expect.stringMatching(/inzwischen von .+ am .+ geändert \(Version 2/),
    });
    const outside = await gql(
      yoga,
      'mutation { updateInstitution(id: "institution:none", input: { name: "X" }) { ... on HubError { code } } }',
      {},
      coordinator,
    );
    expect(outside.data!.updateInstitution.code).toBe('INSTITUTION_NOT_FOUND');
    const badTopic = await gql(
      yoga,
      'mutation { updateAlliance(id: "alliance:demo-14627-1", input: { topicIds: ["topic:does-not-exist"] }) { ... on HubError { code } } }',
      {},
      coordinator,
    );
    expect(badTopic.data!.updateAlliance.code).toBe('TOPIC_NOT_FOUND');
    const deleted = await gql(
      yoga,
      'mutation { deleteRecord(id: "alliance:demo-14627-1") { ... on HubError { code message } } }',
      {},
      coordinator,
    );
    expect(deleted.data!.deleteRecord).toMatchObject({
      code: 'HAS_DEPENDANTS',
      message: expect.stringContaining('Rollen'),
    });
    expect(await store.writes.changeSequence()).toBe(sequence);
    const [town] = await store.entitiesByIds(['municipality:14627-radebeul']);
    expect(town).toMatchObject({ name: 'Radebeul (Sachsen)', version: 2 });
    const [alliance] = await store.entitiesByIds(['alliance:demo-14627-1']);
    expect(alliance).not.toBeNull();
  });

  it('merges two municipalities into a new one that serves and holds the links; each old one keeps a readable history', async () => {
    const [towns] = await store.municipalitiesOfDistricts(['14627']);
    const [a, b] = towns!.filter((t) => !t.name.startsWith('Radebeul')).slice(0, 2);
    const [linksBefore] = await store.linksOf([a!.id]);
    const kikBefore = await kikOf(a!.name);
    const merged = await gql(
      yoga,
      `mutation($ids: [ID!]!) { mergeMunicipalities(input: { municipalityIds: $ids, newName: "Elbtalgemeinde" }) {
      __typename ... on MutationMergeMunicipalitiesSuccess { data { survivor { ... on Municipality { id name } } mergedIds movedLinks } } ... on HubError { code message } } }`,
      { ids: [a!.id, b!.id] },
      coordinator,
    );
    expect(merged.errors).toBeUndefined();
    const result = merged.data!.mergeMunicipalities;
    expect(result).toMatchObject({
      __typename: 'MutationMergeMunicipalitiesSuccess',
      data: { survivor: { name: 'Elbtalgemeinde' }, mergedIds: [a!.id, b!.id] },
    });
    expect(result.data.movedLinks).toBeGreaterThan(0);
    expect(await kikOf('Elbtalgemeinde')).toEqual(expect.arrayContaining(kikBefore));
    const [linksAfter] = await store.linksOf([result.data.survivor.id]);
    expect(linksAfter!.length).toBeGreaterThanOrEqual(linksBefore!.length);
    const listed = await gql(
      yoga,
      '{ municipalities(districtAgs: "14627", first: 2) { totalCount edges { cursor } } }',
      {},
      coordinator,
    );
    expect(listed.data!.municipalities.edges).toHaveLength(2);
    expect(listed.data!.municipalities.totalCount).toBe(
      (await store.municipalityDirectory()).filter((m) => m.districtAgs === '14627').length,
    );
    // Asked by its old name, a merged town is answered for the town it belongs to now (issue 34).
    const byOldName = await gql(
      yoga,
      `query($place: String!) { contacts(municipality: $place) { role } }`,
      { place: a!.name },
      coordinator,
    );
    expect(byOldName.errors).toBeUndefined();
    expect(byOldName.data!.contacts.map((c: { role: string }) => c.role)).toContain('KOORDINATIONSKRAFT');
    const history = await gql(
      yoga,
      `query($id: ID!) { history(id: $id) { ... on QueryHistorySuccess { data { entries { action } } } } }`,
      { id: a!.id },
      coordinator,
    );
    expect(history.data!.history.data.entries[0]).toEqual({ action: 'mergeMunicipalities' });
    // The district as it stood the day before: both towns with their KIK; today: the merged one.
    const townsOn = async (at?: string) => {
      const answer = await gql(
        yoga,
        'query($at: String) { district(ags: "14627", at: $at) { municipalities { name servedBy { id } } } }',
        { at },
        coordinator,
      );
      return answer.data!.district.municipalities as { name: string; servedBy: { id: string }[] }[];
    };
    // Asked for the day before, the old town is found by its name and answered with its KIK.
    expect(await kikOf(a!.name, dayBefore(berlinDay(new Date())))).toEqual(kikBefore);
    const yesterday = await townsOn(dayBefore(berlinDay(new Date())));
    expect(yesterday.map((m) => m.name)).toEqual(expect.arrayContaining([a!.name, b!.name]));
    expect(yesterday.map((m) => m.name)).not.toContain('Elbtalgemeinde');
    expect(yesterday.find((m) => m.name === a!.name)!.servedBy.map((p) => p.id)).toEqual(kikBefore);
    const today = await townsOn();
    expect(today.map((m) => m.name)).toContain('Elbtalgemeinde');
    expect(today.map((m) => m.name)).not.toContain(a!.name);
    const old = await gql(
      yoga,
      `query($id: ID!) { node(id: $id) { ... on Municipality { name } } }`,
      { id: a!.id },
      coordinator,
    );
    expect(old.data!.node).toEqual({ name: a!.name });
  });
});

describe.each(storeFactories)('orphaned work on the $name store', (factory) => {
  it('reports a request left waiting on a Koordinationskraft whose role ended with nobody to take over', async () => {
    const { store, dispose } = await factory.open();
    try {
      const services = createServices(store, { rules: { kikLimitPerLandkreis: 10 } });
      await services.writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
      const yoga = createHubYoga(services, { graphiql: false });
      const { secret } = await services.access.create(
        { personId: 'person:demo-analyst', access: 'ANALYST', label: 'orphans' },
        SYSTEM,
      );
      const [towns] = await store.municipalitiesOfDistricts(['14625']);
      const request = await services.requests.file(
        { place: towns![0]!.name, topic: null, text: 'Wer hilft beim Antrag?' },
        volunteer,
      );
      const [kikRoles] = await store.rolesOfPersons([request.handlerId]);
      await services.handover.endRole({ id: kikRoles!.find((r) => r.role === 'KIK')!.id }, null, SYSTEM);
      const kk = 'person:demo-14625-koordinationskraft';
      expect((await store.requests.requestById(request.id))!.handlerId).toBe(kk);
      const orphans = async () =>
        (
          await gql(
            yoga,
            '{ analytics(districtAgs: "14625") { orphanedWork { kind id waitingOnId } } }',
            {},
            bearer(secret),
          )
        ).data!.analytics.orphanedWork;
      expect(await orphans()).toEqual([]);
      const [kkRoles] = await store.rolesOfPersons([kk]);
      const ending = await services.handover.endRole(
        { id: kkRoles!.find((r) => r.role === 'KOORDINATIONSKRAFT')!.id },
        null,
        SYSTEM,
      );
      expect(ending.receiverId).toBeNull();
      // The analyst has no grant for personal data: the person waited on is an opaque id.
      expect(await orphans()).toEqual([
        { kind: 'REQUEST', id: request.id, waitingOnId: services.privacy.opaqueId(kk) },
      ]);
    } finally {
      await dispose();
    }
  });
});

describe('a link ended over GraphQL', () => {
  it('answers with both ends as nodes and the end date (Link.from and Link.to resolved to no type before)', async () => {
    const { demoHub } = await import('../support/hub.js');
    const hub = await demoHub();
    const token = await hub.token('ADMIN', 'person:demo-admin');
    const [links] = await hub.store.linksOf(['alliance:demo-14627-1']);
    const link = links!.find((l) => l.type === 'ACTIVE_IN')!;
    const answer = await gql(
      hub.yoga,
      `mutation($id: ID!) { endLink(input: { linkId: $id }) { ... on MutationEndLinkSuccess { data { from { id __typename } to { id __typename } until } } } }`,
      { id: link.id },
      bearer(token),
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.endLink.data).toEqual({
      from: { id: link.fromId, __typename: 'Alliance' },
      to: { id: link.toId, __typename: 'Municipality' },
      until: berlinDay(new Date()),
    });
  });
});
