import { beforeAll, expect, it } from 'vitest';
import { COMMANDS } from '../../../bots/commands/index.js';
import { expandCommandRefs } from '../../../bots/core/command-refs.js';
import type { ChatUser } from '../../../bots/core/command.js';
import { Dispatcher } from '../../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../../bots/core/identities.js';
import { toPlainText } from '../../../bots/core/render.js';
import { demoHub, type TestHub } from '../../support/hub.js';
import { inGerman, words } from '../../support/told.js';

// Issue 15: a volunteer keeps their own entry current by proposing changes in chat; the
// Koordinationskraft of their district reviews them; what is confirmed lands, the volunteer is told.

let hub: TestHub;
let dispatcher: Dispatcher;
const told: { personId: string; message: { de: string; en: string } }[] = [];
const kk: ChatUser = { transport: 'console', userId: 'kk' };
const volunteer: ChatUser = { transport: 'console', userId: 'volunteer' };
const VOLUNTEER = 'person:demo-14627-alliance-1-volunteer-1';
const KK = 'person:demo-14627-koordinationskraft';
const say = async (user: ChatUser, text: string) =>
  toPlainText((await dispatcher.handle({ user, text, inGroupRoom: false }))!.reply);

beforeAll(async () => {
  hub = await demoHub();
  const identities = new ChatIdentities(hub.store);
  identities.trust(kk, KK);
  identities.trust(volunteer, VOLUNTEER);
  hub.services.proposals.addNotifier({
    notify: async (personId, notice) => void told.push({ personId, message: words(notice) }),
  });
  dispatcher = new Dispatcher(COMMANDS, {
    services: hub.services,
    identities,
    publicUrl: 'http://hub.test',
    status: () => ({ transport: 'console', connected: true, syncLagSeconds: 0, lastError: null }),
  });
});

it('goes through review in chat and lands after confirmation', async () => {
  const [me] = await hub.store.entitiesByIds([VOLUNTEER]);
  const before = me!.kind === 'Person' ? me!.languages : [];
  // Language names are taken as well as codes, and shown as words (issue 35).
  const proposed = await say(volunteer, '!ändern Sprachen=Deutsch,Arabisch');
  expect(proposed).toBe('Ihr Vorschlag liegt der Kreiskoordination vor; Sie erfahren, wie entschieden wurde.');
  expect(expandCommandRefs(told.find((t) => t.personId === KK)!.message.de, 'de', COMMANDS)).toBe(
    `Neuer Änderungsvorschlag von ${me!.name}: eigene Angaben ändern: Sprachen Deutsch, Arabisch. Prüfen mit !vorschläge.`,
  );
  expect((await hub.store.entitiesByIds([VOLUNTEER]))[0]).toMatchObject({ languages: before });

  const beforeWords = before.length
    ? before.map((c) => new Intl.DisplayNames(['de'], { type: 'language' }).of(c)).join(', ')
    : '–';
  expect(await say(kk, '!vorschläge')).toBe(
    `Offene Änderungsvorschläge (1):\n1. ${me!.name}: Sprachen: ${beforeWords} → Deutsch, Arabisch\nAnnehmen: !vorschläge annehmen <Nr>; ablehnen: !vorschläge ablehnen <Nr> <Grund>`,
  );
  expect(await say(kk, '!vorschläge ablehnen 1')).toContain('bitte angeben, warum');
  expect(await say(kk, '!vorschläge annehmen 1')).toBe(
    'Der Vorschlag ist übernommen; die vorschlagende Person wird benachrichtigt.',
  );
  expect((await hub.store.entitiesByIds([VOLUNTEER]))[0]).toMatchObject({
    languages: ['de', 'ar'],
    version: 2,
    changedBy: KK,
  });
  expect(told.filter((t) => t.personId === VOLUNTEER).at(-1)!.message.de).toBe(
    'Ihr Vorschlag (eigene Angaben ändern: Sprachen Deutsch, Arabisch) wurde übernommen.',
  );
  expect(await say(kk, '!vorschläge annehmen 1')).toMatch(/nicht bekannt/);
  expect(await say(volunteer, '!ändern Sprachen=Klingonisch')).toBe(
    'Sprachen (1. Eintrag): ist keine bekannte Sprache (z. B. Deutsch, Arabisch oder de, ar)',
  );
});

it('lets a volunteer join an alliance after review, and tells them why a rejected one was not taken', async () => {
  const [second] = await hub.store.entitiesByIds(['alliance:demo-14627-2']);
  await say(volunteer, `!ändern mitmachen ${second!.name}`);
  await say(kk, '!vorschläge annehmen 1');
  const [roles] = await hub.store.rolesOfPersons([VOLUNTEER]);
  expect(roles!.map((r) => r.scopeId)).toContain('alliance:demo-14627-2');

  const [first] = await hub.store.entitiesByIds(['alliance:demo-14627-1']);
  await say(volunteer, `!ändern austritt ${first!.name}`);
  expect(await say(kk, '!vorschläge ablehnen 1 Bitte erst mit dem Bündnis sprechen')).toContain('ist abgelehnt');
  expect(told.filter((t) => t.personId === VOLUNTEER).at(-1)!.message.de).toContain(
    'wurde abgelehnt: Bitte erst mit dem Bündnis sprechen',
  );
  expect((await hub.store.rolesOfPersons([VOLUNTEER]))[0]!.map((r) => r.scopeId)).toContain('alliance:demo-14627-1');
  expect(await say(volunteer, '!ändern Farbe=blau')).toContain('unbekanntes Feld');
});

it('reminds the reviewer of a waiting proposal once', async () => {
  await say(volunteer, '!ändern Name=Lea Lange-Schmidt');
  const before = told.filter((t) => t.personId === KK).length;
  expect(await hub.services.proposals.remindDue(0)).toBe(1);
  expect(await hub.services.proposals.remindDue(0)).toBe(0);
  const reminders = told.filter((t) => t.personId === KK).slice(before);
  expect(reminders).toHaveLength(1);
  expect(reminders[0]!.message.de).toMatch(/^Erinnerung: Der Änderungsvorschlag von .+ wartet seit über 0 Tagen/);
});

it('asks people whose entry nobody checked for a year once in chat, and a confirmation counts as a check', async () => {
  const asked: string[] = [];
  hub.services.yearlyCheck.addNotifier({
    notify: async (personId, message) => void asked.push(`${personId}: ${inGerman(message)}`),
  });
  await hub.services.identities.linkByAdmin({ transport: 'matrix', userId: '@kk:hub.test' }, KK, 'operator');
  expect((await hub.services.analytics.unconfirmedPeople('14627')).map((p) => p.id)).toContain(KK);
  expect(await hub.services.yearlyCheck.askDue()).toBe(1);
  expect(await hub.services.yearlyCheck.askDue()).toBe(0);
  expect(asked.map((line) => expandCommandRefs(line, 'de', COMMANDS))).toEqual([
    `${KK}: Stimmt Ihr Eintrag im Integrationsnetzwerk noch? Bitte prüfen Sie ihn mit !ich. Ist alles richtig, antworten Sie mit !ändern bestätigt; sonst schlagen Sie die Änderung mit !ändern vor.`,
  ]);
  expect(expandCommandRefs(asked[0]!, 'en', COMMANDS)).toContain('!me');

  expect(await say(kk, '!ändern bestätigt')).toBe('Danke, Ihr Eintrag gilt als geprüft.');
  const unconfirmed = (await hub.services.analytics.unconfirmedPeople('14627')).map((p) => p.id);
  expect(unconfirmed).not.toContain(KK);
  expect(unconfirmed.length).toBeGreaterThan(0);
  expect((await hub.store.entitiesByIds([KK]))[0]).toMatchObject({ confirmedAt: expect.any(String) });
  expect(await hub.services.yearlyCheck.askDue()).toBe(0);
});
