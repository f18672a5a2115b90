import type { HubServices } from '../src/services/hub-services.js';
import { COMMANDS } from './commands/index.js';
import { Dispatcher } from './core/dispatcher.js';
import { ChatIdentities } from './core/identities.js';
import { MatrixBot, type Log } from './matrix/matrix-bot.js';
import { matrixSettings } from './matrix/matrix-settings.js';

// Starts the chat bots that are configured (Matrix now), over the hub's shared services.

export interface RunningBots {
  names: string[];
  stop(): void;
}

export async function startChatBots(services: HubServices, env: NodeJS.ProcessEnv, dataDir: string, log: Log): Promise<RunningBots> {
  const running: { name: string; stop(): void }[] = [];
  const matrix = matrixSettings(env, dataDir);
  if (matrix) {
    const identities = new ChatIdentities(services.store);
    let bot: MatrixBot | null = null;
    const dispatcher = new Dispatcher(COMMANDS, { services, identities, status: () => bot!.status() }, log);
    bot = new MatrixBot(matrix, dispatcher, identities, services.store, log);
    await bot.start();
    running.push({ name: 'matrix', stop: () => bot!.stop() });
  }
  return { names: running.map((r) => r.name), stop: () => running.forEach((r) => r.stop()) };
}
