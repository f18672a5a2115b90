import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { COMMANDS } from '../../bots/commands/index.js';
import { expandCommandRefs } from '../../bots/core/command-refs.js';
import { consoleChat } from '../support/console-chat.js';
import { inGerman } from '../support/told.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';

// Issue 38, first part: suggestions with reasons for the district coordination, on both stores,
// through GraphQL and the console chat. Two towns with requests on the same topic that never met
// are suggested an exchange meeting with the topic named, and not once they have met; an alliance
// without a link to a coordinator of its district is suggested and disappears with the link; a
// dismissed suggestion stays away until its facts change; a district coordinator elsewhere sees
// none of them.

const KK = 'person:demo-14627-koordinationskraft';
const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';

const QUERY = `{ suggestions(districtAgs: "14627", first: 50) { edges { node {
  id kind subjects { ... on Municipality { name } ... on Alliance { name } } topics { name } people { name } reason step } } } }`;

interface Node {
  id: string;
  kind: string;
  subjects: { name: string }[];
  topics: { name: string }[];
  people: { name: string }[];
  reason: string;
  step: string;
}

describe.each(storeFactories)('suggestions for the district coordination on the $name store', (factory) => {
  let store: GraphStore;
  let hub: TestHub;
  let dispose: () => Promise<void>;
  let kk: Record<string, string>;
  let chat: (who: 'kk' | 'volunteer', text: string) => Promise<string>;

  const suggestions = async (as = kk): Promise<Node[]> => {
    const answer = await gql(hub.yoga, QUERY, {}, as);
    expect(answer.errors).toBeUndefined();
    return (answer.data!.suggestions.edges as { node: Node }[]).map((e) => e.node);
  };
  const exchange = (nodes: Node[], a: string, b: string) =>
    nodes.find((n) => n.kind === 'EXCHANGE_MEETING' && [a, b].every((t) => n.subjects.some((s) => s.name === t)));

  beforeAll(async () => {
    ({ store, dispose } = await factory.open());
    hub = await demoHub(store);
    kk = bearer(await hub.token('DISTRICT_COORDINATOR', KK, { districtAgs: '14627' }));
    chat = consoleChat(hub, { kk: KK, volunteer: VOLUNTEER });
  });
  afterAll(async () => dispose?.());

  it('suggests an exchange meeting to two towns with requests on the same topic, naming the topic', async () => {
    expect(exchange(await suggestions(), 'Radebeul', 'Moritzburg')).toBeUndefined();
    expect(await chat('volunteer', '!anfrage Radebeul Wohnen Wer kennt günstige Wohnungen für Familien?')).toMatch(
      /gestellt/,
    );
    expect(await chat('volunteer', '!anfrage Moritzburg Wohnen Gibt es hier Wohnraum für eine Familie?')).toMatch(
      /gestellt/,
    );
    const found = exchange(await suggestions(), 'Radebeul', 'Moritzburg')!;
    expect(found.topics.map((t) => t.name)).toEqual(['Unterbringung und Wohnen']);
    expect(found.reason).toMatch(
      /^(Radebeul und Moritzburg|Moritzburg und Radebeul) haben offene oder jüngste Anfragen zu „Unterbringung und Wohnen“; ihre KIK haben sich in den letzten 12 Monaten nicht getroffen\./,
    );
    expect(found.people.length).toBeGreaterThan(0);
    expect(found.step).toContain(found.people[0]!.name);

    const listed = await chat('kk', '!empfehlungen');
    expect(listed).toMatch(/^Empfehlungen für Ihr Netzwerk:\n1\. /);
    expect(listed).toContain('Anfragen zu „Unterbringung und Wohnen“');
  });

  it('no longer suggests it once the towns have met', async () => {
    const scheduled = await chat('kk', '!treffen "Austausch Wohnen" übermorgen 10 Uhr Radebeul Moritzburg --trotzdem');
    expect(scheduled).toMatch(/Austausch Wohnen/);
    expect(exchange(await suggestions(), 'Radebeul', 'Moritzburg')).toBeUndefined();
  });

  it('suggests introducing an alliance without a link to a coordinator, until the link is there', async () => {
    const alliance = await hub.services.writer.addAlliance(
      { name: 'Nachbarschaftshilfe Weinböhla', districtAgs: '14627' },
      SYSTEM,
    );
    const unlinked = (await suggestions()).find(
      (n) => n.kind === 'UNLINKED_ACTOR' && n.subjects[0]?.name === alliance.name,
    )!;
    expect(unlinked.reason).toBe(
      'Nachbarschaftshilfe Weinböhla hat keine Verbindung zu einer Koordinationskraft oder KIK des Kreises.',
    );
    await hub.services.writer.link({ type: 'COOPERATES_WITH', fromId: KK, toId: alliance.id }, SYSTEM);
    expect((await suggestions()).some((n) => n.subjects[0]?.name === alliance.name)).toBe(false);
  });

  it('runs the step of a suggestion from chat: a date poll to the KIK of both towns', async () => {
    await chat('volunteer', '!anfrage Riesa Arbeit Wer hilft bei der Anerkennung eines Abschlusses?');
    await chat('volunteer', '!anfrage Großenhain Arbeit Anerkennung von Berufsabschlüssen');
    const listed = await chat('kk', '!empfehlungen');
    const line = listed
      .split('\n')
      .find((l) => /Riesa|Großenhain/.test(l) && l.includes('Großenhain') && l.includes('Riesa'))!;
    const number = /^(\d+)\. /.exec(line)![1];
    const answer = await chat('kk', `!empfehlungen ${number}`);
    expect(answer).toMatch(
      /^Terminfindung (poll:\w+) für „Austausch .+“ an \d+ Personen geschickt \(Austauschtreffen vorschlagen mit .+\)\./,
    );
    const pollId = /(poll:\w+)/.exec(answer)![1]!;
    const poll = (await store.polls.datePollById(pollId))!;
    const [riesa, grossenhain] = await Promise.all(
      ['Riesa', 'Großenhain'].map(async (name) => {
        const [towns] = await store.municipalitiesOfDistricts(['14627']);
        const town = towns!.find((t) => t.name === name)!;
        const [links] = await store.linksOf([town.id]);
        return links!.filter((l) => l.type === 'SERVES' && !l.until).map((l) => l.fromId);
      }),
    );
    expect(poll.inviteeIds).toEqual(expect.arrayContaining([...riesa!, ...grossenhain!]));
    expect(poll.slots).toHaveLength(3);
    expect((await chat('kk', '!empfehlungen')).includes('Großenhain und Riesa')).toBe(false);
  });

  it('keeps a dismissed suggestion away until a new fact appears', async () => {
    await chat('volunteer', '!anfrage Coswig Wohnen Suche eine Wohnung für zwei Personen');
    await chat('volunteer', '!anfrage Meißen Wohnen Wohnung gesucht');
    const pair = exchange(await suggestions(), 'Coswig', 'Meißen')!;
    const answered = await gql(
      hub.yoga,
      `mutation { answerSuggestion(districtAgs: "14627", id: "${pair.id}", answer: DISMISSED) {
        ... on MutationAnswerSuggestionSuccess { data { id } } } }`,
      {},
      kk,
    );
    expect(answered.data!.answerSuggestion.data.id).toBe(pair.id);
    expect(exchange(await suggestions(), 'Coswig', 'Meißen')).toBeUndefined();
    // A new shared topic is a new fact: the suggestion comes back, naming both topics.
    await chat('volunteer', '!anfrage Coswig Sprache Wer gibt Deutschkurse?');
    await chat('volunteer', '!anfrage Meißen Sprache Deutschkurs gesucht');
    const back = exchange(await suggestions(), 'Coswig', 'Meißen')!;
    expect(back.topics.map((t) => t.name).sort()).toEqual(['Sprache und Dolmetschen', 'Unterbringung und Wohnen']);
    expect(back.reason).toMatch(/Anfragen zu „[^“]+“ und „[^“]+“; ihre KIK haben sich/);
  });

  it("puts the week's best suggestions into the digest of whoever coordinates the district and chose one, once a week", async () => {
    const told: { personId: string; text: string }[] = [];
    hub.services.suggestions.addNotifier({
      notify: async (personId, notice) =>
        void told.push({ personId, text: expandCommandRefs(inGerman(notice), 'de', COMMANDS) }),
    });
    // Only who chose a digest gets the section (it belongs in the digest).
    expect(await hub.services.suggestionDigest.sendDue()).toBe(0);
    await chat('kk', '!benachrichtigungen zusammenfassung wöchentlich');
    expect((await store.notificationSettings.notificationSettings(KK))?.digest).toBe('WEEKLY');
    const sent = await hub.services.suggestionDigest.sendDue();
    expect(sent).toBe(1);
    const toKk = told.find((t) => t.personId === KK)!.text;
    expect(toKk).toMatch(/^Empfehlungen der Woche für Ihr Netzwerk:\n• .+ → .+/);
    expect(toKk).toContain('Alle Empfehlungen und ihre Schritte zeigt !empfehlungen.');
    expect(toKk.split('\n').filter((l) => l.startsWith('• ')).length).toBeLessThanOrEqual(3);
    expect(await hub.services.suggestionDigest.sendDue()).toBe(0);
  });

  it('shows nothing of the district to a district coordinator elsewhere', async () => {
    const elsewhere = bearer(
      await hub.token('DISTRICT_COORDINATOR', 'person:demo-14625-koordinationskraft', { districtAgs: '14625' }),
    );
    const answer = await gql(hub.yoga, QUERY, {}, elsewhere);
    expect(answer.data?.suggestions ?? null).toBeNull();
    expect(JSON.stringify(answer.errors)).toContain('NOT_ALLOWED');
  });
});
