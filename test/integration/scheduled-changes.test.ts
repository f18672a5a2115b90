import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { expandCommandRefs } from '../../bots/core/command-refs.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { createServices } from '../../src/services/hub-services.js';
import type { HubNotice } from '../../src/services/chat/notifiers.js';
import { consoleChat } from '../support/console-chat.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';
import { inGerman } from '../support/told.js';

// Issue 34 "done when", first part: a handover dated at the end of next month is listed,
// announced, applied on that day by the timer exactly once (with a controlled clock, also by a hub
// that was down on the day and starts later), and cancellable before. Through the console chat
// and GraphQL, on both stores.

const KK = 'person:demo-14627-koordinationskraft';
const LEAVER = 'person:demo-14627-kik-1';
const SUCCESSOR = 'person:demo-14627-alliance-1-volunteer-1';
const OTHER_LEAVER = 'person:demo-14627-kik-2';
const KK_ELSEWHERE = 'person:demo-14625-koordinationskraft';

describe.each(storeFactories)('a handover scheduled for a later day on the $name store', (factory) => {
  let store: GraphStore;
  let hub: TestHub;
  let dispose: () => Promise<void>;
  let clock = new Date('2026-12-06T10:00:00+01:00');
  const told: { personId: string; text: string }[] = [];
  let say: (who: 'kk', text: string) => Promise<string>;
  let names: Record<string, string>;

  const kikRoleOf = async (personId: string) =>
    (await store.lifecycle.allRolesOfPersons([personId]))[0]!.find((r) => r.role === 'KIK');

  beforeAll(async () => {
    ({ store, dispose } = await factory.open());
    hub = await demoHub(store, { now: () => clock });
    hub.services.meetings.addNotifier({
      notify: async (personId: string, notice: HubNotice) =>
        void told.push({ personId, text: expandCommandRefs(inGerman(notice), 'de', COMMANDS) }),
    });
    const chat = consoleChat(hub, { kk: KK });
    // Ending and handing over show a preview first; !ja carries them out (issue 34).
    say = async (who, text) => {
      const answer = await chat(who, text);
      return answer.includes('Ausführen mit !ja') ? chat(who, '!ja') : answer;
    };
    const people = await store.entitiesByIds([LEAVER, SUCCESSOR, OTHER_LEAVER]);
    names = Object.fromEntries(people.map((p) => [p!.id, p!.name]));
  });
  afterAll(async () => dispose?.());

  it('schedules the handover at the end of next month, announces it and lists it; nothing changes yet', async () => {
    const answer = await say('kk', `!übergabe ${names[LEAVER]} an ${names[SUCCESSOR]} zum 31.01.2027`);
    expect(answer).toContain(
      `Geplant: Die Rolle Kommunale Integrationskoordination von ${names[LEAVER]} endet zum 31.01.2027.`,
    );
    expect(answer).toContain(`${names[SUCCESSOR]} übernimmt an diesem Tag die offene Arbeit und die Rolle.`);
    expect(answer).toContain('Bis dahin ändert sich nichts.');
    expect((await kikRoleOf(LEAVER))!.until ?? null).toBeNull();

    const toLeaver = told.find((t) => t.personId === LEAVER)!.text;
    expect(toLeaver).toContain('Ihre Rolle (Kommunale Integrationskoordination) endet zum 31.01.2027.');
    expect(told.find((t) => t.personId === SUCCESSOR)!.text).toContain(
      `Sie übernehmen zum 31.01.2027 die Rolle von ${names[LEAVER]}`,
    );

    expect(await say('kk', '!geplant')).toBe(
      [
        'Geplante Änderungen:',
        `1. Zum 31.01.2027 endet die Rolle Kommunale Integrationskoordination von ${names[LEAVER]}; ${names[SUCCESSOR]} übernimmt.`,
        'Zurücknehmen mit !geplant absagen <Nr.>',
      ].join('\n'),
    );
    const kk = bearer(await hub.token('DISTRICT_COORDINATOR', KK, { districtAgs: '14627' }));
    const listed = await gql(
      hub.yoga,
      '{ scheduledChanges { ... on QueryScheduledChangesSuccess { data { effectiveOn role person { name } successor { name } state } } } }',
      {},
      kk,
    );
    expect(listed.data!.scheduledChanges.data).toEqual([
      {
        effectiveOn: '2027-01-31',
        role: 'KIK',
        person: { name: names[LEAVER] },
        successor: { name: names[SUCCESSOR] },
        state: 'SCHEDULED',
      },
    ]);
    const elsewhere = bearer(await hub.token('DISTRICT_COORDINATOR', KK_ELSEWHERE, { districtAgs: '14625' }));
    const notTheirs = await gql(
      hub.yoga,
      '{ scheduledChanges { ... on QueryScheduledChangesSuccess { data { id } } } }',
      {},
      elsewhere,
    );
    expect(notTheirs.data!.scheduledChanges.data).toEqual([]);
  });

  it('refuses a second end of the same role while one is scheduled', async () => {
    expect(await say('kk', `!rolle-beenden ${names[LEAVER]} zum 15.01.2027`)).toContain(
      'hierfür ist schon eine Änderung zum 31.01.2027 geplant',
    );
  });

  it('applies it on its day, once, and not before', async () => {
    clock = new Date('2027-01-30T23:30:00+01:00');
    expect(await hub.services.dueChanges.apply()).toBe(0);
    expect((await kikRoleOf(LEAVER))!.until ?? null).toBeNull();

    clock = new Date('2027-01-31T00:05:00+01:00');
    expect(await hub.services.dueChanges.apply()).toBe(1);
    expect((await kikRoleOf(LEAVER))!.until).toBe('2027-01-31');
    const successorRole = await kikRoleOf(SUCCESSOR);
    expect(successorRole).toMatchObject({ role: 'KIK', since: '2027-01-31' });
    expect(await hub.services.dueChanges.apply()).toBe(0);
    expect((await store.lifecycle.allRolesOfPersons([SUCCESSOR]))[0]!.filter((r) => r.role === 'KIK')).toHaveLength(1);
    expect(await say('kk', '!geplant')).toBe('In Ihren Kreisen ist nichts geplant.');
  });

  it('is applied by a hub that was down on the day, when it starts', async () => {
    clock = new Date('2027-02-01T09:00:00+01:00');
    expect(await say('kk', `!rolle-beenden ${names[OTHER_LEAVER]} zum 28.02.2027`)).toContain('Geplant:');
    // The hub is down from the 27th to 2 March; a new one starts on the same store.
    const later = createServices(store, {
      rules: { kikLimitPerLandkreis: 10 },
      now: () => new Date('2027-03-02T08:00:00+01:00'),
    });
    expect(await later.dueChanges.apply()).toBe(1);
    expect((await kikRoleOf(OTHER_LEAVER))!.until).toBe('2027-02-28');
    expect(await later.dueChanges.apply()).toBe(0);
  });

  it('can be cancelled before its day, and then nothing happens; those told are told', async () => {
    clock = new Date('2027-03-03T09:00:00+01:00');
    expect(await say('kk', `!rolle-beenden ${names[SUCCESSOR]} zum 31.03.2027`)).toContain('Geplant:');
    told.length = 0;
    expect(await say('kk', '!geplant absagen 1')).toBe(
      `Zurückgenommen: Die Rolle Kommunale Integrationskoordination von ${names[SUCCESSOR]} endet nicht zum 31.03.2027. Alle, denen es angekündigt war, sind informiert.`,
    );
    expect(told.find((t) => t.personId === SUCCESSOR)!.text).toContain('Abgesagt:');
    clock = new Date('2027-04-01T09:00:00+02:00');
    expect(await hub.services.dueChanges.apply()).toBe(0);
    expect((await kikRoleOf(SUCCESSOR))!.until ?? null).toBeNull();
  });
});
