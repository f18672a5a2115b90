import type { HubServices } from '../src/services/hub-services.js';
import { COMMANDS } from './commands/index.js';
import type { BotStatus, Log } from './core/command.js';
import { Dispatcher } from './core/dispatcher.js';
import { ChatIdentities } from './core/identities.js';
import { DiscordBot } from './discord/discord-bot.js';
import { discordSettings } from './discord/discord-settings.js';
import { MatrixBot } from './matrix/matrix-bot.js';
import { matrixSettings } from './matrix/matrix-settings.js';

// Starts the chat bots that are configured (Matrix, Discord), over the hub's shared services.
// Each transport has its own dispatcher only so that !status reports on that transport.

export interface RunningBots {
  names: string[];
  stop(): Promise<void>;
}

export async function startChatBots(
  services: HubServices,
  env: NodeJS.ProcessEnv,
  places: { dataDir: string; publicUrl: string },
  log: Log,
  observe: (transport: string, command: string) => void = () => {},
): Promise<RunningBots> {
  const identities = new ChatIdentities(services.store);
  const running: { name: string; stop(): unknown }[] = [];
  const dispatcherFor = (status: () => BotStatus) => new Dispatcher(COMMANDS, { services, identities, status, publicUrl: places.publicUrl }, log, observe);

  const matrix = matrixSettings(env, places.dataDir);
  if (matrix) {
    let bot: MatrixBot | null = null;
    bot = new MatrixBot(matrix, dispatcherFor(() => bot!.status()), identities, services.store, services.meetings, log);
    await bot.start();
    services.requests.addNotifier(bot);
    services.meetings.addNotifier(bot);
    running.push({ name: 'matrix', stop: () => bot!.stop() });
  }
  const discord = discordSettings(env);
  if (discord) {
    let bot: DiscordBot | null = null;
    bot = new DiscordBot(discord, COMMANDS, dispatcherFor(() => bot!.status()), identities, services, log);
    await bot.start();
    services.requests.addNotifier(bot);
    services.meetings.addNotifier(bot);
    running.push({ name: 'discord', stop: () => bot!.stop() });
  }
  return { names: running.map((r) => r.name), stop: async () => void (await Promise.all(running.map((r) => r.stop()))) };
}
