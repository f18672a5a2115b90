import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '../domain/errors.js';
import type { FundingCalls } from '../features/funding/funding-calls.js';

// GET /funding/deadlines.ics[?topic=Wohnen] and /funding/calls.atom[?topic=…]: the public funding
// calls still open, as a calendar of deadlines to subscribe to and as an Atom feed.

export async function handleFundingFeed(
  req: IncomingMessage,
  res: ServerResponse,
  funding: FundingCalls,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://hub.invalid');
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET' }).end();
  const topic = url.searchParams.get('topic');
  try {
    if (url.pathname === '/funding/deadlines.ics') {
      const ics = await funding.deadlinesIcs(topic);
      return void res
        .writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'max-age=300' })
        .end(req.method === 'HEAD' ? undefined : ics);
    }
    if (url.pathname === '/funding/calls.atom') {
      const base = `${req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
      const atom = await funding.atom(topic, `${base}${url.pathname}${url.search}`);
      return void res
        .writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'max-age=300' })
        .end(req.method === 'HEAD' ? undefined : atom);
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.');
  } catch (error) {
    const known = error instanceof DomainError;
    res
      .writeHead(known ? 404 : 503, { 'content-type': 'text/plain; charset=utf-8' })
      .end(known ? error.localized('de') : 'Die Förderaufrufe sind gerade nicht abrufbar.');
  }
}
