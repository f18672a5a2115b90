import { beforeAll, expect, it } from 'vitest';
import { COMMANDS } from '../../../bots/commands/index.js';
import type { ChatUser } from '../../../bots/core/command.js';
import { Dispatcher } from '../../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../../bots/core/identities.js';
import { toPlainText } from '../../../bots/core/render.js';
import { demoHub, type TestHub } from '../../support/hub.js';

// Issue 21, finding 5: `!weiterleiten <Anfrage> <full name without quotes> <reason>` was refused
// with the routing rule's text, although KIK → Koordinationskraft is allowed: only the first
// word of the name was looked up.

let hub: TestHub;
let dispatcher: Dispatcher;
const volunteer: ChatUser = { transport: 'console', userId: 'volunteer' };
const kik: ChatUser = { transport: 'console', userId: 'kik' };
const say = async (user: ChatUser, text: string) =>
  toPlainText((await dispatcher.handle({ user, text, inGroupRoom: false }))!.reply);

beforeAll(async () => {
  hub = await demoHub();
  const identities = new ChatIdentities(hub.store);
  identities.trust(volunteer, 'person:demo-14627-alliance-1-volunteer-1');
  identities.trust(kik, 'person:demo-14627-kik-2');
  dispatcher = new Dispatcher(COMMANDS, {
    services: hub.services,
    identities,
    publicUrl: 'http://hub.test',
    status: () => ({ transport: 'console', connected: true, syncLagSeconds: 0, lastError: null }),
  });
});

it('forwards to a person named in full without quotes, and keeps the rest as the reason', async () => {
  const filed = await say(volunteer, '!anfrage Radebeul Sprache Wir suchen eine Dolmetscherin für Arabisch');
  const id = /(request:[0-9a-f]+)/.exec(filed)![1]!;
  const [koordinationskraft] = await hub.store.entitiesByIds(['person:demo-14627-koordinationskraft']);
  const answer = await say(kik, `!weiterleiten ${id} ${koordinationskraft!.name} Bitte an das Jobcenter geben`);
  expect(answer).toBe(`${id} ist weitergeleitet; die anfragende Person ist informiert.`);
  const stored = (await hub.store.requests.requestById(id))!;
  expect(stored.handlerId).toBe('person:demo-14627-koordinationskraft');
  expect(stored.hops.at(-1)).toMatchObject({ kind: 'FORWARDED', note: 'Bitte an das Jobcenter geben' });
});
