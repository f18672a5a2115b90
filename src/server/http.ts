import { createServer, type Server } from 'node:http';
import type { HubYoga } from './yoga.js';

// The hub's HTTP front: GraphQL at /graphql, health at /healthz, and a pointer at /.

export function createHubServer(yoga: HubYoga): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/graphql') return void yoga(req, res);
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
