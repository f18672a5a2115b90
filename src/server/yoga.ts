import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { schema } from '../../schema/index.js';
import { GRAPHQL_SERVICES, type GraphqlServices, type HubContext } from '../../schema/context.js';
import { ANONYMOUS } from '../services/access/domain/access.js';
import type { Language } from '../domain/errors.js';
import { Directory } from '../services/reads/directory.js';
import type { HubServices } from '../services/hub-services.js';
import type { IncomingMessage } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { useBearerAuth } from './plugins/use-bearer-auth.js';
import { useQueryLimits, type QueryLimits } from './plugins/use-query-limits.js';
import { useRateLimit } from './plugins/use-rate-limit.js';
import { useMetrics } from './plugins/use-metrics.js';
import { hubMaskError } from './plugins/mask-error.js';
import { useDomainErrors } from './plugins/use-domain-errors.js';
import { useNotices } from './plugins/use-notices.js';
import { clientAddressOf } from './client-address.js';
import { useOpaquePersonIds } from './plugins/use-opaque-person-ids.js';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useAnswerCache } from './plugins/use-answer-cache.js';

export interface YogaOptions {
  graphiql: boolean;
  introspection?: boolean;
  corsOrigins?: string[];
  rateLimitPerMinute?: number;
  queryLimits?: QueryLimits;
  /** Reverse proxies whose X-Forwarded-For names the client. */
  trustedProxies?: string[];
}

/** What the node HTTP server hands to yoga beside the request. */
interface ServerContext {
  req?: IncomingMessage;
}

export type HubYoga = YogaServerInstance<ServerContext, HubContext>;

/** German unless the request prefers English. */
function languageOf(request: Request): Language {
  const accept = request.headers.get('accept-language') ?? '';
  return /^\s*en\b/i.test(accept) ? 'en' : 'de';
}

export function createHubYoga(services: HubServices, options: YogaOptions): HubYoga {
  const declared = Object.fromEntries(GRAPHQL_SERVICES.map((name) => [name, services[name]])) as GraphqlServices;
  return createYoga<ServerContext, HubContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql ? { title: 'Integration Hub GraphQL' } : false,
    // GraphiQL bundled with the hub: administration networks often reach no CDN.
    renderGraphiQL,
    // Browsers on other origins may call the API only where HUB_CORS_ORIGINS allows it.
    // (An empty origin list would mean "everyone" to yoga, so no list means no CORS headers at all.)
    cors: options.corsOrigins?.length
      ? { origin: options.corsOrigins, credentials: false, methods: ['GET', 'POST'] }
      : false,
    landingPage: false,
    // The HTTP server refuses bodies over its limit by their Content-Length before yoga sees them;
    // yoga's own limit piped every body through a stream whose parts outlived the request.
    maxRequestBodySize: false,
    plugins: [
      // Observability first, so it sees everything that follows.
      useMetrics(),
      // Request phase: refuse cross-site form posts, then find out who is asking.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      useBearerAuth(services.access),
      // Execution compiled per document (cached with it). Before the plugins below that wrap
      // execution, so they wrap the compiled one.
      useGraphQlJit(),
      // Pseudonymised callers see opaque person ids, and may send them back.
      useOpaquePersonIds(services.privacy),
      // Validation phase: documents too deep, costly or long never run.
      ...useQueryLimits(options.queryLimits),
      ...(options.introspection === false ? [useDisableIntrospection()] : []),
      // Execution phase: per-address and per-token limits, domain errors in the caller's language.
      useRateLimit({ max: options.rateLimitPerMinute ?? 600, window: '1m' }),
      useDomainErrors(),
      useNotices(),
      // Last, so a repeated question is answered only after everything above let it through.
      useAnswerCache(services.events),
    ],
    maskedErrors: { maskError: hubMaskError },
    context: ({ request, req }) => ({
      clientAddress: clientAddressOf(req, options.trustedProxies ?? []),
      services: declared,
      directory: new Directory(services.store),
      viewer: ANONYMOUS,
      language: languageOf(request),
      notices: [],
    }),
  });
}
