import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import type { Viewer } from '../../src/services/access/domain/access.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import type { FundingCall } from '../../src/features/funding/domain/funding-calls.js';
import { COMMANDS } from '../../bots/commands/index.js';
import { expandCommandRefs } from '../../bots/core/command-refs.js';
import { consoleChat } from '../support/console-chat.js';
import { inGerman } from '../support/told.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';

// Issue 38, the suggestions from the district's records, on both stores with hand-made cases: a
// funding call open to the district that fits an open request is suggested and shared with the
// one who asked; a request waiting over half the escalation time is offered the people of another
// district who solved one on its topic, and the question goes to their coordination; a town no
// KIK serves is named until one does.

const KK = 'person:demo-14627-koordinationskraft';
const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';
const ELSEWHERE = '14625';
const KK_ELSEWHERE = `person:demo-${ELSEWHERE}-koordinationskraft`;
const VOLUNTEER_ELSEWHERE = `person:demo-${ELSEWHERE}-alliance-1-volunteer-1`;

const QUERY = `query ($kinds: [SuggestionKind!]) { suggestions(districtAgs: "14627", kinds: $kinds, first: 25) {
  edges { node { id kind subjects { ... on Municipality { name } ... on Person { name } } topics { name }
    people { id name } reason step waitingDays gap fundingCall { id title } } } } }`;

interface Node {
  id: string;
  kind: string;
  subjects: { name: string }[];
  topics: { name: string }[];
  people: { id: string; name: string }[];
  reason: string;
  step: string;
  waitingDays: number | null;
  gap: string | null;
  fundingCall: { id: string; title: string } | null;
}

function call(id: string, title: string, topicId: string, districtAgs: string[]): FundingCall {
  return {
    id,
    programmeId: null,
    title,
    funder: 'Bürgerstiftung Elbland',
    level: 'STIFTUNG',
    topicIds: [topicId],
    eligible: ['ALLIANCE'],
    amountMin: null,
    amountMax: 5000,
    coFinancingPercent: null,
    url: null,
    opensOn: '2026-12-01',
    closesOn: '2027-01-31',
    stateCode: null,
    districtAgs,
    public: true,
    demo: false,
  };
}

describe.each(storeFactories)('suggestions from the records on the $name store', (factory) => {
  let store: GraphStore;
  let hub: TestHub;
  let dispose: () => Promise<void>;
  let kk: Record<string, string>;
  let clock = new Date('2026-12-07T09:00:00Z');
  let chat: (who: 'kk' | 'volunteer' | 'volunteerElsewhere', text: string) => Promise<string>;
  const told: { personId: string; text: string }[] = [];

  const suggestions = async (kinds: string[]): Promise<Node[]> => {
    const answer = await gql(hub.yoga, QUERY, { kinds }, kk);
    expect(answer.errors).toBeUndefined();
    return (answer.data!.suggestions.edges as { node: Node }[]).map((e) => e.node);
  };
  const topicId = async (name: string) =>
    (await store.listEntities({ kind: 'Topic', limit: 100 })).find((t) => t.name === name)!.id;
  /** Runs the step of the listed suggestion whose line contains `text`. */
  const takeFromChat = async (text: string) => {
    const line = (await chat('kk', '!empfehlungen')).split('\n').find((l) => l.includes(text));
    expect(line, text).toBeDefined();
    return chat('kk', `!empfehlungen ${/^(\d+)\. /.exec(line!)![1]}`);
  };

  beforeAll(async () => {
    ({ store, dispose } = await factory.open());
    hub = await demoHub(store, { now: () => clock, escalateAfterHours: 72 });
    kk = bearer(await hub.token('DISTRICT_COORDINATOR', KK, { districtAgs: '14627' }));
    chat = consoleChat(hub, { kk: KK, volunteer: VOLUNTEER, volunteerElsewhere: VOLUNTEER_ELSEWHERE });
    hub.services.suggestions.addNotifier({
      notify: async (personId, notice) =>
        void told.push({ personId, text: expandCommandRefs(inGerman(notice), 'de', COMMANDS) }),
    });
  });
  afterAll(async () => dispose?.());

  it('suggests a call open to the district that fits an open request, and shares it with who asked', async () => {
    const housing = await topicId('Unterbringung und Wohnen');
    await store.funding.saveFundingCalls([
      call('call:test-housing', 'Wohnraum für Geflüchtete 2027', housing, ['14627']),
      call('call:test-elsewhere', 'Wohnen in Bautzen', housing, [ELSEWHERE]),
    ]);
    const fitting = () =>
      suggestions(['FUNDING_CALL']).then((all) => all.find((n) => n.fundingCall?.id === 'call:test-housing'));
    expect((await fitting())?.people.map((p) => p.id) ?? []).not.toContain(VOLUNTEER);

    expect(await chat('volunteer', '!anfrage Radebeul Wohnen Wer kennt günstige Wohnungen für Familien?')).toMatch(
      /gestellt/,
    );
    const found = (await fitting())!;
    expect(found.people.map((p) => p.id)).toContain(VOLUNTEER);
    expect(found.topics.map((t) => t.name)).toEqual(['Unterbringung und Wohnen']);
    expect(found.reason).toBe(
      'Der Förderaufruf „Wohnraum für Geflüchtete 2027“ (Frist 31.01.2027) passt zu offenen Anfragen oder Projektideen des Kreises zu „Unterbringung und Wohnen“.',
    );
    expect(found.step).toMatch(/^Aufruf teilen mit .+/);
    // A call open only to another district is not suggested here.
    expect((await suggestions(['FUNDING_CALL'])).some((n) => n.fundingCall?.id === 'call:test-elsewhere')).toBe(false);

    const answer = await takeFromChat('Wohnraum für Geflüchtete 2027');
    expect(answer).toMatch(
      /^Förderaufruf „Wohnraum für Geflüchtete 2027“ an (eine Person|\d+ Personen) weitergegeben; die Empfehlung ist als erledigt vermerkt\.$/,
    );
    const toVolunteer = told.filter((t) => t.personId === VOLUNTEER);
    expect(toVolunteer).toHaveLength(1);
    expect(toVolunteer[0]!.text).toMatch(
      /teilt einen Förderaufruf, der zu Ihrer Anfrage oder Projektidee zu „Unterbringung und Wohnen“ passt: „Wohnraum für Geflüchtete 2027“ \(Bürgerstiftung Elbland\), Frist 31\.01\.2027\./,
    );
    expect(toVolunteer[0]!.text).toContain('!foerderung');
    expect(await fitting()).toBeUndefined();
  });

  it('offers the people of another district who solved such a request once one waits half the escalation time', async () => {
    // In the other district a request on the labour market was resolved by whoever it reached.
    await chat('volunteerElsewhere', '!anfrage Bautzen Arbeitsmarkt Wer hilft bei der Anerkennung?');
    const [filedThere] = (await store.requests.requestsOf(VOLUNTEER_ELSEWHERE, 10)).filter(
      (r) => r.state !== 'RESOLVED',
    );
    const solver = filedThere!.handlerId;
    const solverViewer: Viewer = {
      personId: solver,
      access: 'COORDINATOR',
      districtAgs: null,
      personalData: false,
      roles: [],
    };
    await hub.services.requests.resolve(filedThere!.id, solverViewer, 'Kontakt zur IHK hergestellt');
    const [solverRecord] = await store.entitiesByIds([solver]);

    await chat('volunteer', '!anfrage Riesa Arbeitsmarkt Anerkennung eines Berufsabschlusses');
    const waiting = async () =>
      (await suggestions(['WAITING_REQUEST'])).find(
        (n) => n.subjects[0]?.name === 'Riesa' && n.topics[0]?.name === 'Arbeitsmarkt',
      );
    clock = new Date(clock.getTime() + 35 * 3_600_000);
    expect(await waiting()).toBeUndefined();
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    const found = (await waiting())!;
    expect(found.people.map((p) => p.id)).toEqual([solver]);
    expect(found.waitingDays).toBe(1);
    expect(found.reason).toBe(
      `Eine Anfrage aus Riesa zu „Arbeitsmarkt“ wartet seit einem Tag; in anderen Kreisen hat ${solverRecord!.name} Anfragen zu diesem Thema gelöst.`,
    );

    const answer = await takeFromChat('Eine Anfrage aus Riesa');
    expect(answer).toMatch(/^Frage an die Koordination in den anderen Kreisen weitergegeben \(eine Person\)/);
    const question = told.find((t) => t.personId === KK_ELSEWHERE);
    expect(question?.text).toMatch(
      new RegExp(
        `\\(Meißen\\) bittet um Rat: Eine Anfrage zu „Arbeitsmarkt“ wartet dort seit einem Tag\\. In Ihrem Kreis hat ${solverRecord!.name} Anfragen zu diesem Thema gelöst\\.`,
      ),
    );
    expect(await waiting()).toBeUndefined();
  });

  it('names a town that no KIK serves until one does', async () => {
    const town = await hub.services.writer.addMunicipality(
      { name: 'Neudorf an der Elbe', districtAgs: '14627' },
      SYSTEM,
    );
    const gap = async () =>
      (await suggestions(['STRUCTURAL_GAP'])).find((n) => n.gap === 'NO_KIK' && n.subjects[0]?.name === town.name);
    const found = (await gap())!;
    expect(found.reason).toBe('Keine KIK betreut Neudorf an der Elbe.');
    expect(found.step).toBe('eine KIK benennen, die Neudorf an der Elbe betreut (Verbindung „betreut“ eintragen)');
    expect(found.people.map((p) => p.id)).toEqual([KK]);
    const [roles] = await store.rolesInScopes(['district:14627']);
    const kik = roles!.find((r) => r.role === 'KIK' && !r.until)!.personId;
    await hub.services.writer.link({ type: 'SERVES', fromId: kik, toId: town.id, since: '2026-12-01' }, SYSTEM);
    expect(await gap()).toBeUndefined();
  });
});
