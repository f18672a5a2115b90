import { once } from 'node:events';
import type { Server } from 'node:http';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubServer } from '../../src/server/http.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { consoleChat } from '../support/console-chat.js';
import { demoHub, gql, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';
import { inGerman } from '../support/told.js';

// Funding calls of issue 18 on each store: open calls for the asker's district and topic,
// soonest deadline first; reminders before a deadline, each once, with a controlled clock; the
// import all or nothing; public calls as a calendar and a feed.

const KK = 'person:demo-14627-koordinationskraft';
const START = new Date('2027-01-10T09:00:00.000Z');
const DAY = 86_400_000;

describe.each(storeFactories)('funding calls on the $name store', (factory) => {
  let hub: TestHub;
  let dispose: () => Promise<void>;
  let now = START;
  const told: { personId: string; text: string }[] = [];

  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    await opened.store.deleteEverything();
    hub = await demoHub(opened.store, { now: () => now });
    hub.services.funding.addNotifier({
      notify: async (personId, notice) => void told.push({ personId, text: inGerman(notice) }),
    });
  });
  afterAll(async () => dispose?.());

  it('lists the calls open for the asker’s district about a topic, soonest deadline first (!foerderung Wohnen)', async () => {
    const say = consoleChat(hub, { kk: KK });
    const answer = await say('kk', '!foerderung Wohnen');
    const lines = answer.split('\n');
    expect(lines[0]).toBe('Offene Förderaufrufe zu „Wohnen“, früheste Frist zuerst:');
    expect(lines[1]).toMatch(
      /^1\. Wohnraum und Begleitung beim Einzug \(Demo\) – Freistaat Sachsen, Landesmittel; Frist 24\.02\.2027 \(noch 45 Tage\); 10\.000 €–80\.000 €; Eigenanteil 20 %; für Gemeinden, Bündnisse, Institutionen; Demodaten/,
    );
    expect(lines[2]).toMatch(
      /^2\. Nachbarschaft verbindet \(Demo\) – Stiftung Beispiel, Stiftungsmittel; Frist 11\.03\.2027/,
    );
    const all = await say('kk', '!foerderung');
    expect(all).toContain('Kleinprojektefonds Integration Meißen (Demo)');
    expect(all, 'another district’s fund is not listed').not.toContain('Kleinprojektefonds Integration Görlitz');
    const stranger = await consoleChat(hub, {})('someone', '!foerderung Wohnen');
    expect(stranger, 'a call for the network only is not shown to strangers').not.toContain('Nachbarschaft verbindet');
    expect(await say('kk', '!foerderung Raumfahrt')).toMatch(/Das Thema "Raumfahrt" ist nicht bekannt/);
  });

  it('reminds a subscriber once per deadline and lead time, also after a restart', async () => {
    const say = consoleChat(hub, { kk: KK });
    expect(await say('kk', '!foerderung abonnieren Wohnen')).toBe(
      'Abonniert. Sie werden vor Fristen erinnert zu: Unterbringung und Wohnen',
    );
    const remind = () => hub.services.funding.remindDue();
    expect(await remind(), 'nothing is due 45 days ahead').toBe(0);
    now = new Date(START.getTime() + 17 * DAY); // 28 days before the Land's deadline
    expect(await remind()).toBe(1);
    expect(await remind(), 'once').toBe(0);
    expect(told.at(-1)).toEqual({
      personId: KK,
      text: expect.stringMatching(
        /^Förderfrist: „Wohnraum und Begleitung beim Einzug \(Demo\)“ \(Freistaat Sachsen\) endet in 28 Tagen, am 24\.02\.2027\./,
      ),
    });
    now = new Date(START.getTime() + 32 * DAY); // 28 days before the foundation's deadline
    expect(await remind()).toBe(1);
    now = new Date(START.getTime() + 38 * DAY); // 7 days before the Land's deadline
    expect(await remind()).toBe(1);
    const restarted = await demoHub(hub.store, { now: () => now });
    expect(await restarted.services.funding.remindDue(), 'a restarted hub sends nothing twice').toBe(0);
    now = new Date(START.getTime() + 46 * DAY); // the deadline has passed
    expect(await remind()).toBe(0);
    expect(told.filter((t) => t.personId === KK).map((t) => /endet in (\d+) Tagen/.exec(t.text)?.[1])).toEqual([
      '28',
      '28',
      '7',
    ]);
    expect(await say('kk', '!foerderung abbestellen Wohnen')).toBe('Abbestellt. Erinnerungen bekommen Sie noch zu: –');
    now = START;
  });

  it('exports a person’s funding subscriptions and forgets them on erasure', async () => {
    const kik = await hub.services.identities.viewerOfPerson('person:demo-14627-kik-2');
    await hub.services.funding.subscribe(kik, 'Sprache');
    const exported = (await hub.services.personalData.export(kik)) as { fundingSubscriptions: string[] };
    expect(exported.fundingSubscriptions).toEqual(['topic:language']);
    await hub.services.personalData.erase('person:demo-14627-kik-2', SYSTEM);
    expect(await hub.store.funding.followedTopics('person:demo-14627-kik-2')).toEqual([]);
  });

  it('gives each call as a text to pass on', async () => {
    const answer = await gql(
      hub.yoga,
      '{ fundingCalls(topic: "Wohnen") { ... on QueryFundingCallsSuccess { data { id shareText } } } }',
    );
    const land = answer.data!.fundingCalls.data.find((c: { id: string }) => c.id === 'demo-wohnraum-sachsen');
    expect(land.shareText).toBe(
      'Förderaufruf: Wohnraum und Begleitung beim Einzug (Demo)\nFördergeber: Freistaat Sachsen\nAntragsfrist: 24.02.2027\nFörderung: 10.000 € bis 80.000 €, Eigenanteil 20 %\nhttps://example.org/demo/wohnraum-sachsen\n(Beispiel aus den Demodaten)',
    );
  });

  it('imports calls all or nothing, naming the broken line', async () => {
    const header = 'id,title,funder,level,topics,eligible,amountMax,opensOn,closesOn,stateCode';
    const good = 'demo-test-1,Testaufruf eins,Land,LAND,Sprache,MUNICIPALITY,1000,2027-01-01,2027-02-01,14';
    const broken = 'demo-test-2,Testaufruf zwei,Land,LAND,Sprache,MUNICIPALITY,1000,2027-13-01,2027-02-01,14';
    await expect(hub.services.funding.import([header, good, broken].join('\n'), 'csv', SYSTEM)).rejects.toMatchObject({
      code: 'IMPORT_ROW_INVALID',
      line: 3,
    });
    expect((await hub.services.funding.open(SYSTEM, 'Sprache')).map((c) => c.id)).not.toContain('demo-test-1');
    expect(await hub.services.funding.import([header, good].join('\n'), 'csv', SYSTEM)).toBe(1);
    expect((await hub.services.funding.open(SYSTEM, 'Sprache')).map((c) => c.id)).toContain('demo-test-1');
    await expect(hub.services.funding.import('[{"id": "x"}]', 'json', SYSTEM)).rejects.toMatchObject({
      code: 'IMPORT_ROW_INVALID',
      line: 1,
    });
  });

  it('serves the public calls of a topic as a calendar of deadlines and an Atom feed', async () => {
    const server: Server = createHubServer(hub.yoga, { maxBodyBytes: 100_000, funding: hub.services.funding });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const ics = await fetch(`${base}/funding/deadlines.ics?topic=Wohnen`);
      expect(ics.headers.get('content-type')).toContain('text/calendar');
      const events = new ICAL.Component(ICAL.parse(await ics.text()))
        .getAllSubcomponents('vevent')
        .map((e) => new ICAL.Event(e));
      expect(events.map((e) => [e.summary, e.startDate.toString()])).toEqual([
        ['Frist: Wohnraum und Begleitung beim Einzug (Demo)', '2027-02-24'],
      ]);
      const atom = await (await fetch(`${base}/funding/calls.atom?topic=Wohnen`)).text();
      expect(atom).toContain(
        '<title type="html"><![CDATA[Wohnraum und Begleitung beim Einzug (Demo) (Frist 24.02.2027)]]></title>',
      );
      expect(atom, 'calls for the network only stay out of public feeds').not.toContain('Nachbarschaft');
      expect((await fetch(`${base}/funding/calls.atom?topic=Raumfahrt`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
