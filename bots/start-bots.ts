import { honouringChatSettings } from '../src/features/notifications/notification-settings.js';
import { notifyingServices, type HubServices } from '../src/services/hub-services.js';
import type { InvitationNotifier } from '../src/features/meetings/meetings.js';
import { COMMANDS } from './commands/index.js';
import type { BotStatus, Log } from './core/command.js';
import { Dispatcher } from './core/dispatcher.js';
import { DiscordBot } from './discord/discord-bot.js';
import { discordSettings } from './discord/discord-settings.js';
import { MatrixBot } from './matrix/matrix-bot.js';
import { matrixSettings, widgetHomeserver } from './matrix/matrix-settings.js';
import { homeserverAnswers, matrixOpenIdVerifier } from './matrix/openid-verifier.js';
import { ChatSignIn } from '../src/services/access/chat-sign-in.js';

// Starts the chat bots that are configured (Matrix, Discord), over the hub's shared services.
// They start detached: commands they handle while catching up notify through whatever the caller
// has registered (the hub's store outbox) until it attaches them.
// Each transport has its own dispatcher only so that !status reports on that transport.

export interface RunningBots {
  names: string[];
  /** Where notifications reach people: one per running bot. */
  notifiers: InvitationNotifier[];
  /**
   * Registers the bots with the services as the way notifications reach people; detach() takes
   * them off again. Both act at once (no await), so a caller swaps them with the outbox in one
   * step and no notification falls between.
   */
  attach(): void;
  detach(): void;
  stop(): Promise<void>;
}

/**
 * The chat whose rooms show the map as a widget, if one is configured: the sign-in that trades
 * its token for a session, and whether its server answers (part of the hub's readiness).
 */
export function chatWidget(
  env: NodeJS.ProcessEnv,
  services: Pick<HubServices, 'identities' | 'access'>,
): { signIn: ChatSignIn; answers(): Promise<boolean> } | null {
  const homeserver = widgetHomeserver(env);
  if (!homeserver) return null;
  return {
    signIn: new ChatSignIn('matrix', matrixOpenIdVerifier(homeserver), services.identities, services.access),
    answers: () => homeserverAnswers(homeserver),
  };
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
  const identities = services.identities;
  const running: { name: string; notifier: InvitationNotifier; stop(): unknown }[] = [];
  const dispatcherFor = (status: () => BotStatus) =>
    new Dispatcher(COMMANDS, { services, identities, status, publicUrl: places.publicUrl }, log, observe);

  const matrix = matrixSettings(env, places.dataDir);
  if (matrix) {
    let bot: MatrixBot | null = null;
    bot = new MatrixBot(
      matrix,
      dispatcherFor(() => bot!.status()),
      identities,
      services.store,
      log,
    );
    await bot.start();
    running.push({
      name: 'matrix',
      notifier: honouringChatSettings(bot, services.notificationSettings),
      stop: () => bot!.stop(),
    });
  }
  const discord = discordSettings(env);
  if (discord) {
    let bot: DiscordBot | null = null;
    bot = new DiscordBot(
      discord,
      COMMANDS,
      dispatcherFor(() => bot!.status()),
      identities,
      services,
      log,
    );
    await bot.start();
    running.push({
      name: 'discord',
      notifier: honouringChatSettings(bot, services.notificationSettings),
      stop: () => bot!.stop(),
    });
  }
  const notifying = notifyingServices(services);
  let attached = false;
  const bots: RunningBots = {
    names: running.map((r) => r.name),
    notifiers: running.map((r) => r.notifier),
    attach: () => {
      if (attached) return;
      attached = true;
      for (const { notifier } of running) for (const service of notifying) service.addNotifier(notifier);
    },
    detach: () => {
      if (!attached) return;
      attached = false;
      for (const { notifier } of running) for (const service of notifying) service.removeNotifier(notifier);
    },
    stop: async () => {
      bots.detach();
      await Promise.all(running.map((r) => r.stop()));
    },
  };
  return bots;
}
