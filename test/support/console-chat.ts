import { COMMANDS } from '../../bots/commands/index.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { toPlainText } from '../../bots/core/render.js';
import { ChatIdentities } from '../../src/services/chat/chat-identities.js';
import type { TestHub } from './hub.js';

// The chat as the console speaks it: each named speaker is a console account trusted to be a
// demo person; `say` answers with the reply as plain text.

export function consoleChat<Who extends string>(
  hub: TestHub,
  people: Record<Who, string>,
  options: { inGroupRoom?: boolean } = {},
): (who: Who | string, text: string) => Promise<string> {
  const identities = new ChatIdentities(hub.store);
  for (const [who, personId] of Object.entries<string>(people))
    identities.trust({ transport: 'console', userId: who }, personId);
  const dispatcher = new Dispatcher(COMMANDS, {
    services: hub.services,
    identities,
    publicUrl: 'http://hub.test',
    status: () => ({ transport: 'console', connected: true, syncLagSeconds: 0, lastError: null }),
  });
  return async (who, text) =>
    toPlainText(
      (await dispatcher.handle({
        user: { transport: 'console', userId: who },
        text,
        inGroupRoom: options.inGroupRoom ?? false,
      }))!.reply,
    );
}
