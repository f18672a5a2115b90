import { readFileSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { Neo4jStore } from '../../graph/neo4j/neo4j-store.js';
import type { Meeting } from '../../src/features/meetings/domain/meetings.js';
import { demoHub, type TestHub } from '../support/hub.js';

// Issue 33: the example Cypher of README's "Cypher for analysts" runs against a real Neo4j holding
// the demo network, requests filed and resolved through the services, and a meeting with its
// attendance and an overdue action item; each query answers what the README says it does.

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = README.slice(
  README.indexOf('## Cypher for analysts'),
  README.indexOf('## Editing the network by hand'),
);
const QUERIES = [...section.matchAll(/```cypher\n([\s\S]*?)```/g)].map((m) => m[1]!);

const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';
const KK = 'person:demo-14627-koordinationskraft';

let hub: TestHub;
let store: Neo4jStore;
const driver = neo4j.driver(inject('neo4jUri'));

beforeAll(async () => {
  store = await Neo4jStore.connect({ uri: inject('neo4jUri') });
  await store.deleteEverything();
  hub = await demoHub(store);
  const asker = await hub.services.identities.viewerOfPerson(VOLUNTEER);
  const first = await hub.services.requests.file(
    { place: 'Radebeul', topic: 'Sprache', text: 'Sprachkurs gesucht' },
    asker,
  );
  await hub.services.requests.file({ place: 'Radebeul', topic: 'Sprache', text: 'Dolmetscher gesucht' }, asker);
  const handler = await hub.services.identities.viewerOfPerson(first.handlerId);
  await hub.services.requests.resolve(first.id, handler, 'Kurs in Coswig');
  const meeting: Meeting = {
    id: 'meeting:cypher01',
    organiserId: KK,
    districtAgs: '14627',
    title: 'Austausch Sprachkurse',
    startsAt: '2025-01-10T08:00:00.000Z',
    durationMinutes: 60,
    municipalityIds: [],
    inviteeIds: [VOLUNTEER],
    rsvps: {},
    state: 'SCHEDULED',
    createdAt: '2025-01-01T08:00:00.000Z',
    version: 1,
  };
  await store.meetings.saveMeeting(meeting);
  await store.minutes.markPresent(meeting.id, [
    { personId: KK, at: meeting.startsAt, by: KK },
    { personId: VOLUNTEER, at: meeting.startsAt, by: KK },
  ]);
  await store.minutes.saveMinutesItems([
    {
      id: 'minutes:cypher01',
      meetingId: meeting.id,
      kind: 'TASK',
      text: 'Kursliste verschicken',
      authorId: KK,
      ownerId: VOLUNTEER,
      due: '2025-01-20',
      at: meeting.startsAt,
      districtAgs: '14627',
    },
  ]);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await driver.close();
});

const run = async (query: string) => (await driver.executeQuery(query)).records.map((r) => r.toObject());
const names = async (...ids: string[]) => (await store.entitiesByIds(ids)).map((e) => e!.name);

it('has the six example queries', () => {
  expect(QUERIES).toHaveLength(6);
});

it('lists overdue action items with district and owner', async () => {
  const [owner] = await names(VOLUNTEER);
  expect(await run(QUERIES[0]!)).toEqual([
    { district: 'Meißen', owner, actionItem: 'Kursliste verschicken', due: '2025-01-20' },
  ]);
});

it('counts the request flow per district, state and level', async () => {
  const rows = await run(QUERIES[1]!);
  const meissen = rows.filter((r) => r.district === 'Meißen');
  expect(meissen.map((r) => [r.state, r.level, Number(r.requests)])).toEqual([
    ['RESOLVED', 'KIK', 1],
    ['ROUTED', 'KIK', 1],
  ]);
});

it('counts topics asked per town with how many were resolved', async () => {
  const rows = await run(QUERIES[2]!);
  expect(rows.map((r) => ({ ...r, asked: Number(r.asked), resolved: Number(r.resolved) }))).toContainEqual({
    town: 'Radebeul',
    topic: 'Sprache und Dolmetschen',
    asked: 2,
    resolved: 1,
  });
});

it('names the calls that funded projects per district', async () => {
  const call = await store.funding.fundingCallById('demo-kleinprojekte-14627');
  expect(await run(QUERIES[3]!)).toContainEqual({
    district: 'Meißen',
    call: call!.title,
    funder: call!.funder,
    projects: neo4j.int(1),
  });
});

it('counts the institutions each advice offer is for and how often it was asked for', async () => {
  const [offer] = (await store.advice.adviceOffers(['14627'])).filter((o) => o.institutionTypes.includes('HOSPITAL'));
  const asker = await hub.services.identities.viewerOfPerson(VOLUNTEER);
  await hub.services.advice.ask(offer!.id, 'Wir brauchen eine Dolmetscherin für Farsi.', asker);
  let institutions = 0;
  for (const institutionType of offer!.institutionTypes)
    institutions += await store.countEntities({ kind: 'Institution', districtAgs: '14627', institutionType });
  const [provider] = await names(offer!.providerId);
  expect(await run(QUERIES[4]!)).toContainEqual({
    district: 'Meißen',
    offer: offer!.title,
    offeredBy: provider,
    institutions: neo4j.int(institutions),
    askedFor: neo4j.int(1),
  });
});

it('counts the meetings each person attended in the district', async () => {
  const rows = await run(QUERIES[5]!);
  const people = await names(KK, VOLUNTEER);
  expect(rows.map((r) => [r.person, Number(r.meetings)]).sort()).toEqual(people.map((p) => [p, 1]).sort());
});
