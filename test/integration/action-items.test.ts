import { beforeAll, describe, expect, it } from 'vitest';
import { Minutes } from '../../src/features/minutes/minutes.js';
import { berlinDay } from '../../src/features/meetings/when.js';
import { consoleChat } from '../support/console-chat.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { inGerman } from '../support/told.js';

// Action items after the meeting (issue 19): their owner hands one to another of the meeting's
// people (who is told) or moves its due day (and is reminded on the new one).

const PEOPLE = {
  kk: 'person:demo-14627-koordinationskraft',
  kik1: 'person:demo-14627-kik-1',
  kik2: 'person:demo-14627-kik-2',
  volunteer: 'person:demo-14627-alliance-1-volunteer-1',
};
type Who = keyof typeof PEOPLE;

/** "5.1.2027" for the day `days` from now (Berlin), as the bot writes dates. */
const dayIn = (days: number) =>
  berlinDay(new Date(Date.now() + days * 86_400_000))
    .split('-')
    .reverse()
    .map(Number)
    .join('.');

/** "05.01.2027": how notifications write the day. */
const paddedDayIn = (days: number) =>
  berlinDay(new Date(Date.now() + days * 86_400_000))
    .split('-')
    .reverse()
    .join('.');

describe('action items after the meeting', () => {
  let hub: TestHub;
  let say: (who: Who, text: string) => Promise<string>;
  const told: { personId: string; text: string }[] = [];
  const names: Partial<Record<Who, string>> = {};

  beforeAll(async () => {
    hub = await demoHub();
    for (const [who, personId] of Object.entries(PEOPLE))
      names[who as Who] = (await hub.store.entitiesByIds([personId]))[0]!.name;
    say = consoleChat(hub, PEOPLE);
    hub.services.minutes.addNotifier({
      notify: async (personId, message) => void told.push({ personId, text: inGerman(message) }),
    });
    await hub.services.meetings.schedule(
      { title: 'Austausch Ehrenamt', when: 'in 30 Minuten', invite: [PEOPLE.kik1, PEOPLE.kik2], confirmed: true },
      await hub.services.identities.viewerOfPerson(PEOPLE.kk),
    );
    expect(await say('kk', `!aufgabe ${names.kik1} bis ${dayIn(5)}: Raumliste schicken`)).toContain(
      'Raumliste schicken',
    );
  });

  it('moves the due day of an action item, and reminds on the new day once', async () => {
    expect(await say('kik1', '!aufgabe frist 1 gestern')).toMatch(/Vergangenheit|vorbei|liegt/);
    expect(await say('kik1', `!aufgabe frist 1 ${dayIn(10)}`)).toBe(`Neue Frist ${dayIn(10)}: Raumliste schicken`);
    expect(await say('kik1', '!aufgaben')).toContain(`1. ${dayIn(10)}: Raumliste schicken`);

    const onOldDay = new Minutes(hub.store, () => new Date(Date.now() + 5 * 86_400_000));
    expect(await onOldDay.remindDueTasks(), 'no reminder on the day it was due before').toBe(0);
    const onNewDay = new Minutes(hub.store, () => new Date(Date.now() + 10 * 86_400_000));
    expect(await onNewDay.remindDueTasks()).toBe(1);
    expect(await onNewDay.remindDueTasks()).toBe(0);
  });

  it('hands an action item to another of the meeting’s people, who is told', async () => {
    expect(await say('kik1', `!aufgabe übertragen 1 ${names.volunteer}`)).toMatch(/nicht bekannt/);
    expect(await say('kik1', `!aufgabe übertragen 1 ${names.kik2!.toLowerCase()}`)).toBe(
      `Übertragen an ${names.kik2}: Raumliste schicken`,
    );
    expect(await say('kik1', '!aufgaben')).toContain('Keine offenen Aufgaben.');
    expect(await say('kik2', '!aufgaben')).toContain(`1. ${dayIn(10)}: Raumliste schicken`);
    expect(told.at(-1)).toEqual({
      personId: PEOPLE.kik2,
      text: `Ihnen wurde eine Aufgabe aus „Austausch Ehrenamt“ übertragen: Raumliste schicken (bis ${paddedDayIn(10)})`,
    });
    expect(await say('kk', '!protokoll')).toContain(`• Raumliste schicken (${names.kik2}, bis ${dayIn(10)})`);
  });
});
