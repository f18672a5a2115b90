import { getHeapStatistics } from 'node:v8';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { chatBotsConfigured, chatWidget, startChatBots } from '../../bots/start-bots.js';
import { openStore, seedDemoIfEmpty } from '../../graph/open-store.js';
import { ConfigError, loadConfig, type HubConfig } from '../config.js';
import { DomainError } from '../domain/errors.js';
import type { GraphStore } from '../domain/ports/graph-store.port.js';
import { loadHubSecret, PrivacyKeys } from '../services/access/privacy-keys.js';
import { createServices, serviceOptionsFrom, type HubServices } from '../services/hub-services.js';
import { createLogger, type HubLogger } from './logger.js';
import { smtpMailSender } from './smtp-mail-sender.js';
import { wordNotice } from '../../bots/core/notice-texts.js';
import { chatCommands } from './plugins/use-metrics.js';
import { bridgeEventsThroughRedis, type RedisBridge } from './redis-event-bridge.js';
import { startLeaseWork, type LeaseWork } from './startup/lease-work.js';
import { serveHttp } from './startup/serve-http.js';
import { startTimers } from './startup/timers.js';

// `npm start`: config -> store -> services -> GraphQL and pages over HTTP, then the chat bots and
// timers on whichever instance holds their lease (src/server/startup/). A known failure at start
// ends the process with one line that says what is wrong, never a stack trace; once running, the
// hub logs JSON lines. This file is the composition root: the only one here that opens the store
// and starts the bots.

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger();
  const instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const store = await openStore(config);
  const services = createServices(
    store,
    serviceOptionsFrom(config, new PrivacyKeys(await loadHubSecret(store)), wordNotice),
  );
  const mailSender = config.mail
    ? smtpMailSender(config.mail.smtpUrl, `"${config.mail.fromName}" <${config.mail.fromAddress}>`)
    : null;
  const redis: RedisBridge | null = config.redisUrl
    ? await bridgeEventsThroughRedis(services.events, config.redisUrl, (m) => logger.warn(m))
    : null;
  await loadDataIfEmpty(config, logger, store, services);

  let work: LeaseWork | null = null;
  const widget = chatWidget(process.env, services);
  const http = await serveHttp(config, logger, {
    store,
    services,
    widget,
    redis,
    runsChatBotsAndTimers: () => work?.keeper.isHolder ?? false,
  });
  logger.info(`Integration hub on the ${store.name} store: http://${config.host}:${http.port}/graphql`);
  logger.info(`Heap limit: ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MiB (HUB_MAX_HEAP_MB)`);
  // Build the collaboration graph now, so the first map or analytics request does not wait for it.
  void services.network
    .graph()
    .catch((error: unknown) => logger.error(`Building the network graph failed: ${(error as Error).message}`));

  work = await startLeaseWork(config, logger, {
    store,
    services,
    instance,
    botsWanted: chatBotsConfigured(process.env, config.dataDir),
    startBots: () =>
      startChatBots(
        services,
        process.env,
        { dataDir: config.dataDir, publicUrl: config.publicUrl },
        (message, error) =>
          logger.warn(error ? `${message}: ${error instanceof Error ? error.message : String(error)}` : message),
        (transport, command) => chatCommands.inc({ transport, command }),
      ),
  });
  const stopTimers = await startTimers(config, logger, { store, services, work, mailSender });
  stopOnSignals(http, () => {
    stopTimers();
    mailSender?.close();
    return Promise.all([work!.keeper.stop(), redis?.close()]).then(() => store.close());
  });
}

/** The embedded store starts with the demo network; an empty Neo4j store says how to fill it. */
async function loadDataIfEmpty(
  config: HubConfig,
  logger: HubLogger,
  store: GraphStore,
  services: HubServices,
): Promise<void> {
  if (store.name === 'embedded' && (await seedDemoIfEmpty(store, services)))
    logger.info(`First start: loaded the Saxon demo network into ${config.dataDir}.`);
  if (store.name !== 'embedded' && (await store.listDistricts()).length === 0) {
    logger.warn(
      'The Neo4j store is empty: load the demo network with `npm run seed` or your own data with `npm run import -- FILE`; this hub picks it up within seconds.',
    );
  }
}

/** SIGINT and SIGTERM: stop taking requests, finish what runs, let go of the lease, exit. */
function stopOnSignals(http: { server: Server; metricsServer: Server | null }, release: () => Promise<unknown>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1); // a second signal: exit at once
    stopping = true;
    http.metricsServer?.close();
    http.server.close(() => void release().then(() => process.exit(0)));
    http.server.closeIdleConnections();
    // Streams (subscriptions) never finish by themselves: they get a grace period, then end.
    setTimeout(() => http.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
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
