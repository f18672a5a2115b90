import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { CalendarFeeds } from '../features/meetings/calendar-feeds.js';
import type { HubLogger } from './logger.js';
import type { IncomingMessage } from 'node:http';
import type { HubYoga } from './yoga.js';
import { METRICS_PATH } from './plugins/use-metrics.js';
import { PAGE_CSP, webAssets } from './web-assets.js';
import { handleWidgetSignIn } from './widget-auth.js';
import type { ChatSignIn } from '../services/access/chat-sign-in.js';
import type { MailActions } from '../services/mail/mail-actions.js';
import { handleMailLink } from './mail-link-pages.js';
import { handleMinutesPage } from '../features/minutes/minutes.page.js';
import { handleArticlePage, type ArticlePages } from '../features/knowledge/article.page.js';
import { handleFundingFeed } from './funding-feeds.js';
import type { FundingCalls } from '../features/funding/funding-calls.js';
import type { Minutes } from '../features/minutes/minutes.js';

// The hub's HTTP front: GraphQL at /graphql, liveness at /healthz, readiness (the store
// answers) at /readyz, and the network map at /. Every answer carries the security headers.

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'SAMEORIGIN',
  'cross-origin-opener-policy': 'same-origin',
};

export interface ServerOptions {
  maxBodyBytes: number;
  /** Resolves when the hub can serve: the store answers. */
  ready?: () => Promise<void>;
  /** Gets a line per request (id, method, path, status, time) and the server's own troubles. */
  logger?: HubLogger;
  /** More about this process for /healthz (e.g. which instance it is). */
  health?: () => Record<string, unknown>;
  /** Trades a chat's OpenID token for a session (the map as a room widget); null when no chat server is set. */
  widgetSignIn?: ChatSignIn | null;
  /** Carries out the one-click links of mails at /mail/act (when mail is set up). */
  mailActions?: MailActions | null;
  /** Serves the printable minutes at /minutes/<meeting>?t=<signed link>. */
  minutes?: Minutes;
  /** Serves the knowledge base's articles at /articles/<id> (others than public ones with ?t=<signed link>). */
  articles?: ArticlePages;
  /** Serves the public funding calls at /funding/deadlines.ics and /funding/calls.atom (?topic=…). */
  funding?: FundingCalls;
  /** Serves the personal calendar feeds at /calendar/<secret>.ics. */
  calendars?: CalendarFeeds;
  /** Origins that may frame the map (chat clients showing it as a room widget). */
  widgetOrigins?: string[];
  /** Bearer token that opens /metrics on this server; null or absent: /metrics is not served here. */
  metricsToken?: string | null;
}

/** Thrown by a readiness check to name what is not ready (e.g. "homeserver unreachable"). */
export class NotReady extends Error {}

/** A client that sends its headers or body slower than this is cut off (a slow-loris holds no connection). */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 20_000;

export function createHubServer(yoga: HubYoga, options: ServerOptions): Server {
  const frameAncestors = options.widgetOrigins ?? [];
  const server = createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 2_000 },
    (req, res) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const requestId = requestIdOf(req);
      res.setHeader('x-request-id', requestId);
      if (options.logger) {
        const started = process.hrtime.bigint();
        // A calendar address is a secret: it never reaches the log.
        const logged = path.startsWith('/calendar/') ? '/calendar/[secret]' : path;
        res.once('finish', () =>
          options.logger!.info(
            {
              reqId: requestId,
              method: req.method,
              path: logged,
              status: res.statusCode,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
            },
            'request',
          ),
        );
      }
      if (path === '/readyz') {
        void (options.ready?.() ?? Promise.resolve()).then(
          () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}'),
          (error: unknown) =>
            res.writeHead(503, { 'content-type': 'application/json' }).end(
              JSON.stringify({
                status: 'unavailable',
                reason: error instanceof NotReady ? error.message : 'store unavailable',
              }),
            ),
        );
        return;
      }
      if (path === METRICS_PATH) {
        if (!options.metricsToken || !sameSecret(req.headers.authorization ?? '', `Bearer ${options.metricsToken}`)) {
          res
            .writeHead(options.metricsToken ? 401 : 404, { 'content-type': 'application/json' })
            .end('{"error":"not found"}');
          return;
        }
        return void yoga(req, res, { req });
      }
      if (path === '/graphql') {
        const refusal = bodyRefusal(req, options.maxBodyBytes);
        if (refusal) {
          res.writeHead(refusal.status, { 'content-type': 'application/json', connection: 'close' });
          res.end(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] }));
          return;
        }
        if (req.method === 'GET' && /text\/html/.test(req.headers.accept ?? ''))
          return void serveGraphiql(yoga, req, res);
        return void yoga(req, res, { req });
      }
      if (path === '/healthz') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'ok', ...options.health?.() }));
        return;
      }
      if (path === '/auth/matrix') return void handleWidgetSignIn(req, res, options.widgetSignIn ?? null);
      if (path.startsWith('/minutes/') && options.minutes) return void handleMinutesPage(req, res, options.minutes);
      if (path.startsWith('/funding/') && options.funding) return void handleFundingFeed(req, res, options.funding);
      if (path.startsWith('/articles/') && options.articles) return void handleArticlePage(req, res, options.articles);
      if (path === '/mail/act' && options.mailActions) return void handleMailLink(req, res, options.mailActions);
      if (path.startsWith('/calendar/') && options.calendars) return void serveCalendar(path, res, options.calendars);
      if (path === '/' || path === '/map.js' || path === '/map.css') {
        void webAssets().then(
          (assets) => {
            const asset = assets.get(path)!;
            if (frameAncestors.length > 0) res.removeHeader('x-frame-options');
            res.writeHead(200, {
              'content-type': asset.contentType,
              'content-security-policy': `${PAGE_CSP}; frame-ancestors 'self' ${frameAncestors.join(' ')}`.trim(),
              'cache-control': 'no-cache',
            });
            res.end(req.method === 'HEAD' ? undefined : asset.body);
          },
          (error: unknown) => {
            options.logger?.error({ reqId: requestId }, `Building the map page failed: ${(error as Error).message}`);
            res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('The map page could not be built.');
          },
        );
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    },
  );
  return server;
}

/** GraphiQL's page inlines its script: it gets a CSP of its own, and is sent compressed (it is ~9 MB). */
const GRAPHIQL_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

async function serveGraphiql(yoga: HubYoga, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = await yoga.fetch(
    `http://hub.local${req.url ?? '/graphql'}`,
    { headers: { accept: req.headers.accept ?? 'text/html' } },
    { req },
  );
  const body = Buffer.from(await answer.arrayBuffer());
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  res.writeHead(answer.status, {
    'content-type': answer.headers.get('content-type') ?? 'text/html; charset=utf-8',
    'content-security-policy': GRAPHIQL_CSP,
    'cache-control': 'no-cache',
    vary: 'accept, accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(gzip ? gzipSync(body) : body);
}

/** Serves only /metrics, on a port of its own (HUB_METRICS_PORT), for a scraper. */
export function createMetricsServer(yoga: HubYoga): Server {
  return createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 2_000 },
    (req, res) => {
      if ((req.url ?? '').split('?')[0] === METRICS_PATH) return void yoga(req, res, { req });
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    },
  );
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

async function serveCalendar(path: string, res: ServerResponse, calendars: CalendarFeeds): Promise<void> {
  const secret = /^\/calendar\/([\w-]+)\.ics$/.exec(path)?.[1];
  const ics = secret ? await calendars.feed(secret).catch(() => null) : null;
  if (!ics)
    return void res
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      .end('Unknown or revoked calendar address.');
  res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-store' }).end(ics);
}

/** A proxy's request id when it is a sane token, else a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

/** Bodies must declare their length, and stay under the limit, before yoga reads them. */
function bodyRefusal(req: IncomingMessage, maxBytes: number): { status: number; code: string; message: string } | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  const length = Number(req.headers['content-length']);
  if (!req.headers['content-length'] || !Number.isFinite(length)) {
    return { status: 411, code: 'LENGTH_REQUIRED', message: 'The request needs a Content-Length header.' };
  }
  if (length > maxBytes)
    return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${maxBytes} bytes.` };
  return null;
}
