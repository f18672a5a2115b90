import type { HubConfig } from '../../config.js';
import type { GraphStore } from '../../domain/ports/graph-store.port.js';
import type { InvitationNotifier } from '../../features/meetings/meetings.js';
import { deliverOutbox, OutboxNotifier } from '../../services/chat/notification-outbox.js';
import { notifyingServices, type HubServices } from '../../services/hub-services.js';
import { HUB_LEASE, LeaseKeeper } from '../../services/lease-keeper.js';
import { dueWork } from '../due-work.js';
import type { HubLogger } from '../logger.js';

// The chat bots and the timers run on one instance at a time: the holder of the lease. While an
// instance does not hold it (or runs no bots), what it would tell people goes to the store outbox,
// which the holder delivers.

/** The running chat bots as the lease work needs them (bots/start-bots.ts starts them). */
export interface ChatBots {
  notifiers: InvitationNotifier[];
  attach(): void;
  detach(): void;
  stop(): Promise<void>;
}

export interface LeaseWork {
  keeper: LeaseKeeper;
  /** The bots while this instance holds the lease, else null. */
  bots(): ChatBots | null;
  /** Reminders, escalations, retention and the other timed work, due now. */
  runDueWork(): Promise<void>;
}

export async function startLeaseWork(
  config: HubConfig,
  logger: HubLogger,
  parts: {
    store: Pick<GraphStore, 'coordination' | 'meetings' | 'polls'>;
    services: HubServices;
    instance: string;
    botsWanted: boolean;
    startBots: () => Promise<ChatBots>;
  },
): Promise<LeaseWork> {
  const { store, services, instance } = parts;
  const log = (message: string) => logger.info(message);
  const outbox = new OutboxNotifier(store);
  const useOutbox = (on: boolean) => {
    if (!parts.botsWanted) return;
    for (const service of notifyingServices(services))
      (on ? service.addNotifier : service.removeNotifier).call(service, outbox);
  };
  const runDueWork = dueWork(
    services,
    { retentionDays: config.requestRetentionDays, reviewRemindDays: config.reviewRemindDays },
    log,
  );
  let bots: ChatBots | null = null;
  const keeper = new LeaseKeeper(
    store,
    HUB_LEASE,
    instance,
    { ttlMs: config.leaseSeconds * 1000, renewEveryMs: (config.leaseSeconds * 1000) / 3 },
    {
      acquired: async () => {
        log(`This instance (${instance}) now runs the chat bots and timers.`);
        // The bots catch up on what was sent while no hub ran; the notifications that causes go
        // to the store outbox (still registered), then the bots take over in one step and the
        // outbox is delivered through them, once.
        const started = await parts.startBots();
        useOutbox(false);
        started.attach();
        bots = started;
        await deliverOutbox(store, started.notifiers).catch((error: unknown) =>
          logger.warn(`Delivering notifications failed: ${(error as Error).message}`),
        );
        await runDueWork();
      },
      lost: async () => {
        log(`This instance (${instance}) no longer runs the chat bots and timers.`);
        const stopping = bots;
        bots = null;
        // The outbox takes over in the same step as the bots let go.
        stopping?.detach();
        useOutbox(true);
        await stopping?.stop();
      },
    },
    (m) => logger.warn(m),
  );
  useOutbox(true);
  await keeper.start();
  return { keeper, bots: () => bots, runDueWork };
}
