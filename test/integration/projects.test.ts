import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtsOfState } from '../../graph/data/districts.js';
import { consoleChat } from '../support/console-chat.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';

// Projects of intercultural opening (issue 18) on each store: records of the network with their
// partners, on the map data of their district, in search and in the two analytics a district
// coordination asks for; every write goes through the domain rules and the district's rights.

const KIK = 'person:demo-14627-kik-1';
const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';
const ALLIANCE = 'alliance:demo-14627-1';
const MEISSEN = 'municipality:14627-meissen';
const RADEBEUL = 'municipality:14627-radebeul';
const GOERLITZ = 'municipality:14626-goerlitz';

const PROJECT_FIELDS = `id name status aims municipality { name } district { ags } fundingCall { id }
  contact { id } partners { __typename ... on Alliance { id } ... on Institution { id } ... on Person { id } } shareText`;

describe.each(storeFactories)('projects of intercultural opening on the $name store', (factory) => {
  let hub: TestHub;
  let dispose: () => Promise<void>;
  let kik: Record<string, string>;

  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    await opened.store.deleteEverything();
    hub = await demoHub(opened.store);
    kik = bearer(await hub.token('COORDINATOR', KIK));
  });
  afterAll(async () => dispose?.());

  const create = async (input: string, headers = kik) =>
    (
      await gql(
        hub.yoga,
        `mutation { createProject(input: { ${input} }) { __typename
          ... on HubError { code message } ... on MutationCreateProjectSuccess { data { ${PROJECT_FIELDS} } } } }`,
        {},
        headers,
      )
    ).data!.createProject;

  it('has demo projects in every Saxon district, with partners and the call they run on', async () => {
    for (const district of districtsOfState('14')) {
      const found = await gql(
        hub.yoga,
        `{ projects(first: 10, districtAgs: "${district.ags}") { totalCount edges { node { name demo district { ags } } } } }`,
      );
      expect(found.data!.projects.totalCount, district.name).toBeGreaterThanOrEqual(1);
      for (const { node } of found.data!.projects.edges)
        expect(node).toMatchObject({ demo: true, district: { ags: district.ags } });
    }
    const meissen = await gql(
      hub.yoga,
      `{ node(id: "project:demo-14627-1") { ... on Project { ${PROJECT_FIELDS} } } }`,
    );
    expect(meissen.data!.node).toMatchObject({
      name: 'Wohnungsbörse mit Begleitung Meißen (Demo)',
      status: 'RUNNING',
      municipality: { name: 'Meißen' },
      fundingCall: { id: 'demo-kleinprojekte-14627' },
      contact: { id: KIK },
    });
    expect(meissen.data!.node.partners.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([ALLIANCE, 'institution:demo-14627-jobcenter', KIK]),
    );
    expect(meissen.data!.node.shareText).toBe(
      'Wohnungsbörse mit Begleitung Meißen (Demo): Meißen, läuft (01.03.2026 – 28.02.2027)\n' +
        'Ziele: Vermieter und Wohnungssuchende zusammenbringen; Begleitung bei Besichtigung und Vertrag.',
    );
  });

  it('records a project with its partners; the network, search and analytics show it at once', async () => {
    const before = await gql(
      hub.yoga,
      `{ municipalitiesWithoutProject(districtAgs: "14627") { ... on QueryMunicipalitiesWithoutProjectSuccess { data { id } } } }`,
      {},
      kik,
    );
    const without = before.data!.municipalitiesWithoutProject.data.map((m: { id: string }) => m.id);
    expect(without).not.toContain(MEISSEN);
    const coswig = 'municipality:14627-coswig';
    expect(without).toContain(coswig);

    const created = await create(
      `name: "Sprachcafé im Rathaus Coswig", districtAgs: "14627", municipalityId: "${coswig}", status: APPLIED,
       aims: "Begegnung und Deutsch üben", partnerIds: ["${ALLIANCE}", "${VOLUNTEER}"], contactPersonId: "${KIK}",
       fundingCallId: "demo-wohnraum-sachsen", startsOn: "2027-01-01", endsOn: "2027-12-31"`,
    );
    expect(created.__typename).toBe('MutationCreateProjectSuccess');
    const project = created.data;
    expect(project).toMatchObject({ status: 'APPLIED', municipality: { name: 'Coswig' } });

    const network = await gql(
      hub.yoga,
      '{ network(districtAgs: "14627") { nodes { id type } edges { source target type } } }',
      {},
      kik,
    );
    expect(network.errors).toBeUndefined();
    expect(network.data!.network.nodes).toContainEqual({ id: project.id, type: 'Project' });
    const edges = network.data!.network.edges as { source: string; target: string; type: string }[];
    const touching = (other: string) =>
      edges.find((e) => [e.source, e.target].includes(project.id) && [e.source, e.target].includes(other));
    expect(touching(ALLIANCE)?.type).toBe('PARTNER_IN');
    expect(touching(coswig)?.type).toBe('LOCATED_IN');

    const found = await gql(
      hub.yoga,
      '{ search(text: "Sprachcafé", kinds: [Project]) { __typename ... on Project { id } } }',
    );
    expect(found.data!.search).toEqual([{ __typename: 'Project', id: project.id }]);

    const after = await gql(
      hub.yoga,
      `{ municipalitiesWithoutProject(districtAgs: "14627") { ... on QueryMunicipalitiesWithoutProjectSuccess { data { id } } } }`,
      {},
      kik,
    );
    expect(after.data!.municipalitiesWithoutProject.data.map((m: { id: string }) => m.id)).not.toContain(coswig);
  });

  it('names the calls the district could have used and nobody did', async () => {
    const unused = async () =>
      (
        await gql(
          hub.yoga,
          `{ unusedFundingCalls(districtAgs: "14628") { ... on QueryUnusedFundingCallsSuccess { data { id } } } }`,
          {},
          kik,
        )
      ).data!.unusedFundingCalls.data.map((c: { id: string }) => c.id);
    const before = await unused();
    // The district's own fund runs its demo project; the Land's housing call and the Bund's are unused there.
    expect(before).not.toContain('demo-kleinprojekte-14628');
    expect(before).not.toContain('demo-kleinprojekte-14627');
    expect(before).toEqual(expect.arrayContaining(['demo-wohnraum-sachsen', 'demo-sprachmittlung-bund']));

    const pirna = bearer(await hub.token('COORDINATOR', 'person:demo-14628-kik-1'));
    const updated = await gql(
      hub.yoga,
      `mutation { updateProject(id: "project:demo-14628-2", input: { fundingCallId: "demo-wohnraum-sachsen", status: APPLIED }) {
        __typename ... on MutationUpdateProjectSuccess { data { status fundingCall { id } version } } } }`,
      {},
      pirna,
    );
    expect(updated.data!.updateProject.data).toMatchObject({
      status: 'APPLIED',
      fundingCall: { id: 'demo-wohnraum-sachsen' },
      version: 2,
    });
    expect(await unused()).not.toContain('demo-wohnraum-sachsen');
  });

  it('refuses what breaks the rules or the rights, and writes nothing then', async () => {
    const count = async () =>
      (await gql(hub.yoga, '{ projects(first: 1, districtAgs: "14627") { totalCount } }')).data!.projects.totalCount;
    const before = await count();
    expect(await create(`name: "Falscher Ort", districtAgs: "14627", municipalityId: "${GOERLITZ}"`)).toMatchObject({
      code: 'PROJECT_OUTSIDE_DISTRICT',
    });
    const period = await create(
      `name: "Rückwärts", districtAgs: "14627", startsOn: "2027-05-01", endsOn: "2027-04-01"`,
      { ...kik, 'accept-language': 'de' },
    );
    expect(period).toMatchObject({ code: 'PERIOD_INVALID' });
    expect(period.message).toContain('01.04.2027');
    expect(await create(`name: "Ohne Geld", districtAgs: "14627", fundingCallId: "gibt-es-nicht"`)).toMatchObject({
      code: 'FUNDING_CALL_NOT_FOUND',
    });
    expect(
      await create(`name: "Thema als Partner", districtAgs: "14627", partnerIds: ["topic:integration"]`),
    ).toMatchObject({
      code: 'LINK_ENDPOINTS_INVALID',
    });
    expect(await create(`name: "Nachbarkreis", districtAgs: "14626", municipalityId: "${GOERLITZ}"`)).toMatchObject({
      code: 'NOT_ALLOWED',
    });
    expect(await create(`name: "Anonym", districtAgs: "14627"`, {})).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(await count()).toBe(before);
    expect(await create(`name: "Radebeul lernt", districtAgs: "14627", municipalityId: "${RADEBEUL}"`)).toMatchObject({
      data: { status: 'IDEA', municipality: { name: 'Radebeul' } },
    });
  });

  it('shows a volunteer among the partners only to those who may see them', async () => {
    const query = `{ projects(first: 50, districtAgs: "14627", text: "Sprachcafé") { edges { node {
      partners { __typename ... on Person { id } ... on Alliance { id } } } } } }`;
    const partnersFor = async (headers: Record<string, string>) =>
      ((await gql(hub.yoga, query, {}, headers)).data!.projects.edges[0].node.partners as { id: string }[]).map(
        (p) => p.id,
      );
    expect(await partnersFor(kik)).toEqual(expect.arrayContaining([ALLIANCE, VOLUNTEER]));
    const anonymous = await partnersFor({});
    expect(anonymous).toContain(ALLIANCE);
    expect(anonymous).not.toContain(VOLUNTEER);
  });

  it('tells in chat what runs where (!projekte), people only to those who may see them', async () => {
    const [alliance, volunteer, kikPerson] = await hub.store.entitiesByIds([ALLIANCE, VOLUNTEER, KIK]);
    const say = consoleChat(hub, { kik: KIK });
    const meissen = await say('kik', '!projekte Meißen');
    expect(meissen).toContain('Projekte in Meißen:');
    expect(meissen).toContain('1. Wohnungsbörse mit Begleitung Meißen (Demo) – läuft (01.03.2026 – 28.02.2027)');
    expect(meissen).toContain(`Partner: ${alliance!.name}`);
    expect(meissen).toContain(`Ansprechperson: ${kikPerson!.name}`);
    expect(meissen).not.toContain('Willkommenspaten');

    const own = await say('kik', '!projekte');
    expect(own).toContain('Projekte in Meißen:');
    expect(own).toContain('Willkommenspaten im Rathaus Radebeul (Demo) – Idee');
    expect(own).toContain('Sprachcafé im Rathaus Coswig – Förderung beantragt (01.01.2027 – 31.12.2027)');

    expect(await say('kik', '!projekte Coswig')).toContain(volunteer!.name);
    const stranger = await say('stranger', '!projekte Coswig');
    expect(stranger).toContain(alliance!.name);
    expect(stranger).not.toContain(volunteer!.name);

    expect(await say('kik', '!projekte Moritzburg')).toBe(
      'Noch keine Projekte der interkulturellen Öffnung in Moritzburg. Ideen und Förderaufrufe: !foerderung',
    );
    expect(await say('kik', '!projekte Radebäul')).toContain('Radebeul');
    expect(await say('kik', '!projekte Atlantis')).toMatch(/Atlantis.*nicht bekannt/s);
    expect(await say('stranger', '!projekte')).toMatch(/Gemeinde oder eine kreisfreie Stadt nennen/);
  });

  it('moves the projects of merging towns to the town they form (issue 18 with the lifecycle work)', async () => {
    const admin = bearer(await hub.token('ADMIN'));
    const merged = await gql(
      hub.yoga,
      `mutation { mergeMunicipalities(input: { municipalityIds: ["${RADEBEUL}", "municipality:14627-moritzburg"], newName: "Radebeul-Moritzburg" }) {
        __typename ... on HubError { code message } ... on MutationMergeMunicipalitiesSuccess { data { survivor { ... on Municipality { id } } } } } }`,
      {},
      admin,
    );
    const town = merged.data!.mergeMunicipalities.data.survivor.id as string;
    const projects = await gql(
      hub.yoga,
      `{ projects(first: 50, municipalityId: "${town}") { edges { node { name municipality { name } } } } }`,
    );
    expect(projects.data!.projects.edges.map((e: { node: { name: string } }) => e.node.name).sort()).toEqual([
      'Radebeul lernt',
      'Willkommenspaten im Rathaus Radebeul (Demo)',
    ]);
    const without = await gql(
      hub.yoga,
      `{ municipalitiesWithoutProject(districtAgs: "14627") { ... on QueryMunicipalitiesWithoutProjectSuccess { data { id } } } }`,
      {},
      kik,
    );
    const ids = without.data!.municipalitiesWithoutProject.data.map((m: { id: string }) => m.id);
    expect(ids).not.toContain(town);
    expect(ids).not.toContain(RADEBEUL);
    expect(ids).not.toContain('municipality:14627-moritzburg');
    expect(await create(`name: "Zu spät", districtAgs: "14627", municipalityId: "${RADEBEUL}"`)).toMatchObject({
      code: 'ALREADY_ENDED',
    });
  });

  it('moves the contact of a project to the surviving record when two records of a person merge', async () => {
    const admin = bearer(await hub.token('ADMIN'));
    const added = await gql(
      hub.yoga,
      `mutation { addPerson(input: { name: "Doppelt Erfasst" }) { ... on MutationAddPersonSuccess { data { id } } } }`,
      {},
      admin,
    );
    const twin = added.data!.addPerson.data.id as string;
    const created = await create(`name: "Kontakt wandert", districtAgs: "14627", contactPersonId: "${twin}"`);
    const merged = await gql(
      hub.yoga,
      `mutation { mergeRecords(survivorId: "${KIK}", mergedIds: ["${twin}"]) { __typename ... on HubError { code message } } }`,
      {},
      admin,
    );
    expect(merged.data!.mergeRecords.__typename).toBe('MutationMergeRecordsSuccess');
    const project = await gql(
      hub.yoga,
      `{ node(id: "${created.data.id}") { ... on Project { contact { id } version } } }`,
      {},
      kik,
    );
    expect(project.data!.node).toEqual({ contact: { id: KIK }, version: 2 });
  });
});
