import { beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/services/access/domain/access.js';
import { consoleChat } from '../support/console-chat.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';

// Issue 34: the district coordination oversees its district. The Koordinationskraft's token got
// null for a request of their district and chat had no list of the district's requests.

const KK = 'person:demo-14627-koordinationskraft';
const VOLUNTEER: Viewer = {
  personId: 'person:demo-14627-alliance-1-volunteer-1',
  access: 'VOLUNTEER',
  districtAgs: null,
  personalData: false,
  roles: ['VOLUNTEER'],
};

describe('district oversight of requests', () => {
  let hub: TestHub;
  let requestId: string;

  beforeAll(async () => {
    hub = await demoHub();
    requestId = (
      await hub.services.requests.file({ place: 'Radebeul', topic: null, text: 'Wer hilft beim Umzug?' }, VOLUNTEER)
    ).id;
  });

  it("lets the Koordinationskraft's token open and list every request of the district, and nobody else's", async () => {
    const kk = bearer(await hub.token('DISTRICT_COORDINATOR', KK, { districtAgs: '14627' }));
    const opened = await gql(hub.yoga, `{ request(id: "${requestId}") { id state text } }`, {}, kk);
    expect(opened.data!.request).toMatchObject({ id: requestId, state: 'ROUTED', text: 'Wer hilft beim Umzug?' });
    const listed = await gql(
      hub.yoga,
      '{ districtRequests(districtAgs: "14627") { ... on QueryDistrictRequestsSuccess { data { id } } } }',
      {},
      kk,
    );
    expect(listed.data!.districtRequests.data.map((r: { id: string }) => r.id)).toContain(requestId);

    const bautzen = bearer(
      await hub.token('DISTRICT_COORDINATOR', 'person:demo-14625-koordinationskraft', { districtAgs: '14625' }),
    );
    expect((await gql(hub.yoga, `{ request(id: "${requestId}") { id } }`, {}, bautzen)).data!.request).toBeNull();
    const elsewhere = await gql(
      hub.yoga,
      '{ districtRequests(districtAgs: "14627") { __typename ... on HubError { code } } }',
      {},
      bautzen,
    );
    expect(elsewhere.data!.districtRequests).toEqual({ __typename: 'HubError', code: 'NOT_ALLOWED' });
  });

  it('lists the requests of the district in chat with !anfragen kreis, for the Koordinationskraft only', async () => {
    const say = consoleChat(hub, { kk: KK, kik: 'person:demo-14627-kik-1' });
    expect(await say('kk', '!anfragen')).not.toContain(requestId);
    const district = await say('kk', '!anfragen kreis');
    expect(district).toContain('Anfragen Ihres Kreises');
    expect(district).toContain(`${requestId} – wartet auf Annahme – Wer hilft beim Umzug?`);
    expect(await say('kik', '!anfragen kreis')).toMatch(/nur einsehen, wenn Sie ihn koordinieren/);
  });

  it('gives the statistics of the asker’s districts in chat, and zeros for an empty period, not nothing', async () => {
    const say = consoleChat(hub, { kk: KK, volunteer: VOLUNTEER.personId! });
    const year = new Date().getFullYear();
    const now = await say('kk', '!statistik');
    expect(now).toContain(`Statistik 01.01.${year} – `);
    expect(now).toMatch(/Meißen: [1-9]\d* Anfragen gestellt/);
    expect(await say('kk', '!statistik 2020')).toContain(
      'Statistik 01.01.2020 – 31.12.2020\nMeißen: 0 Anfragen gestellt, 0 angenommen, 0 erledigt, 0 hochgestuft; bis zur Annahme im Mittel –, bis zur Erledigung –; 0 Treffen; 0 Gemeinden erreicht.',
    );
    expect(await say('kk', '!statistik Q4 2020')).toContain('Statistik 01.10.2020 – 31.12.2020');
    expect(await say('kk', '!statistik irgendwann')).toContain('So geht es: !statistik');
    const analyst = bearer(await hub.token('ANALYST', 'person:demo-analyst'));
    const empty = await gql(
      hub.yoga,
      '{ statistics(districtAgs: "14627", from: "2020-01-01", to: "2020-12-31") { districtAgs requestsFiled meetingsHeld } }',
      {},
      analyst,
    );
    expect(empty.data!.statistics).toEqual([{ districtAgs: '14627', requestsFiled: 0, meetingsHeld: 0 }]);
  });
});
