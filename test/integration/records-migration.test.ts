import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import type { MinutesItem } from '../../src/features/minutes/domain/minutes.js';
import type { HubRequest } from '../../src/features/requests/domain/requests.js';
import type { FundingCall } from '../../src/features/funding/domain/funding-calls.js';
import type { AdviceOffer } from '../../src/features/advice/domain/advice-offers.js';
import type { ChangeProposal } from '../../src/features/proposals/domain/proposals.js';
import type { DatePoll, DecisionPoll, Meeting } from '../../src/features/meetings/domain/meetings.js';
import { NetworkWriter } from '../../src/services/writes/network-writer.js';
import { smallNetwork } from '../support/mothers.js';
import { rollBackEmbedded } from '../support/embedded-rollback.js';
import { rawKey } from '../support/raw-key.js';

// Issue 33: minutes, action items, funding calls, followed topics, advice offers, change
// proposals, polls, chat accounts and notification settings are records, no longer JSON
// under string keys. A store written by the release before (minutes:, task:, attendance:,
// protocol:, funding-call:, funding-subscription:, advice-offer:, proposal:, decision:, date-poll:, chat-link:, chat-language: and
// notification-settings: state entries) opens with everything moved
// into the records, the state entries gone, on both stores;
// in Neo4j an analyst then finds overdue action items by their relationships, and requests by
// their district, topic and level.

const MEETING: Meeting = {
  id: 'meeting:alt00001',
  organiserId: 'person:kik-1',
  districtAgs: '14627',
  title: 'Austausch Sprachkurse',
  startsAt: '2026-10-01T08:00:00.000Z',
  durationMinutes: 60,
  municipalityIds: [],
  inviteeIds: ['person:vol-1'],
  rsvps: {},
  state: 'SCHEDULED',
  createdAt: '2026-09-01T08:00:00.000Z',
  version: 1,
};
const INFO: MinutesItem = {
  id: 'minutes:info0001',
  meetingId: MEETING.id,
  kind: 'INFO',
  text: 'Der Kurs in Coswig ist voll.',
  authorId: 'person:kik-1',
  ownerId: null,
  due: null,
  at: '2026-10-01T08:10:00.000Z',
};
const TASK: MinutesItem = {
  ...INFO,
  id: 'minutes:task0001',
  kind: 'TASK',
  text: 'Warteliste an den Kreis schicken',
  ownerId: 'person:vol-1',
  due: '2026-10-15',
  at: '2026-10-01T08:20:00.000Z',
};

const CALL: FundingCall = {
  id: 'aufruf-sprache',
  programmeId: null,
  title: 'Sprachmittlung im ländlichen Raum',
  funder: 'Stiftung Sachsen',
  level: 'STIFTUNG',
  topicIds: ['topic:language'],
  eligible: ['MUNICIPALITY', 'ALLIANCE'],
  amountMin: 1000,
  amountMax: 25000,
  coFinancingPercent: 10,
  url: 'https://example.org/aufruf',
  opensOn: '2026-01-01',
  closesOn: '2027-03-31',
  stateCode: null,
  districtAgs: ['14627'],
  public: true,
  demo: false,
};

const OFFER: AdviceOffer = {
  id: 'advice:alt00001',
  title: 'Interkulturelles Training für Jobcenter',
  description: 'Zwei Stunden, vor Ort.',
  providerId: 'person:kk-1',
  institutionTypes: ['JOBCENTER'],
  topicIds: ['topic:language'],
  districtAgs: '14627',
  createdAt: '2026-09-01T08:00:00.000Z',
  demo: false,
};

const PROPOSALS: ChangeProposal[] = [
  {
    id: 'proposal:alt00001',
    proposerId: 'person:vol-1',
    districtAgs: ['14627'],
    change: { kind: 'updateSelf', fields: { name: 'Lea Lange-Berg', languages: [] } },
    comment: 'Neuer Name nach der Heirat',
    state: 'PENDING',
    createdAt: '2026-10-03T08:00:00.000Z',
    decidedAt: null,
    deciderId: null,
    reason: null,
  },
  {
    id: 'proposal:alt00002',
    proposerId: 'person:vol-1',
    districtAgs: ['14627'],
    change: { kind: 'addLink', type: 'EXPERT_IN', toId: 'topic:language', note: null },
    comment: null,
    state: 'REJECTED',
    createdAt: '2026-10-02T08:00:00.000Z',
    decidedAt: '2026-10-04T08:00:00.000Z',
    deciderId: 'person:kk-1',
    reason: 'Bitte mit Nachweis',
  },
];

const DECISION: DecisionPoll = {
  id: 'decision:alt00001',
  meetingId: MEETING.id,
  question: 'Gemeinsamer Sprachkurs ab Januar?',
  answers: ['ja', 'nein', 'später'],
  votes: { 'person:vol-1': 1, 'person:kik-1': 3 },
  openedBy: 'person:kik-1',
  openedAt: '2026-10-01T08:30:00.000Z',
  closedAt: '2026-10-01T08:40:00.000Z',
};
const DATE_POLL: DatePoll = {
  id: 'poll:alt00001',
  organiserId: 'person:kik-1',
  districtAgs: '14627',
  title: 'Nächster Austausch',
  invite: ['Radebeul', 'Lea Lange'],
  includeAlliances: false,
  inviteeIds: ['person:vol-1'],
  slots: ['2026-12-24T09:00:00.000Z', '2027-01-12T09:00:00.000Z'],
  holidays: ['Heiligabend', null],
  votes: { 'person:vol-1': [1, 2] },
  state: 'OPEN',
  meetingId: null,
};

const ACCOUNT_LINK = {
  personId: 'person:vol-1',
  status: 'confirmed' as const,
  requestedAt: '2026-09-01T08:00:00.000Z',
  confirmedBy: 'person:kk-1',
};

/** What the release before wrote for minutes, funding, advice, proposals, polls and chat accounts. */
async function writeAsBefore(store: GraphStore): Promise<void> {
  await new NetworkWriter(store, { kikLimitPerLandkreis: 10 }).apply(smallNetwork(), { actor: SYSTEM, action: 'seed' });
  expect(await store.meetings.saveMeeting(MEETING)).toBe(true);
  await store.coordination.setState(rawKey(`minutes:${MEETING.id}:${INFO.at}:${INFO.id}`), INFO);
  await store.coordination.setState(rawKey(`minutes:${MEETING.id}:${TASK.at}:${TASK.id}`), TASK);
  await store.coordination.setState(rawKey(`task:${TASK.ownerId}:${TASK.id}`), TASK);
  await store.coordination.setState(rawKey(`attendance:${MEETING.id}:person:vol-1`), {
    personId: 'person:vol-1',
    at: INFO.at,
    by: null,
  });
  await store.coordination.setState(rawKey(`protocol:${MEETING.id}`), { meeting: MEETING.id });
  await store.coordination.setState(rawKey(`funding-call:${CALL.id}`), CALL);
  await store.coordination.setState(rawKey('funding-subscription:person:vol-1'), { topicIds: ['topic:language'] });
  await store.coordination.setState(rawKey(`advice-offer:${OFFER.id}`), OFFER);
  for (const proposal of PROPOSALS) await store.coordination.setState(rawKey(proposal.id), proposal);
  await store.coordination.setState(rawKey(`decision:${MEETING.id}:${DECISION.id}`), DECISION);
  await store.coordination.setState(rawKey(`decision-of:${DECISION.id}`), MEETING.id);
  await store.coordination.setState(rawKey(`date-poll:${DATE_POLL.id}`), DATE_POLL);
  await store.coordination.setState(rawKey('chat-link:matrix:@lea:example.org'), ACCOUNT_LINK);
  await store.coordination.setState(rawKey('chat-language:matrix:@lea:example.org'), 'en');
  await store.coordination.setState(rawKey('chat-language:discord:4711'), 'de');
  await store.coordination.setState(rawKey('notification-settings:person:vol-1'), {
    email: 'NEVER',
    digest: 'WEEKLY',
    mutedKinds: ['funding'],
  });
}

async function expectMoved(store: GraphStore): Promise<void> {
  const district = { districtAgs: '14627' };
  expect(await store.minutes.minutesItemsOf(MEETING.id)).toEqual([
    { ...INFO, ...district },
    { ...TASK, ...district },
  ]);
  expect(await store.minutes.openActionItems('person:vol-1')).toEqual([{ ...TASK, ...district }]);
  expect(await store.minutes.attendanceOf(MEETING.id)).toEqual([{ personId: 'person:vol-1', at: INFO.at, by: null }]);
  expect(await store.funding.allFundingCalls()).toEqual([CALL]);
  expect(await store.funding.followers()).toEqual([{ personId: 'person:vol-1', topicIds: ['topic:language'] }]);
  expect(await store.advice.adviceOffers()).toEqual([OFFER]);
  expect(await store.proposals.proposalsOf('person:vol-1')).toEqual(PROPOSALS);
  expect(await store.proposals.pendingProposals(['14627'])).toEqual([PROPOSALS[0]]);
  expect(await store.polls.decisionPollsOf(MEETING.id)).toEqual([DECISION]);
  expect(await store.polls.datePollById(DATE_POLL.id)).toEqual(DATE_POLL);
  expect(await store.chatAccounts.chatAccount({ transport: 'matrix', userId: '@lea:example.org' })).toEqual({
    link: ACCOUNT_LINK,
    language: 'en',
  });
  expect(await store.notificationSettings.notificationSettings('person:vol-1')).toEqual({
    email: 'NEVER',
    chat: true,
    digest: 'WEEKLY',
    mutedKinds: ['funding'],
  });
  expect(await store.chatAccounts.chatAccount({ transport: 'discord', userId: '4711' })).toEqual({
    link: null,
    language: 'de',
  });
  for (const prefix of [
    'minutes:',
    'task:',
    'attendance:',
    'protocol:',
    'funding-call:',
    'funding-subscription:',
    'advice-offer:',
    'proposal:',
    'decision:',
    'decision-of:',
    'date-poll:',
    'chat-link:',
    'chat-language:',
    'notification-settings:',
  ])
    expect(await store.coordination.listState(rawKey(prefix)), `${prefix} entries are gone`).toEqual([]);
}

describe('records after an upgrade', () => {
  const dirs: string[] = [];
  const driver = neo4j.driver(inject('neo4jUri'));
  afterAll(async () => {
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
    await driver.close();
  });

  it('moves the minutes and funding of a store of the release before into records on the embedded store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-minutes-'));
    dirs.push(dir);
    const old = EmbeddedStore.open(dir);
    await writeAsBefore(old);
    await old.close();
    rollBackEmbedded(EmbeddedStore.file(dir), 10);

    const store = EmbeddedStore.open(dir);
    await expectMoved(store);
    await store.close();
  });

  it('moves the minutes and funding of a store of the release before into records on Neo4j', async () => {
    const old = await Neo4jStore.connect({ uri: inject('neo4jUri') });
    await old.deleteEverything();
    await writeAsBefore(old);
    const request: HubRequest = {
      id: 'request:cypher01',
      requesterId: 'person:vol-1',
      municipalityId: 'municipality:radebeul',
      districtAgs: '14627',
      topicId: 'topic:language',
      text: 'Sprachkurs gesucht',
      state: 'ROUTED',
      level: 'KIK',
      handlerId: 'person:kik-1',
      hops: [],
      createdAt: '2026-10-02T08:00:00.000Z',
      escalateAt: null,
      version: 1,
    };
    expect(await old.requests.saveRequest(request)).toBe(true);
    await old.close();
    await driver.executeQuery('MATCH (m:Migration) WHERE m.version >= 12 DELETE m');
    await driver.executeQuery('MATCH (r:Request) REMOVE r.districtAgs, r.municipalityId, r.topicId, r.level, r.kind');
    await driver.executeQuery('MATCH (m:Meeting) REMOVE m.title, m.districtAgs, m.state, m.organiserId');

    const store = await Neo4jStore.connect({ uri: inject('neo4jUri') });
    try {
      await expectMoved(store);
      const { records } = await driver.executeQuery(
        `MATCH (i:ActionItem {open: true})-[:ASSIGNED_TO]->(p:Person), (i)-[:RECORDED_IN]->(m:Meeting)
         WHERE date(i.due) < date('2026-12-06')
         RETURN p.name AS owner, i.text AS task, m.title AS meeting`,
      );
      expect(records.map((r) => r.toObject())).toEqual([
        { owner: 'Lea Lange', task: TASK.text, meeting: MEETING.title },
      ]);
      const requests = await driver.executeQuery(
        'MATCH (r:Request {districtAgs: $ags, kind: $kind}) RETURN r.topicId AS topic, r.level AS level',
        { ags: '14627', kind: 'REQUEST' },
      );
      expect(requests.records.map((r) => r.toObject())).toEqual([{ topic: 'topic:language', level: 'KIK' }]);
    } finally {
      await store.close();
    }
  });
});
