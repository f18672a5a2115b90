import type { HubServices } from '../src/services/hub-services.js';
import type { InvitationNotifier } from '../src/services/meetings.js';
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
  /** Where notifications reach people: one per running bot. */
  notifiers: InvitationNotifier[];
  stop(): Promise<void>;
}

/** Whether this environment configures any chat bot at all. */
export function chatBotsConfigured(env: NodeJS.ProcessEnv, dataDir: string): boolean {
  return matrixSettings(env, dataDir) !== null || discordSettings(env) !== null;
}

export async function startChatBots(
  services: HubServices,
  env: NodeJS.ProcessEnv,
  places: { dataDir: string; publicUrl: string },
  log: Log,
  observe: (transport: string, command: string) => void = () => {},
): Promise<RunningBots> {
  const identities = new ChatIdentities(services.store);
  const running: { name: string; notifier: InvitationNotifier; stop(): unknown }[] = [];
  const dispatcherFor = (status: () => BotStatus) => new Dispatcher(COMMANDS, { services, identities, status, publicUrl: places.publicUrl }, log, observe);

  const matrix = matrixSettings(env, places.dataDir);
  if (matrix) {
    let bot: MatrixBot | null = null;
    bot = new MatrixBot(matrix, dispatcherFor(() => bot!.status()), identities, services.store, services.meetings, log);
    await bot.start();
    running.push({ name: 'matrix', notifier: bot, stop: () => bot!.stop() });
  }
  const discord = discordSettings(env);
  if (discord) {
    let bot: DiscordBot | null = null;
    bot = new DiscordBot(discord, COMMANDS, dispatcherFor(() => bot!.status()), identities, services, log);
    await bot.start();
    running.push({ name: 'discord', notifier: bot, stop: () => bot!.stop() });
  }
  for (const { notifier } of running) {
    services.requests.addNotifier(notifier);
    services.meetings.addNotifier(notifier);
    services.minutes.addNotifier(notifier);
  }
  return {
    names: running.map((r) => r.name),
    notifiers: running.map((r) => r.notifier),
    stop: async () => {
      for (const { notifier } of running) {
        services.requests.removeNotifier(notifier);
        services.meetings.removeNotifier(notifier);
        services.minutes.removeNotifier(notifier);
      }
      await Promise.all(running.map((r) => r.stop()));
    },
  };
}
