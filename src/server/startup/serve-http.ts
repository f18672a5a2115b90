import { once } from 'node:events';
import type { Server } from 'node:http';
import type { HubConfig } from '../../config.js';
import type { GraphStore } from '../../domain/ports/graph-store.port.js';
import type { ChatSignIn } from '../../services/access/chat-sign-in.js';
import type { HubServices } from '../../services/hub-services.js';
import { createHubServer, createMetricsServer, NotReady } from '../http.js';
import type { HubLogger } from '../logger.js';
import type { RedisBridge } from '../redis-event-bridge.js';
import { createHubYoga } from '../yoga.js';

// GraphQL and the pages over HTTP, and the metrics on their own port where configured: listening
// once this resolves, or the reason it could not (a port in use) thrown.

export interface HttpParts {
  store: Pick<GraphStore, 'ping'>;
  services: HubServices;
  widget: { signIn: ChatSignIn; answers(): Promise<boolean> } | null;
  redis: RedisBridge | null;
  /** Whether this instance runs the chat bots and timers now (the lease holder). */
  runsChatBotsAndTimers: () => boolean;
}

export async function serveHttp(
  config: HubConfig,
  logger: HubLogger,
  parts: HttpParts,
): Promise<{ server: Server; metricsServer: Server | null; port: number }> {
  const { store, services, widget, redis } = parts;
  const yoga = createHubYoga(services, {
    graphiql: config.graphiql,
    introspection: config.introspection,
    rateLimitPerMinute: config.rateLimitPerMinute,
    corsOrigins: config.corsOrigins,
    trustedProxies: config.trustedProxies,
  });
  const server = createHubServer(yoga, {
    maxBodyBytes: config.maxBodyBytes,
    ready: async () => {
      await store.ping();
      if (widget && !(await widget.answers())) throw new NotReady('homeserver unreachable');
      if (redis) await redis.ping().catch(() => Promise.reject(new NotReady('redis unreachable')));
    },
    // No host name or process id: whether this instance runs the bots is all a prober needs.
    health: () => ({ runsChatBotsAndTimers: parts.runsChatBotsAndTimers() }),
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
  return { server, metricsServer, port };
}
