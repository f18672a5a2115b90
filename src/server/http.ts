import { createServer, type Server } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { HubYoga } from './yoga.js';

// The hub's HTTP front: GraphQL at /graphql, health at /healthz, and a pointer at /.

export function createHubServer(yoga: HubYoga, options: { maxBodyBytes: number }): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/graphql') {
      const refusal = bodyRefusal(req, options.maxBodyBytes);
      if (refusal) {
        res.writeHead(refusal.status, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] }));
        return;
      }
      return void yoga(req, res, { req });
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html lang="de"><meta charset="utf-8"><title>Integration Hub</title><p>Die GraphQL-Schnittstelle: <a href="/graphql">/graphql</a></p></html>');
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
}

/** Bodies must declare their length, and stay under the limit, before yoga reads them. */
function bodyRefusal(req: IncomingMessage, maxBytes: number): { status: number; code: string; message: string } | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  const length = Number(req.headers['content-length']);
  if (!req.headers['content-length'] || !Number.isFinite(length)) {
    return { status: 411, code: 'LENGTH_REQUIRED', message: 'The request needs a Content-Length header.' };
  }
  if (length > maxBytes) return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${maxBytes} bytes.` };
  return null;
}
