import type { HubConfig } from '../../config.js';
import type { GraphStore } from '../../domain/ports/graph-store.port.js';
import type { MailSender } from '../../services/mail/mail-outbox.js';
import { deliverOutbox } from '../../services/chat/notification-outbox.js';
import type { HubServices } from '../../services/hub-services.js';
import { StoreWatcher } from '../../services/reads/store-watcher.js';
import type { HubLogger } from '../logger.js';
import type { LeaseWork } from './lease-work.js';

// What the hub does every few seconds: follow writes of other processes, run due work and hand
// on the outboxes (chat and mail) on the lease holder. Returns what stops them.

export async function startTimers(
  config: HubConfig,
  logger: HubLogger,
  parts: {
    store: Pick<GraphStore, 'writes' | 'coordination' | 'meetings' | 'polls'>;
    services: HubServices;
    work: LeaseWork;
    mailSender: MailSender | null;
  },
): Promise<() => void> {
  const { store, services, work, mailSender } = parts;
  const log = (message: string) => logger.info(message);
  // Writes by other processes (import, seed, refresh, an instance without Redis) reach this
  // hub's caches through the store's change counter.
  const watcher = new StoreWatcher(store, services.events);
  await watcher.check();
  const storeCheck = setInterval(
    () =>
      void watcher.check().then(
        (moved) => moved && log('The store was changed by another writer; caches reloaded.'),
        () => undefined,
      ),
    config.storeCheckSeconds * 1000,
  );
  const minutely = setInterval(
    () => void (work.keeper.isHolder ? work.runDueWork() : undefined),
    config.timerSeconds * 1000,
  );
  const outboxTimer = setInterval(() => {
    // Mails go out from the lease holder, whether or not it runs chat bots.
    if (mailSender && services.mail && work.keeper.isHolder)
      void services.mail.outbox
        .deliver(mailSender)
        .catch((error: unknown) => logger.warn(`Sending mails failed: ${(error as Error).message}`));
    const bots = work.bots();
    if (bots && work.keeper.isHolder)
      void deliverOutbox(store, bots.notifiers).catch((error: unknown) =>
        logger.warn(`Delivering notifications failed: ${(error as Error).message}`),
      );
  }, 2_000);
  return () => {
    clearInterval(minutely);
    clearInterval(storeCheck);
    clearInterval(outboxTimer);
  };
}
