import { once } from 'node:events';
import { getHeapStatistics } from 'node:v8';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { chatBotsConfigured, chatWidget, startChatBots, type RunningBots } from '../../bots/start-bots.js';
import { openStore, seedDemoIfEmpty } from '../../graph/open-store.js';
import { ConfigError, loadConfig } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { loadHubSecret, PrivacyKeys } from '../services/access/privacy-keys.js';
import { StoreWatcher } from '../services/reads/store-watcher.js';
import { createServices, notifyingServices, serviceOptionsFrom } from '../services/hub-services.js';
import { HUB_LEASE, LeaseKeeper } from '../services/lease-keeper.js';
import { deliverOutbox, OutboxNotifier } from '../services/chat/notification-outbox.js';
import { dueWork } from './due-work.js';
import { createHubServer, createMetricsServer, NotReady } from './http.js';
import { createLogger } from './logger.js';
import { smtpMailSender } from './smtp-mail-sender.js';
import { wordNotice } from '../../bots/core/notice-texts.js';
import { chatCommands } from './plugins/use-metrics.js';
import { bridgeEventsThroughRedis, type RedisBridge } from './redis-event-bridge.js';
import { createHubYoga } from './yoga.js';

// `npm start`: config -> store -> services -> GraphQL -> HTTP, then the chat bots and timers on
// whichever instance holds their lease. A known failure at start ends the process with one line
// that says what is wrong, never a stack trace; once running, the hub logs JSON lines.

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger();
  const log = (message: string) => logger.info(message);
  const instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const store = await openStore(config);
  const privacy = new PrivacyKeys(await loadHubSecret(store));
  const services = createServices(store, serviceOptionsFrom(config, privacy, wordNotice));
  const mailSender = config.mail
    ? smtpMailSender(config.mail.smtpUrl, `"${config.mail.fromName}" <${config.mail.fromAddress}>`)
    : null;
  const redis: RedisBridge | null = config.redisUrl
    ? await bridgeEventsThroughRedis(services.events, config.redisUrl, (m) => logger.warn(m))
    : null;
  if (store.name === 'embedded' && (await seedDemoIfEmpty(store, services)))
    log(`First start: loaded the Saxon demo network into ${config.dataDir}.`);
  if (store.name !== 'embedded' && (await store.listDistricts()).length === 0) {
    logger.warn(
      'The Neo4j store is empty: load the demo network with `npm run seed` or your own data with `npm run import -- FILE`; this hub picks it up within seconds.',
    );
  }

  const yoga = createHubYoga(services, {
    graphiql: config.graphiql,
    introspection: config.introspection,
    rateLimitPerMinute: config.rateLimitPerMinute,
    corsOrigins: config.corsOrigins,
    trustedProxies: config.trustedProxies,
  });
  const widget = chatWidget(process.env, services);
  let keeper: LeaseKeeper | null = null;
  const server = createHubServer(yoga, {
    maxBodyBytes: config.maxBodyBytes,
    ready: async () => {
      await store.ping();
      if (widget && !(await widget.answers())) throw new NotReady('homeserver unreachable');
      if (redis) await redis.ping().catch(() => Promise.reject(new NotReady('redis unreachable')));
    },
    // No host name or process id: whether this instance runs the bots is all a prober needs.
    health: () => ({ runsChatBotsAndTimers: keeper?.isHolder ?? false }),
    metricsToken: config.metricsToken,
    logger,
    widgetSignIn: widget?.signIn ?? null,
    widgetOrigins: config.widgetOrigins,
    calendars: services.calendars,
    mailActions: services.mail?.actions ?? null,
    minutes: services.minutes,
    articles: { knowledge: services.knowledge, links: services.articleLinks, identities: services.identities },
    funding: services.funding,
  });
  server.listen(config.port, config.host);
  const metricsServer = config.metricsPort ? createMetricsServer(yoga).listen(config.metricsPort, config.host) : null;
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log(`Integration hub on the ${store.name} store: http://${config.host}:${port}/graphql`);
  log(`Heap limit: ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MiB (HUB_MAX_HEAP_MB)`);

  // Build the collaboration graph now, so the first map or analytics request does not wait for it.
  void services.network
    .graph()
    .catch((error: unknown) => logger.error(`Building the network graph failed: ${(error as Error).message}`));

  // The chat bots and the timers run on one instance at a time: the holder of the lease.
  const botsWanted = chatBotsConfigured(process.env, config.dataDir);
  const outbox = new OutboxNotifier(store);
  const useOutbox = (on: boolean) => {
    if (!botsWanted) return;
    for (const service of notifyingServices(services))
      (on ? service.addNotifier : service.removeNotifier).call(service, outbox);
  };
  const runDueWork = dueWork(
    services,
    { retentionDays: config.requestRetentionDays, reviewRemindDays: config.reviewRemindDays },
    log,
  );
  let bots: RunningBots | null = null;
  keeper = new LeaseKeeper(
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
        const started = await startChatBots(
          services,
          process.env,
          { dataDir: config.dataDir, publicUrl: config.publicUrl },
          (message, error) =>
            logger.warn(error ? `${message}: ${error instanceof Error ? error.message : String(error)}` : message),
          (transport, command) => chatCommands.inc({ transport, command }),
        );
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
  const minutely = setInterval(() => void (keeper!.isHolder ? runDueWork() : undefined), config.timerSeconds * 1000);
  const outboxTimer = setInterval(() => {
    // Mails go out from the lease holder, whether or not it runs chat bots.
    if (mailSender && services.mail && keeper!.isHolder)
      void services.mail.outbox
        .deliver(mailSender)
        .catch((error: unknown) => logger.warn(`Sending mails failed: ${(error as Error).message}`));
    if (bots && keeper!.isHolder)
      void deliverOutbox(store, bots.notifiers).catch((error: unknown) =>
        logger.warn(`Delivering notifications failed: ${(error as Error).message}`),
      );
  }, 2_000);

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1); // a second signal: exit at once
    stopping = true;
    clearInterval(minutely);
    clearInterval(storeCheck);
    clearInterval(outboxTimer);
    mailSender?.close();
    metricsServer?.close();
    server.close(
      () =>
        void Promise.all([keeper!.stop(), redis?.close()])
          .then(() => store.close())
          .then(() => process.exit(0)),
    );
    server.closeIdleConnections();
    // Streams (subscriptions) never finish by themselves: they get a grace period, then end.
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function reason(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE') return `Port ${process.env.PORT ?? 4000} is already in use; set PORT to a free port.`;
  if (code === 'EACCES')
    return `Port ${process.env.PORT ?? 4000} may not be opened by this user; set PORT to one above 1024.`;
  if (error instanceof DomainError && error.code === 'STORE_UNAVAILABLE') {
    return `Neo4j at ${process.env.NEO4J_URI} is unreachable; start it (npm run neo4j) or unset NEO4J_URI to use the embedded store.`;
  }
  if (code === 'ECONNREFUSED' && process.env.HUB_REDIS_URL)
    return `Redis at ${process.env.HUB_REDIS_URL} is unreachable; start it or unset HUB_REDIS_URL.`;
  if (error instanceof DomainError || error instanceof ConfigError) return error.message;
  return `The hub could not start: ${error instanceof Error ? error.message : String(error)}`;
}

main().catch((error: unknown) => {
  console.error(reason(error));
  process.exit(1);
});
