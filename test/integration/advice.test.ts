import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleChat } from '../support/console-chat.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';
import { inGerman } from '../support/told.js';

// Advice offers for institutions (issue 18) on each store: the job centre's contact finds what
// the coordination of its district offers, asks for it, and the request reaches the
// Koordinationskraft who offers it, as a request of kind ADVICE.

const KK = 'person:demo-14627-koordinationskraft';
const JOBCENTER = 'person:demo-14627-jobcenter-contact';

describe.each(storeFactories)('advice offers on the $name store', (factory) => {
  let hub: TestHub;
  let dispose: () => Promise<void>;
  const told: { personId: string; text: string }[] = [];

  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    await opened.store.deleteEverything();
    hub = await demoHub(opened.store);
    hub.services.requests.addNotifier({
      notify: async (personId, notice) => void told.push({ personId, text: inGerman(notice) }),
    });
  });
  afterAll(async () => dispose?.());

  it('finds the offers for an institution type or a topic in the asker’s district (!beratung Jobcenter)', async () => {
    const say = consoleChat(hub, { jc: JOBCENTER });
    const answer = await say('jc', '!beratung Jobcenter');
    expect(answer).toMatch(
      /^Beratungsangebote zu „Jobcenter“:\n1\. Interkulturelles Training für das Team des Jobcenters \(Meißen, Demo\) – von .+; für Jobcenter, Arbeitsagentur\n/,
    );
    expect(answer).not.toContain('Görlitz');
    expect(answer).not.toContain('Dolmetscherpool');
    expect(await say('jc', '!beratung Gesundheit')).toContain(
      'Dolmetscherpool für Krankenhäuser und Praxen (Meißen, Demo)',
    );
    expect(await say('jc', '!beratung Raumfahrt')).toMatch(/Das Thema "Raumfahrt" ist nicht bekannt/);
  });

  it('sends a request of kind ADVICE to the Koordinationskraft who offers it', async () => {
    const say = consoleChat(hub, { jc: JOBCENTER });
    const listed = await say('jc', '!beratung Jobcenter');
    const offer = /!beratung anfragen ([0-9a-f]{8})/.exec(listed)![1]!;
    const answer = await say('jc', `!beratung anfragen ${offer} Für unser Team im Januar?`);
    const requestId = /(request:[0-9a-f]{8})/.exec(answer)![1]!;
    expect(answer).toContain('ist unterwegs');
    const request = await hub.services.requests.byId(requestId);
    expect(request).toMatchObject({
      kind: 'ADVICE',
      adviceOfferId: `advice:${offer}`,
      handlerId: KK,
      level: 'KOORDINATIONSKRAFT',
    });
    expect(told.find((t) => t.personId === KK)?.text).toMatch(
      new RegExp(
        `^Anfrage zu Ihrem Beratungsangebot „Interkulturelles Training für das Team des Jobcenters \\(Meißen, Demo\\)“ \\(von .+\\): „Für unser Team im Januar\\?“\\nAnnehmen: ⟦accept ${requestId}⟧$`,
      ),
    );
    const kk = consoleChat(hub, { kk: KK });
    expect(await kk('kk', `!annehmen ${requestId}`)).toContain(requestId);
    expect(await say('jc', '!beratung anfragen ffffffff Hallo')).toMatch(
      /Beratungsangebot "advice:ffffffff" ist nicht bekannt/,
    );
  });

  it('lists and creates offers over GraphQL (coordinators create)', async () => {
    const member = bearer(await hub.token('VOLUNTEER', JOBCENTER));
    const found = await gql(
      hub.yoga,
      '{ adviceOffers(query: "Krankenhaus") { ... on QueryAdviceOffersSuccess { data { title institutionTypes district { name } } } } }',
      {},
      member,
    );
    expect(found.data!.adviceOffers.data).toEqual([
      {
        title: 'Dolmetscherpool für Krankenhäuser und Praxen (Meißen, Demo)',
        institutionTypes: ['HOSPITAL'],
        district: { name: 'Meißen' },
      },
    ]);
    const refused = await gql(
      hub.yoga,
      'mutation { createAdviceOffer(input: { title: "x", description: "y", institutionTypes: [POLICE] }) { ... on HubError { code } } }',
      {},
      member,
    );
    expect(refused.data?.createAdviceOffer ?? refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ALLOWED' });
  });
});
