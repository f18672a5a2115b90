import { beforeAll, expect, it } from 'vitest';
import { COMMANDS } from '../../../bots/commands/index.js';
import type { ChatUser } from '../../../bots/core/command.js';
import { Dispatcher } from '../../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../../bots/core/identities.js';
import { toPlainText } from '../../../bots/core/render.js';
import { SYSTEM } from '../../../src/services/access/domain/authorization.js';
import { demoHub, type TestHub } from '../../support/hub.js';
import { words } from '../../support/told.js';
import type { HubNotice } from '../../../src/services/chat/notifiers.js';

// Keeping the network true from chat (issue 15): the Koordinationskraft hands a leaving KIK's
// role and work over, and edits records; a KIK may not end roles; bad input gets a clear answer.

let hub: TestHub;
let dispatcher: Dispatcher;
const told: { personId: string; message: { de: string; en: string } }[] = [];
const kk: ChatUser = { transport: 'console', userId: 'kk' };
const kik: ChatUser = { transport: 'console', userId: 'kik' };
const volunteer: ChatUser = { transport: 'console', userId: 'volunteer' };
const say = async (user: ChatUser, text: string) =>
  toPlainText((await dispatcher.handle({ user, text, inGroupRoom: false }))!.reply);
const OLD_KIK = 'person:demo-14627-kik-2';

beforeAll(async () => {
  hub = await demoHub();
  const identities = new ChatIdentities(hub.store);
  identities.trust(kk, 'person:demo-14627-koordinationskraft');
  identities.trust(kik, 'person:demo-14627-kik-1');
  identities.trust(volunteer, 'person:demo-14627-alliance-1-volunteer-1');
  const listen = {
    notify: async (personId: string, notice: HubNotice) => void told.push({ personId, message: words(notice) }),
  };
  hub.services.requests.addNotifier(listen);
  hub.services.meetings.addNotifier(listen);
  dispatcher = new Dispatcher(COMMANDS, {
    services: hub.services,
    identities,
    publicUrl: 'http://hub.test',
    status: () => ({ transport: 'console', connected: true, syncLagSeconds: 0, lastError: null }),
  });
});

it('hands a leaving KIK over to the successor: role, town, open request; everyone is told', async () => {
  const [leaver] = await hub.store.entitiesByIds([OLD_KIK]);
  const [links] = await hub.store.linksOf([OLD_KIK]);
  const towns = links!.filter((l) => l.type === 'SERVES').length;
  const successor = await hub.services.writer.addPerson({ name: 'Mira Hoffmann' }, SYSTEM);
  const filed = await say(volunteer, '!anfrage Radebeul Sprache Dolmetscherin für den Elternabend gesucht');
  const requestId = /(request:[0-9a-f]+)/.exec(filed)![1]!;

  expect(await say(kik, `!rolle-beenden ${leaver!.name} an Mira Hoffmann`)).toMatch(
    /^Das dürfen Sie nicht|^Sie dürfen keine Kreise, Gemeinden, Themen oder Rollen ändern/,
  );
  // Issue 34: a far-reaching command shows what it would do first, and acts only on !ja.
  const preview = await say(kk, `!übergabe ${leaver!.name} an Mira Hoffmann zum heute`);
  expect(preview).toContain(`Vorschau: Die Rolle Kommunale Integrationskoordination von ${leaver!.name} endet zum `);
  expect(preview).toContain(
    'Mira Hoffmann übernimmt die Rolle und: 1 offene Anfrage(n), 0 Treffen, 0 offene Aufgabe(n).',
  );
  expect(preview).toContain(`Informiert werden: ${leaver!.name}, Mira Hoffmann.`);
  expect(preview).toContain('Noch ist nichts geschehen. Ausführen mit !ja, verwerfen mit !nein');
  expect((await hub.store.requests.requestById(requestId))!.handlerId).toBe(OLD_KIK);
  expect(await say(kk, '!nein')).toBe('Verworfen; es ist nichts geschehen.');
  expect(await say(kk, '!ja')).toContain('Es wartet nichts auf Ihre Bestätigung');
  expect((await hub.store.rolesOfPersons([OLD_KIK]))[0]!.length).toBeGreaterThan(0);
  await say(kk, `!übergabe ${leaver!.name} an Mira Hoffmann zum heute`);
  // Somebody else's !ja confirms nothing of the Koordinationskraft's.
  expect(await say(volunteer, '!ja')).toContain('Es wartet nichts auf Ihre Bestätigung');
  const answer = await say(kk, '!ja');
  expect(answer).toContain(`Die Rolle Kommunale Integrationskoordination von ${leaver!.name} endet zum `);
  expect(answer).toContain(`Mira Hoffmann übernimmt die Rolle ab diesem Tag und ${towns} betreute Gemeinde(n).`);
  expect(answer).toContain('Übergeben an Mira Hoffmann: 1 offene Anfrage(n), 0 Treffen, 0 offene Aufgabe(n)');
  expect((await hub.store.requests.requestById(requestId))!.handlerId).toBe(successor.id);
  expect(told.filter((t) => t.personId === successor.id).at(-1)!.message.de).toMatch(
    /^Sie übernehmen von .+: 1 offene Anfrage\(n\), 0 Treffen, 0 offene Aufgabe\(n\)\.$/,
  );
  expect(told.filter((t) => t.personId === OLD_KIK).at(-1)!.message.de).toContain(
    'Ihre Rolle als Kommunale Integrationskoordination ist zum',
  );
  expect(await say(volunteer, '!kontakt Radebeul')).toContain('Mira Hoffmann');
  expect(await say(volunteer, '!kontakt Radebeul')).not.toContain(leaver!.name);
  expect(await say(kk, `!rolle-beenden ${leaver!.name}`)).toContain('hat keine Rolle');
});

it('edits a record by field names and answers a wrong field or date clearly, changing nothing', async () => {
  expect(await say(kk, '!bearbeiten Coswig Einwohner=20.900')).toBe('Geändert: Coswig – Einwohner (Version 2).');
  const [coswig] = await hub.store.entitiesByIds(['municipality:14627-coswig']);
  expect(coswig).toMatchObject({ population: 20_900, version: 2 });
  expect(await say(kk, '!bearbeiten Coswig Farbe=blau')).toContain('unbekanntes Feld');
  expect(await say(kk, '!bearbeiten Coswg Name=Coswig (Sachsen)')).toBe(
    'Geändert: Coswig (Sachsen) – Name (Version 3).',
  );
  expect(await say(kk, '!bearbeiten Nirgendwo Name=X')).toMatch(/nicht bekannt/);
  expect(await say(kk, '!rolle-beenden Mira Hoffmann zum irgendwann')).toContain('Das kann ich nicht als Tag lesen');
  // A later day schedules the change (issue 34); one years away is a typo, refused.
  expect(await say(kk, '!rolle-beenden Mira Hoffmann zum 1.1.2999')).toContain('liegt zu weit in der Zukunft');
  const [after] = await hub.store.entitiesByIds(['municipality:14627-coswig']);
  expect(after).toMatchObject({ name: 'Coswig (Sachsen)', version: 3 });
});

it('merges two towns into a new one from chat, and refuses a KIK', async () => {
  const [towns] = await hub.store.municipalitiesOfDistricts(['14627']);
  const [a, b] = towns!.filter((t) => !t.name.startsWith('Radebeul') && !t.name.startsWith('Coswig')).slice(0, 2);
  expect(await say(kik, `!zusammenführen ${a!.name} + ${b!.name} zu Elbtal`)).toContain(
    'Sie dürfen keine Kreise, Gemeinden, Themen oder Rollen ändern',
  );
  expect(await say(kk, `!zusammenführen ${a!.name} + ${b!.name} zu Elbtal`)).toMatch(
    new RegExp(`^Vorschau: ${a!.name}, ${b!.name} werden zur neuen Gemeinde Elbtal`),
  );
  expect((await hub.store.municipalityDirectory()).map((m) => m.name)).not.toContain('Elbtal');
  const answer = await say(kk, '!ja');
  expect(answer).toMatch(new RegExp(`^Zusammengeführt in Elbtal: ${a!.name}, ${b!.name} \\(\\d+ Verbindung\\(en\\)`));
  expect((await hub.store.municipalityDirectory()).map((m) => m.name)).toContain('Elbtal');
  expect(await say(volunteer, '!kontakt Elbtal')).toContain('Kommunale Integrationskoordination für Elbtal');
});

it('hands over to a successor who is not in the network yet, added in the same step after the preview', async () => {
  const kikOne = 'person:demo-14627-kik-1';
  const [leaver] = await hub.store.entitiesByIds([kikOne]);
  expect(await say(kk, `!übergabe ${leaver!.name} an Lena Hoffmann`)).toContain('Lena Hoffmann');
  const preview = await say(kk, `!übergabe ${leaver!.name} an neu Lena Hoffmann`);
  expect(preview).toContain('Lena Hoffmann ist noch nicht im Netzwerk und wird neu angelegt.');
  expect(preview).toContain('Lena Hoffmann übernimmt die Rolle und:');
  expect((await hub.store.search('Lena Hoffmann', ['Person'], 5)).map((p) => p.name)).not.toContain('Lena Hoffmann');
  const answer = await say(kk, '!ja');
  expect(answer).toContain('Lena Hoffmann übernimmt die Rolle ab diesem Tag');
  const [lena] = (await hub.store.search('Lena Hoffmann', ['Person'], 5)).filter((p) => p.name === 'Lena Hoffmann');
  expect((await hub.store.rolesOfPersons([lena!.id]))[0]!.map((r) => r.role)).toContain('KIK');
});
