import type { Server } from 'node:http';
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import type { ChatUser } from '../../bots/core/command.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../bots/core/identities.js';
import { toPlainText } from '../../bots/core/render.js';
import { TEXTS } from '../../bots/core/texts.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import {
  ACCESS_POLICY,
  chatOperation,
  PERSON_VISIBILITY,
  type Principal,
  type Scope,
} from '../../src/services/access/domain/policy.js';
import { createHubServer } from '../../src/server/http.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';

// The access policy (src/services/access/domain/policy.ts) walked cell by cell against a listening hub on each
// store: every GraphQL root field and every chat command, for every access level. A cell is
// "allowed" when the level is in the row's `who` and the row's data condition holds for the
// test's caller (SCOPE_HOLDS); otherwise the hub must refuse it.

type Column = Exclude<Principal, 'districtCoordinator'> | 'districtCoordinatorIn' | 'districtCoordinatorOut';
const COLUMNS: Column[] = [
  'anonymous',
  'member',
  'coordinator',
  'districtCoordinatorIn',
  'districtCoordinatorOut',
  'analyst',
  'analystWithGrant',
  'admin',
];
const policyPrincipal = (c: Column): Principal =>
  c.startsWith('districtCoordinator') ? 'districtCoordinator' : (c as Principal);

const KIK = 'person:demo-14627-kik-1';
const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';
const ALLIANCE = 'alliance:demo-14627-1';

/** Whether the test's caller in each column meets a row's data condition, for calls aimed at district 14627. */
const SCOPE_HOLDS: Record<Scope, (c: Column) => boolean> = {
  // coordinator: the KIK of 14627; the "out" district coordinator works in 14625.
  ownDistrict: (c) => c !== 'districtCoordinatorOut',
  // Calls name objects that do not exist: the gate lets the caller through and the service says "not found".
  involved: () => true,
  self: () => true,
  // The KIK and the Koordinationskraft of 14627 organise there; the admin holds no organising role.
  organisingRole: (c) => c === 'coordinator' || c === 'districtCoordinatorIn',
};

const REFUSALS = ['NOT_ALLOWED', 'UNAUTHENTICATED', 'MEETING_OUTSIDE_DISTRICT'];
const RESULT = '{ __typename ... on HubError { code } }';

/** Records in 14627 that the lifecycle calls change or end, found when the hub is up. */
const TARGET = { institution: '', role: '', link: '', endedAlliance: '', mergedAlliance: '', mergedTown: '' };

/** A representative call of every GraphQL root field; `n` makes names unique per cell. */
const CALLS: Record<string, (n: string) => string> = {
  'Query.districts': () => '{ districts { ags } }',
  'Query.district': () => '{ district(ags: "14627") { name } }',
  'Query.municipality': () => '{ municipality(id: "municipality:14627-radebeul") { name } }',
  'Query.municipalities': () => '{ municipalities(first: 2) { edges { cursor } } }',
  'Query.alliances': () => '{ alliances(first: 2) { edges { cursor } } }',
  'Query.institutions': () => '{ institutions(first: 2) { edges { cursor } } }',
  'Query.topics': () => '{ topics(first: 2) { edges { cursor } } }',
  'Query.fundingPrograms': () => '{ fundingPrograms(first: 2) { edges { cursor } } }',
  'Query.node': () => '{ node(id: "district:14627") { id } }',
  'Query.nodes': () => '{ nodes(ids: ["district:14627"]) { id } }',
  'Query.search': () => '{ search(text: "Rade") { __typename } }',
  'Query.contacts': () => '{ contacts(municipality: "Radebeul") { role } }',
  'Query.network': () => '{ network(districtAgs: "14627") { nodes { id } } }',
  'Query.path': () => '{ path(from: "municipality:14627-radebeul", to: "district:14627") { id } }',
  'Query.people': () => '{ people(first: 2) { edges { cursor } } }',
  'Query.analytics': () => '{ analytics(districtAgs: "14627") { isolatedAlliances } }',
  'Query.accessTokens': () => '{ accessTokens { id } }',
  'Query.myData': () => '{ myData }',
  'Query.myNotificationSettings': () => '{ myNotificationSettings { email chat digest mutedKinds } }',
  'Query.myMeetings': () => '{ myMeetings { id } }',
  'Query.myRequests': () => '{ myRequests { id } }',
  'Query.request': () => '{ request(id: "request:none") { id } }',
  'Query.districtRequests': () => `{ districtRequests(districtAgs: "14627") ${RESULT} }`,
  'Query.scheduledChanges': () => `{ scheduledChanges ${RESULT} }`,
  'Query.suggestions': () => '{ suggestions(districtAgs: "14627", first: 3) { edges { node { id reason } } } }',
  'Mutation.answerSuggestion': () =>
    `mutation { answerSuggestion(districtAgs: "14627", id: "suggestion:none", answer: DISMISSED) ${RESULT} }`,
  'Mutation.takeSuggestion': () => `mutation { takeSuggestion(districtAgs: "14627", id: "suggestion:none") ${RESULT} }`,
  'Mutation.cancelScheduledChange': () => `mutation { cancelScheduledChange(id: "scheduled:none") ${RESULT} }`,
  'Query.waitingChatLinks': () => '{ waitingChatLinks { account } }',
  'Mutation.addMunicipality': (n) =>
    `mutation { addMunicipality(input: { name: "Matrixdorf ${n}", districtAgs: "14627" }) ${RESULT} }`,
  'Mutation.addTopic': (n) =>
    `mutation { addTopic(input: { name: "Matrixthema ${n}", nameEn: "Matrix topic ${n}" }) ${RESULT} }`,
  'Mutation.addFundingProgram': (n) =>
    `mutation { addFundingProgram(input: { name: "Matrixprogramm ${n}", level: LAND }) ${RESULT} }`,
  'Mutation.addPerson': (n) => `mutation { addPerson(input: { name: "Matrix Person ${n}" }) ${RESULT} }`,
  'Mutation.addAlliance': (n) =>
    `mutation { addAlliance(input: { name: "Matrixbündnis ${n}", districtAgs: "14627" }) ${RESULT} }`,
  'Mutation.addInstitution': (n) =>
    `mutation { addInstitution(input: { name: "Matrixschule ${n}", type: SCHOOL, districtAgs: "14627" }) ${RESULT} }`,
  'Mutation.addLink': () =>
    `mutation { addLink(input: { type: COOPERATES_WITH, fromId: "${ALLIANCE}", toId: "alliance:demo-14627-2" }) ${RESULT} }`,
  'Mutation.assignRole': () =>
    `mutation { assignRole(input: { personId: "${VOLUNTEER}", role: VOLUNTEER, scopeId: "alliance:demo-14627-2" }) ${RESULT} }`,
  'Mutation.updatePerson': () =>
    `mutation { updatePerson(id: "${KIK}", input: { languages: ["de", "ar"] }) ${RESULT} }`,
  'Mutation.updateMunicipality': () =>
    `mutation { updateMunicipality(id: "municipality:14627-radebeul", input: { population: 33000 }) ${RESULT} }`,
  'Mutation.updateAlliance': () =>
    `mutation { updateAlliance(id: "${ALLIANCE}", input: { name: "Bündnis Matrix" }) ${RESULT} }`,
  'Mutation.updateInstitution': () =>
    `mutation { updateInstitution(id: "${TARGET.institution}", input: { institutionType: OTHER }) ${RESULT} }`,
  'Mutation.updateTopic': () => `mutation { updateTopic(id: "topic:none", input: { name: "Nichts" }) ${RESULT} }`,
  'Mutation.updateFundingProgram': () =>
    `mutation { updateFundingProgram(id: "funding:none", input: { name: "Nichts" }) ${RESULT} }`,
  // The first allowed caller ends the role or link; later allowed ones hear ALREADY_ENDED, which is no refusal.
  'Mutation.endRole': () => `mutation { endRole(input: { roleId: "${TARGET.role}" }) ${RESULT} }`,
  'Mutation.endLink': () => `mutation { endLink(input: { linkId: "${TARGET.link}" }) ${RESULT} }`,
  // The alliance has members: allowed callers hear HAS_DEPENDANTS and nothing is deleted.
  'Mutation.deleteRecord': () => `mutation { deleteRecord(id: "${ALLIANCE}") ${RESULT} }`,
  // The first allowed caller ends or merges; later allowed ones hear ALREADY_ENDED or NOT_FOUND, no refusal.
  'Mutation.endRecord': () => `mutation { endRecord(id: "${TARGET.endedAlliance}") ${RESULT} }`,
  'Mutation.mergeRecords': () =>
    `mutation { mergeRecords(survivorId: "${ALLIANCE}", mergedIds: ["${TARGET.mergedAlliance}"]) ${RESULT} }`,
  'Mutation.mergeMunicipalities': () =>
    `mutation { mergeMunicipalities(input: { municipalityIds: ["${TARGET.mergedTown}"], intoId: "municipality:14627-radebeul" }) ${RESULT} }`,
  'Query.statistics': () =>
    '{ statistics(districtAgs: "14627", from: "2026-01-01", to: "2026-12-31") { requestsFiled } }',
  'Query.pendingChanges': () => `{ pendingChanges ${RESULT} }`,
  'Query.myProposals': () => '{ myProposals { id } }',
  'Query.undoableChanges': () => '{ undoableChanges { id label } }',
  'Mutation.undoChange': () => `mutation { undoChange(id: "audit:none") ${RESULT} }`,
  // The caller proposes for their own record; unknown proposals are NOT_FOUND for reviewers (no refusal).
  'Mutation.proposeChange': (n) =>
    `mutation { proposeChange(input: { languages: ["de", "${n.length % 2 ? 'ar' : 'uk'}"] }) ${RESULT} }`,
  'Mutation.confirmMyRecord': () => `mutation { confirmMyRecord ${RESULT} }`,
  'Mutation.reviewChange': () =>
    `mutation { reviewChange(id: "proposal:none", accept: false, reason: "Test") ${RESULT} }`,
  'Query.history': () => `{ history(id: "district:14627") ${RESULT} }`,
  'Mutation.createAccessToken': (n) =>
    `mutation { createAccessToken(input: { personId: "${KIK}", access: VOLUNTEER, label: "matrix ${n}" }) ${RESULT} }`,
  'Mutation.revokeAccessToken': () => `mutation { revokeAccessToken(id: "token:none") ${RESULT} }`,
  'Mutation.confirmChatLink': (n) =>
    `mutation { confirmChatLink(account: "@matrix-${n.replace(/\W/g, '')}:hub.test", personId: "${VOLUNTEER}") ${RESULT} }`,
  'Mutation.erasePerson': () => `mutation { erasePerson(personId: "person:none") ${RESULT} }`,
  'Mutation.updateMyContactChannels': () => `mutation { updateMyContactChannels(channels: []) ${RESULT} }`,
  'Mutation.fileRequest': () => `mutation { fileRequest(input: { place: "Radebeul", text: "Matrix" }) ${RESULT} }`,
  'Mutation.acceptRequest': () => `mutation { acceptRequest(id: "request:none") ${RESULT} }`,
  'Mutation.forwardRequest': () => `mutation { forwardRequest(id: "request:none", toPersonId: "${KIK}") ${RESULT} }`,
  'Mutation.resolveRequest': () => `mutation { resolveRequest(id: "request:none") ${RESULT} }`,
  'Mutation.declineRequest': () => `mutation { declineRequest(id: "request:none") ${RESULT} }`,
  'Mutation.scheduleMeeting': (n) =>
    `mutation { scheduleMeeting(input: { title: "Matrix ${n}", when: "7.4.2031 10 Uhr", invite: ["Radebeul"], confirmed: true }) ${RESULT} }`,
  'Mutation.proposeMeetingDates': (n) =>
    `mutation { proposeMeetingDates(input: { title: "Matrix ${n}", slots: ["8.4.2031 10 Uhr", "9.4.2031 10 Uhr"], invite: ["Radebeul"] }) ${RESULT} }`,
  'Mutation.rescheduleMeeting': () =>
    `mutation { rescheduleMeeting(id: "meeting:none", when: "10.4.2031 10 Uhr") ${RESULT} }`,
  'Mutation.cancelMeeting': () => `mutation { cancelMeeting(id: "meeting:none") ${RESULT} }`,
  'Mutation.setMeetingAgenda': () => `mutation { setMeetingAgenda(id: "meeting:none", agenda: "x") ${RESULT} }`,
  'Mutation.fixMeetingDate': () => `mutation { fixMeetingDate(id: "poll:none") ${RESULT} }`,
  'Mutation.rsvpMeeting': () => `mutation { rsvpMeeting(id: "meeting:none", answer: YES) ${RESULT} }`,
  'Mutation.voteMeetingDates': () => `mutation { voteMeetingDates(id: "poll:none", choices: [1]) ${RESULT} }`,
  'Mutation.setNotificationSettings': () => `mutation { setNotificationSettings(input: { digest: DAILY }) ${RESULT} }`,
  'Mutation.createCalendarFeed': () => `mutation { createCalendarFeed ${RESULT} }`,
  'Mutation.revokeCalendarFeed': () => `mutation { revokeCalendarFeed ${RESULT} }`,
  'Subscription.networkChanged': () => 'subscription { networkChanged { action } }',
  'Query.fundingCalls': () => `{ fundingCalls(topic: "Wohnen") ${RESULT} }`,
  'Query.fundingSubscriptions': () => `{ fundingSubscriptions ${RESULT} }`,
  'Mutation.subscribeFunding': () => `mutation { subscribeFunding(topic: "Wohnen") ${RESULT} }`,
  'Mutation.unsubscribeFunding': () => `mutation { unsubscribeFunding(topic: "Wohnen") ${RESULT} }`,
  'Mutation.importFundingCalls': () => `mutation { importFundingCalls(text: "[]", format: JSON) ${RESULT} }`,
  'Query.adviceOffers': () => `{ adviceOffers(query: "Jobcenter") ${RESULT} }`,
  'Mutation.createAdviceOffer': (n) =>
    `mutation { createAdviceOffer(input: { title: "Angebot ${n}", description: "Text", institutionTypes: [POLICE] }) ${RESULT} }`,
  // An unknown offer is NOT_FOUND for the signed-in (no refusal).
  'Mutation.requestAdvice': () => `mutation { requestAdvice(offerId: "advice:none", text: "Hallo") ${RESULT} }`,
  'Query.projects': () =>
    '{ projects(first: 2, districtAgs: "14627") { edges { node { name partners { __typename } } } } }',
  'Query.municipalitiesWithoutProject': () =>
    `{ municipalitiesWithoutProject(districtAgs: "14627") { __typename ... on HubError { code } ... on QueryMunicipalitiesWithoutProjectSuccess { data { id } } } }`,
  'Query.unusedFundingCalls': () =>
    `{ unusedFundingCalls(districtAgs: "14627") { __typename ... on HubError { code } ... on QueryUnusedFundingCallsSuccess { data { id } } } }`,
  'Mutation.createProject': (n) =>
    `mutation { createProject(input: { name: "Matrixprojekt ${n}", districtAgs: "14627", partnerIds: ["${ALLIANCE}"] }) ${RESULT} }`,
  'Mutation.updateProject': () =>
    `mutation { updateProject(id: "project:demo-14627-2", input: { status: APPLIED }) ${RESULT} }`,
  'Query.articles': () => `{ articles(first: 2) ${RESULT} }`,
  'Query.article': () => `{ article(id: "article:none") ${RESULT} }`,
  'Query.searchKnowledge': () => `{ searchKnowledge(text: "Unterbringung") ${RESULT} }`,
  'Mutation.createArticle': (n) => `mutation { createArticle(input: { title: "Test ${n}", body: "Text" }) ${RESULT} }`,
  // An unknown article is NOT_FOUND for coordinators (no refusal).
  'Mutation.updateArticle': () =>
    `mutation { updateArticle(id: "article:none", input: { version: 1, title: "x" }) ${RESULT} }`,
};

/** Which columns' callers exist in chat (a chat account's level comes from the person's roles). */
const CHAT_PEOPLE: Partial<Record<Column, string | null>> = {
  anonymous: null,
  member: VOLUNTEER,
  coordinator: KIK,
  analyst: 'person:demo-analyst',
  admin: 'person:demo-admin',
};

describe('every root field and command against the access policy', () => {
  it('has a policy row for every schema root field and every command, and a call here for every GraphQL row', () => {
    const schema = buildSchema(readFileSync(join(import.meta.dirname, '../../schema/schema.graphql'), 'utf8'));
    const fields = ['Query', 'Mutation', 'Subscription'].flatMap((t) =>
      Object.keys(
        schema.getType(t) && 'getFields' in schema.getType(t)!
          ? (schema.getType(t) as { getFields(): object }).getFields()
          : {},
      ).map((f) => `${t}.${f}`),
    );
    expect(fields.filter((f) => !ACCESS_POLICY[f])).toEqual([]);
    expect(COMMANDS.map((c) => chatOperation(c.name.en)).filter((c) => !ACCESS_POLICY[c])).toEqual([]);
    const graphqlRows = Object.keys(ACCESS_POLICY).filter((k) => /^(Query|Mutation|Subscription)\./.test(k));
    expect(graphqlRows.filter((r) => !CALLS[r])).toEqual([]);
    expect(graphqlRows.sort()).toEqual(fields.sort());
  });
});

describe.each(storeFactories)('the access matrix on the $name store', (factory) => {
  let hub: TestHub;
  let server: Server;
  let url: string;
  let dispose: () => Promise<void>;
  const tokens = new Map<Column, string | null>();

  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    hub = await demoHub(opened.store);
    const [institution] = await opened.store.listEntities({ kind: 'Institution', districtAgs: '14627', limit: 1 });
    // Records of 14627 for the calls that end, merge and change: made here, so other calls keep theirs.
    const writer = hub.services.writer;
    const endedAlliance = await writer.addAlliance({ name: 'Matrixbündnis Ende', districtAgs: '14627' }, SYSTEM);
    const mergedAlliance = await writer.addAlliance({ name: 'Matrixbündnis Fusion', districtAgs: '14627' }, SYSTEM);
    const member = await writer.addPerson({ name: 'Matrix Mitglied' }, SYSTEM);
    const role = await writer.assignRole({ personId: member.id, role: 'VOLUNTEER', scopeId: endedAlliance.id }, SYSTEM);
    const link = await writer.link(
      { type: 'COOPERATES_WITH', fromId: mergedAlliance.id, toId: institution!.id },
      SYSTEM,
    );
    const [towns] = await opened.store.municipalitiesOfDistricts(['14627']);
    Object.assign(TARGET, {
      institution: institution!.id,
      role: role.id,
      link: link.id,
      endedAlliance: endedAlliance.id,
      mergedAlliance: mergedAlliance.id,
      mergedTown: towns!.find((t) => !['Radebeul', 'Coswig', 'Meißen'].includes(t.name))!.id,
    });
    server = createHubServer(hub.yoga, { maxBodyBytes: 100_000 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
    tokens.set('anonymous', null);
    tokens.set('member', await hub.token('VOLUNTEER', VOLUNTEER));
    tokens.set('coordinator', await hub.token('COORDINATOR', KIK));
    tokens.set(
      'districtCoordinatorIn',
      await hub.token('DISTRICT_COORDINATOR', 'person:demo-14627-koordinationskraft', { districtAgs: '14627' }),
    );
    tokens.set(
      'districtCoordinatorOut',
      await hub.token('DISTRICT_COORDINATOR', 'person:demo-14625-koordinationskraft', { districtAgs: '14625' }),
    );
    tokens.set('analyst', await hub.token('ANALYST', 'person:demo-analyst'));
    tokens.set('analystWithGrant', await hub.token('ANALYST', 'person:demo-analyst', { personalData: true }));
    tokens.set('admin', await hub.token('ADMIN', 'person:demo-admin'));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await dispose();
  });

  const call = async (column: Column, query: string): Promise<string> => {
    const token = tokens.get(column);
    const subscription = query.startsWith('subscription');
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(subscription ? { accept: 'text/event-stream' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query }),
    });
    if (!subscription) return response.text();
    // A stream that was let through stays open: read its first chunk only.
    const reader = response.body!.getReader();
    const first = await Promise.race([
      reader.read().then((r) => new TextDecoder().decode(r.value)),
      new Promise<string>((resolve) => setTimeout(() => resolve('(open stream)'), 300)),
    ]);
    await reader.cancel();
    return first;
  };

  // Every cell is one HTTP call (about 1,200 on each store): more than the default timeout on a busy machine.
  it('allows and refuses every GraphQL cell as the policy says', async () => {
    const differences: string[] = [];
    for (const [operation, makeQuery] of Object.entries(CALLS)) {
      const row = ACCESS_POLICY[operation]!;
      for (const column of COLUMNS) {
        const expected = row.who.includes(policyPrincipal(column)) && (!row.scope || SCOPE_HOLDS[row.scope](column));
        const answer = await call(column, makeQuery(`${column} ${factory.name}`));
        const refused = REFUSALS.some((code) => answer.includes(`"${code}"`));
        if (refused === expected)
          differences.push(
            `${operation} × ${column}: expected ${expected ? 'allowed' : 'refused'}, got ${answer.slice(0, 160)}`,
          );
      }
    }
    expect(differences).toEqual([]);
  }, 120_000);

  it('shows each level exactly the names and channels PERSON_VISIBILITY gives it', async () => {
    const [kik] = await hub.store.entitiesByIds([KIK]);
    const [volunteer] = await hub.store.entitiesByIds([VOLUNTEER]);
    for (const column of COLUMNS) {
      const visibility = PERSON_VISIBILITY[policyPrincipal(column)];
      const id = (personId: string) =>
        visibility.names === 'pseudonyms' ? hub.services.privacy.opaqueId(personId) : personId;
      const answer = JSON.parse(
        await call(
          column,
          `{
        kik: node(id: "${id(KIK)}") { ... on Person { name channels { visibility } } }
        volunteer: node(id: "${id(VOLUNTEER)}") { ... on Person { name channels { visibility } } }
        contacts(municipality: "Radebeul") { person { name channels { visibility } } }
      }`,
        ),
      ) as {
        data: {
          kik: { name: string; channels: { visibility: string }[] } | null;
          volunteer: { name: string } | null;
          contacts: { person: { name: string; channels: { visibility: string }[] } | null }[];
        };
      };
      const { kik: seenKik, volunteer: seenVolunteer, contacts } = answer.data;
      const channels = [...seenKik!.channels, ...contacts.flatMap((c) => c.person?.channels ?? [])].map(
        (c) => c.visibility,
      );
      expect(
        channels.filter((v) => !visibility.channels.includes(v as never)),
        column,
      ).toEqual([]);
      const kikChannels = (kik as { channels: { visibility: string }[] }).channels.map((c) => c.visibility);
      expect(seenKik!.channels.map((c) => c.visibility).sort(), column).toEqual(
        kikChannels.filter((v) => visibility.channels.includes(v as never)).sort(),
      );
      if (visibility.names === 'pseudonyms') {
        expect(seenKik!.name, column).toMatch(/^Person [0-9a-f]{8}$/);
        expect(JSON.stringify(answer), column).not.toContain(kik!.name);
      } else {
        expect(seenKik!.name, column).toBe(kik!.name);
      }
      if (visibility.names === 'publicRoles') expect(seenVolunteer, column).toBeNull();
      if (visibility.names === 'all') expect(seenVolunteer!.name, column).toBe(volunteer!.name);
    }
  });

  it('allows and refuses every chat command as the policy says', async () => {
    const identities = new ChatIdentities(hub.store);
    const dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: 'http://hub.test',
      status: () => ({ transport: 'matrix', connected: true, syncLagSeconds: 0, lastError: null }),
    });
    const differences: string[] = [];
    for (const [column, personId] of Object.entries(CHAT_PEOPLE) as [Column, string | null][]) {
      const user: ChatUser = { transport: 'matrix', userId: `@matrix-${column}:hub.test` };
      if (personId) identities.trust(user, personId);
      for (const command of COMMANDS) {
        const row = ACCESS_POLICY[chatOperation(command.name.en)]!;
        const expected = row.who.includes(policyPrincipal(column));
        const answer = await dispatcher.handle({ user, text: `!${command.name.de} x`, inGroupRoom: false });
        const text = toPlainText(answer!.reply);
        const refused = text === TEXTS.notAllowed.de(command.name.de) || text === TEXTS.needsLink.de(command.name.de);
        if (refused === expected)
          differences.push(`!${command.name.en} × ${column}: expected ${expected ? 'allowed' : 'refused'}`);
      }
    }
    expect(differences).toEqual([]);
  });
});
