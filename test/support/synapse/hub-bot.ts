import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { COMMANDS } from '../../../bots/commands/index.js';
import { Dispatcher } from '../../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../../bots/core/identities.js';
import { MatrixBot } from '../../../bots/matrix/matrix-bot.js';
import { notifyingServices } from '../../../src/services/hub-services.js';
import type { TestHub } from '../hub.js';
import { MatrixUser } from './matrix-user.js';

// The hub's Matrix bot on the test Synapse, with people already linked (confirmed by the demo
// admin), registered with every service that tells people things.

export async function startHubBot(
  hub: TestHub,
  name: string,
  people: readonly (readonly [user: MatrixUser, personId: string])[],
): Promise<{ bot: MatrixBot; botAccount: { userId: string; accessToken: string }; identities: ChatIdentities }> {
  const identities = new ChatIdentities(hub.store);
  const botAccount = await MatrixUser.registerWithToken(name);
  for (const [user, personId] of people) {
    await identities.requestLink({ transport: 'matrix', userId: user.userId }, personId);
    await identities.confirm(
      { transport: 'matrix', userId: user.userId },
      await identities.viewerOfPerson('person:demo-admin'),
    );
  }
  const dispatcher = new Dispatcher(COMMANDS, {
    services: hub.services,
    identities,
    publicUrl: 'http://hub.test',
    status: () => bot.status(),
  });
  const bot: MatrixBot = new MatrixBot(
    {
      homeserverUrl: inject('synapseUrl'),
      accessToken: botAccount.accessToken,
      allowedInviters: [],
      storagePath: join(mkdtempSync(join(tmpdir(), `${name}-`)), 'sync.json'),
      // These tests read the meeting rooms with a plain client; encrypted rooms: matrix-e2ee.test.ts.
      encryptMeetingRooms: false,
    },
    dispatcher,
    identities,
    hub.store,
    () => {},
  );
  await bot.start();
  for (const service of notifyingServices(hub.services)) service.addNotifier(bot);
  return { bot, botAccount, identities };
}
