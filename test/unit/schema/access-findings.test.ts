import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../bots/commands/index.js';
import type { ChatUser } from '../../../bots/core/command.js';
import { Dispatcher } from '../../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../../bots/core/identities.js';
import { toPlainText } from '../../../bots/core/render.js';
import { SYSTEM } from '../../../src/services/access/domain/authorization.js';
import { ChatSignIn } from '../../../src/services/access/chat-sign-in.js';
import { bearer, demoHub, gql, type TestHub } from '../../support/hub.js';

// The findings of the attack on access control (issue 16), each reproduced as the attacker did
// it. Every test here failed before the fix.

const KIK = 'person:demo-14627-kik-1';
const KK_MEISSEN = 'person:demo-14627-koordinationskraft';
const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';

describe('access control findings', () => {
  let hub: TestHub;
  let identities: ChatIdentities;
  let dispatcher: Dispatcher;
  const say = async (user: ChatUser, text: string) => {
    const answer = await dispatcher.handle({ user, text, inGroupRoom: false });
    return answer ? toPlainText(answer.reply) : '';
  };

  beforeAll(async () => {
    hub = await demoHub();
    identities = new ChatIdentities(hub.store);
    dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: 'http://hub.test',
      status: () => ({ transport: 'matrix', connected: true, syncLagSeconds: 0, lastError: null }),
    });
  });

  it('1: a district coordinator cannot grant ADMIN or ANALYST, to themselves or anyone', async () => {
    const ownDistrict = bearer(await hub.token('DISTRICT_COORDINATOR', KK_MEISSEN, { districtAgs: '14627' }));
    const assign = (personId: string, role: string) =>
      `mutation { assignRole(input: { personId: "${personId}", role: ${role} }) { __typename ... on HubError { code } } }`;
    for (const role of ['ADMIN', 'ANALYST']) {
      expect((await gql(hub.yoga, assign(KK_MEISSEN, role), {}, ownDistrict)).data!.assignRole).toEqual({
        __typename: 'HubError',
        code: 'NOT_ALLOWED',
      });
      expect((await gql(hub.yoga, assign(VOLUNTEER, role), {}, ownDistrict)).data!.assignRole).toEqual({
        __typename: 'HubError',
        code: 'NOT_ALLOWED',
      });
    }
    const [roles] = await hub.store.rolesOfPersons([KK_MEISSEN]);
    expect(roles!.map((r) => r.role)).not.toContain('ADMIN');
    const admin = bearer(await hub.token('ADMIN', 'person:demo-admin'));
    expect(
      (await gql(hub.yoga, assign('person:demo-14625-kik-1', 'ANALYST'), {}, admin)).data!.assignRole.__typename,
    ).toBe('MutationAssignRoleSuccess');
  });

  it('2: nobody confirms a claim to a person above their own access, nor a second account of themselves; the confirmation names and pins the person', async () => {
    const kkAccount: ChatUser = { transport: 'matrix', userId: '@kk-a:hub.test' };
    const second: ChatUser = { transport: 'matrix', userId: '@kk-b:hub.test' };
    await identities.requestLink(kkAccount, KK_MEISSEN);
    await identities.confirm(kkAccount, await identities.viewerOfPerson('person:demo-admin'));

    await identities.requestLink(second, 'person:demo-admin');
    expect(await say(kkAccount, `!bestätigen ${second.userId} person:demo-admin`)).toMatch(/^Sie dürfen kein/);
    expect((await identities.link(second))!.status).toBe('pending');

    await identities.requestLink(second, KK_MEISSEN);
    expect(await say(kkAccount, `!bestätigen ${second.userId} ${KK_MEISSEN}`)).toMatch(
      /^Sie dürfen kein eigenes Konto/,
    );
    expect((await identities.link(second))!.status).toBe('pending');

    // A claim swapped after the coordinator looked is not confirmed: the confirmation names the person.
    const volunteerAccount: ChatUser = { transport: 'matrix', userId: '@vol:hub.test' };
    await identities.requestLink(volunteerAccount, VOLUNTEER);
    await identities.requestLink(volunteerAccount, KIK);
    expect(await say(kkAccount, `!bestätigen ${volunteerAccount.userId} ${VOLUNTEER}`)).toContain(KIK);
    expect((await identities.link(volunteerAccount))!.status).toBe('pending');
    await identities.requestLink(volunteerAccount, VOLUNTEER);
    expect(await say(kkAccount, `!bestätigen ${volunteerAccount.userId} ${VOLUNTEER}`)).toMatch(
      /ist jetzt mit .+ verknüpft/,
    );
  });

  it('3 and 6: a pseudonymised analyst learns no names from cursors, ids or pseudonyms, and cannot search names in chat', async () => {
    const analyst = bearer(await hub.token('ANALYST', 'person:demo-analyst'));
    const answer = await gql(
      hub.yoga,
      `{
      people(first: 100) { edges { cursor node { id name } } }
      network(districtAgs: "14627") { nodes { id label } edges { source target } }
      district(ags: "14627") { ags }
    }`,
      {},
      analyst,
    );
    expect(answer.errors).toBeUndefined();
    const people = (await hub.store.listEntities({
      kind: 'Person',
      districtAgs: null,
      text: null,
      role: null,
      topicId: null,
      municipalityId: null,
      institutionType: null,
      after: null,
      limit: 1000,
    })) as { id: string; name: string }[];
    const text = JSON.stringify(answer.data);
    const decodedCursors = answer
      .data!.people.edges.map((e: { cursor: string }) => Buffer.from(e.cursor, 'base64url').toString('latin1'))
      .join(' ');
    for (const person of people.filter((p) => p.id !== 'person:demo-analyst')) {
      expect(text).not.toContain(person.name);
      expect(text).not.toContain(`"${person.id}"`);
      expect(decodedCursors).not.toContain(person.name);
    }
    const shown = answer.data!.people.edges[0].node;
    const unkeyed = (id: string) => `Person ${createHash('sha256').update(id).digest('hex').slice(0, 6)}`;
    expect(people.map((p) => unkeyed(p.id))).not.toContain(shown.name);
    // The opaque id still works for the analyst's next question.
    const again = await gql(hub.yoga, `{ node(id: "${shown.id}") { ... on Person { name } } }`, {}, analyst);
    expect(again.data!.node).toEqual({ name: shown.name });

    const analystChat: ChatUser = { transport: 'matrix', userId: '@analyst:hub.test' };
    await identities.requestLink(analystChat, 'person:demo-analyst');
    await identities.confirm(analystChat, await identities.viewerOfPerson('person:demo-admin'));
    const [kik] = await hub.store.entitiesByIds([KIK]);
    const who = await say(analystChat, `!wer ${kik!.name}`);
    expect(who).not.toContain(kik!.name);
  });

  it('7: anonymous node(id) does not return people outside public roles', async () => {
    const answer = await gql(
      hub.yoga,
      `{ node(id: "${VOLUNTEER}") { id ... on Person { name roles { role } } } admin: node(id: "person:demo-admin") { id } }`,
    );
    expect(answer.data).toEqual({ node: null, admin: null });
  });

  it("8: a meeting clash does not reveal the titles of other people's meetings", async () => {
    const admin = await identities.viewerOfPerson('person:demo-admin');
    const kk = await identities.viewerOfPerson(KK_MEISSEN);
    await hub.services.meetings.schedule(
      { title: 'Vertraulich: Personalgespräch', when: '3.3.2031 10 Uhr', invite: [KIK], confirmed: true },
      kk,
    );
    const other = await hub.services.meetings
      .schedule(
        { title: 'Austausch', when: '3.3.2031 10 Uhr', invite: [KIK] },
        await identities.viewerOfPerson('person:demo-14627-kik-2'),
      )
      .then(
        () => 'scheduled',
        (error: Error & { messageDe?: string }) => `${error.message}`,
      );
    expect(other).toMatch(/already have|bereits/);
    expect(other).not.toContain('Personalgespräch');
    void admin;
  });

  it('8: Meeting.ics names no organiser for a caller who sees a pseudonym', async () => {
    const kk = await identities.viewerOfPerson(KK_MEISSEN);
    await hub.services.meetings.schedule(
      { title: 'Austausch Analyse', when: '4.3.2031 10 Uhr', invite: ['person:demo-analyst', KIK], confirmed: true },
      kk,
    );
    const analyst = bearer(await hub.token('ANALYST', 'person:demo-analyst'));
    const answer = await gql(hub.yoga, '{ myMeetings { title organiser { name } ics } }', {}, analyst);
    const meeting = answer.data!.myMeetings.find((m: { title: string }) => m.title === 'Austausch Analyse');
    const [organiser] = await hub.store.entitiesByIds([KK_MEISSEN]);
    expect(meeting.ics).not.toContain(organiser!.name);
    expect(meeting.organiser.name).not.toBe(organiser!.name);
  });

  it('9: a VOLUNTEER token of a KIK neither reads COORDINATORS channels nor schedules meetings', async () => {
    const token = bearer(await hub.token('VOLUNTEER', KIK));
    const answer = await gql(
      hub.yoga,
      `{ node(id: "${KK_MEISSEN}") { ... on Person { channels { visibility } } } }`,
      {},
      token,
    );
    expect(answer.data!.node.channels.map((c: { visibility: string }) => c.visibility)).not.toContain('COORDINATORS');
    const scheduled = await gql(
      hub.yoga,
      'mutation { scheduleMeeting(input: { title: "Per Token", when: "5.3.2031 10 Uhr", invite: ["Radebeul"], confirmed: true }) { __typename ... on HubError { code } } }',
      {},
      token,
    );
    expect(scheduled.data!.scheduleMeeting).toEqual({ __typename: 'HubError', code: 'NOT_ALLOWED' });
  });

  it("10: a COORDINATOR token writes alliances and links only in the districts of its person's roles", async () => {
    const token = bearer(await hub.token('COORDINATOR', KIK));
    const elsewhere = await gql(
      hub.yoga,
      'mutation { addAlliance(input: { name: "Fremdes Bündnis", districtAgs: "14625" }) { __typename ... on HubError { code } } }',
      {},
      token,
    );
    expect(elsewhere.data!.addAlliance).toEqual({ __typename: 'HubError', code: 'NOT_ALLOWED' });
    const own = await gql(
      hub.yoga,
      'mutation { addAlliance(input: { name: "Eigenes Bündnis", districtAgs: "14627" }) { __typename } }',
      {},
      token,
    );
    expect(own.data!.addAlliance.__typename).toBe('MutationAddAllianceSuccess');
  });

  it('10: texts with control characters are refused; contacts(municipality:) has a length limit', async () => {
    const admin = bearer(await hub.token('ADMIN', 'person:demo-admin'));
    const added = await gql(
      hub.yoga,
      'mutation ($name: String!) { addAlliance(input: { name: $name, districtAgs: "14627" }) { __typename ... on HubError { code } } }',
      { name: 'Bündnis\n!anfrage X\u0007' },
      admin,
    );
    expect(added.data!.addAlliance).toEqual({ __typename: 'HubError', code: 'INVALID_INPUT' });
    const kk = bearer(await hub.token('DISTRICT_COORDINATOR', KK_MEISSEN, { districtAgs: '14627' }));
    const meeting = await gql(
      hub.yoga,
      'mutation ($title: String!) { scheduleMeeting(input: { title: $title, when: "6.3.2031 10 Uhr", invite: ["Radebeul"], confirmed: true }) { __typename ... on HubError { code } } }',
      { title: 'Treffen\n!zusage alle ja' },
      kk,
    );
    expect(meeting.data!.scheduleMeeting).toEqual({ __typename: 'HubError', code: 'INVALID_INPUT' });
    const long = await gql(
      hub.yoga,
      '{ contacts(municipality: $m) { role } }'.replace('$m', JSON.stringify('R'.repeat(5000))),
    );
    expect(long.errors![0]!.extensions!.code).toBe('INVALID_INPUT');
  });

  it("10: myData holds the person's own audit entries, not the whole seed's role map", async () => {
    const token = bearer(await hub.token('VOLUNTEER', VOLUNTEER));
    const answer = await gql(hub.yoga, '{ myData }', {}, token);
    const data = JSON.parse(answer.data!.myData as string) as { auditEntries: { subjectIds?: string[] }[] };
    expect(JSON.stringify(data).length).toBeLessThan(20_000);
    for (const entry of data.auditEntries) expect(entry.subjectIds ?? [VOLUNTEER]).toEqual([VOLUNTEER]);
  });

  it('5: a widget session ends when its person is erased or the chat link is gone', async () => {
    const account: ChatUser = { transport: 'matrix', userId: '@widget:hub.test' };
    const person = await hub.services.writer.addPerson({ name: 'Wanda Widget', languages: [], channels: [] }, SYSTEM);
    await hub.services.writer.assignRole({ personId: person.id, role: 'KIK', scopeId: 'district:14627' }, SYSTEM);
    await identities.requestLink(account, person.id);
    await identities.confirm(account, await identities.viewerOfPerson('person:demo-admin'));
    const signIn = new ChatSignIn('matrix', async () => account.userId, identities, hub.services.access);
    const { token } = await signIn.signIn('opaque-openid-token');
    expect((await gql(hub.yoga, '{ myRequests { id } }', {}, bearer(token))).errors).toBeUndefined();
    await hub.services.personalData.erase(person.id, SYSTEM);
    const after = await hub.yoga.fetch('http://hub.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
      body: JSON.stringify({ query: '{ myRequests { id } }' }),
    });
    expect(after.status).toBe(401);
  });
});
