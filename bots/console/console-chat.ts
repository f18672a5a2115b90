import { createInterface } from 'node:readline';
import { NotFound } from '../../src/domain/errors.js';
import type { Person } from '../../src/domain/model.js';
import type { HubServices } from '../../src/services/hub-services.js';
import type { ChatUser } from '../core/command.js';
import { Dispatcher } from '../core/dispatcher.js';
import { ChatIdentities } from '../core/identities.js';
import { toPlainText } from '../core/render.js';
import { COMMANDS } from '../commands/index.js';

// The console transport: one line in, the reply out, until the input ends.

const CONSOLE_USER: ChatUser = { transport: 'console', userId: 'console' };

/** Role words pick a demo person of that role in Landkreis Meißen. */
const ROLE_WORDS: Record<string, string> = {
  volunteer: 'person:demo-14627-alliance-1-volunteer-1',
  kik: 'person:demo-14627-kik-1',
  koordinationskraft: 'person:demo-14627-koordinationskraft',
  admin: 'person:demo-admin',
};

export async function resolveSpeaker(services: HubServices, as: string): Promise<Person> {
  const id = ROLE_WORDS[as.toLowerCase()] ?? as;
  const [byId] = await services.store.entitiesByIds([id]);
  if (byId?.kind === 'Person') return byId;
  const [byName] = await services.store.search(as, ['Person'], 1);
  if (byName?.kind === 'Person') return byName;
  throw new NotFound('Person', as);
}

export async function runConsoleChat(
  services: HubServices,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  speaker: Person | null,
  publicUrl: string,
  relay: 'hub' | 'none' = 'hub',
): Promise<void> {
  const identities = new ChatIdentities(services.store);
  if (speaker) identities.trust(CONSOLE_USER, speaker.id);
  const dispatcher = new Dispatcher(COMMANDS, {
    services,
    identities,
    publicUrl,
    status: () => ({ transport: 'console', connected: true, syncLagSeconds: 0, lastError: null }),
    relay,
  });
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const answer = await dispatcher.handle({ user: CONSOLE_USER, text: line, inGroupRoom: false });
    // The console has no files: an attached file follows the reply as text.
    if (answer)
      output.write(`${toPlainText(answer.reply)}\n${answer.reply.file ? `\n${answer.reply.file.content}\n` : ''}\n`);
  }
}
