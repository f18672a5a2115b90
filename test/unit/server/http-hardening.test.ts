import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../src/services/access/domain/authorization.js';
import { createHubServer } from '../../../src/server/http.js';
import { createHubYoga } from '../../../src/server/yoga.js';
import { bearer, demoHub, type TestHub } from '../../support/hub.js';

// Findings 4 and 10 of the access-control attack (issue 16), over real HTTP. Each failed before.

const METRICS_TOKEN = 'metrics-secret-0123456789';

describe('the HTTP front under attack', () => {
  let hub: TestHub;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    hub = await demoHub();
    const yoga = createHubYoga(hub.services, { graphiql: false, rateLimitPerMinute: 5, trustedProxies: ['127.0.0.1'] });
    server = createHubServer(yoga, {
      maxBodyBytes: 10_000,
      metricsToken: METRICS_TOKEN,
      health: () => ({ runsChatBotsAndTimers: false }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });

  it('4: /metrics needs its token and never holds URLs or search texts as labels', async () => {
    for (let i = 0; i < 20; i++)
      await fetch(`${base}/graphql?query=${encodeURIComponent(`{ search(text: "Geheimname${i}") { __typename } }`)}`, {
        headers: { 'x-forwarded-for': `10.0.0.${i}`, 'x-graphql-yoga-csrf': '1' },
      });
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const metrics = await (
      await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(/graphql_yoga_http_duration_count\{[^}]*\} [1-9]/);
    expect(metrics).not.toContain('Geheimname');
    expect(metrics).not.toContain('url=');
  });

  it('10: answers a rate-limited caller 429 with Retry-After, and tells clients behind a trusted proxy apart', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const response = await post('{ districts { ags } }', { 'x-forwarded-for': '203.0.113.7' });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another client behind the same proxy has a budget of its own.
    expect((await post('{ districts { ags } }', { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
  });

  it('10: GraphiQL comes compressed and with a content security policy', async () => {
    const withGraphiql = createHubServer(createHubYoga(hub.services, { graphiql: true }), { maxBodyBytes: 10_000 });
    await new Promise<void>((resolve) => withGraphiql.listen(0, '127.0.0.1', resolve));
    const address = withGraphiql.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { request } = await import('node:http');
    const head = await new Promise<{ encoding?: string; csp?: string; bytes: number }>((resolve, reject) => {
      request(
        { port, host: '127.0.0.1', path: '/graphql', headers: { accept: 'text/html', 'accept-encoding': 'gzip' } },
        (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () =>
            resolve({
              encoding: res.headers['content-encoding'],
              csp: res.headers['content-security-policy'] as string | undefined,
              bytes,
            }),
          );
        },
      )
        .on('error', reject)
        .end();
    });
    withGraphiql.closeAllConnections();
    await new Promise((resolve) => withGraphiql.close(resolve));
    expect(head.encoding).toBe('gzip');
    expect(head.csp).toContain("frame-ancestors 'none'");
    expect(head.bytes).toBeLessThan(4_000_000);
  });

  it('10: a client that sends its headers one byte at a time is cut off', async () => {
    const { port } = new URL(base);
    const socket = connect(Number(port), '127.0.0.1');
    // The server cuts the socket off: writes after that fail, which is the point.
    socket.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
    const started = Date.now();
    const drip = setInterval(() => !socket.destroyed && socket.write('X'), 1000);
    void closed.then(() => clearInterval(drip));
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const end = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 25_000))]);
    clearInterval(drip);
    socket.destroy();
    expect(end).toBeGreaterThan(0);
    expect(end - started).toBeLessThan(25_000);
  }, 30_000);

  it('10: a live stream ends when its token is revoked, and one token holds at most five', async () => {
    const { token, secret } = await hub.services.access.create(
      { personId: 'person:demo-14627-kik-1', access: 'COORDINATOR', label: 'stream' },
      SYSTEM,
    );
    const open = () =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...bearer(secret) },
        body: JSON.stringify({ query: 'subscription { networkChanged { action } }' }),
      });
    const streams = await Promise.all([1, 2, 3, 4, 5].map(open));
    const sixth = await (await open()).text();
    expect(sixth).toContain('NOT_ALLOWED');
    await hub.services.access.revoke(token.id, SYSTEM);
    await hub.services.writer.addPerson({ name: 'Neue Person', languages: [], channels: [] }, SYSTEM);
    const ended = await Promise.race([
      streams[0]!.text().then(() => 'ended'),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 5_000)),
    ]);
    expect(ended).toBe('ended');
    for (const s of streams.slice(1)) await s.body?.cancel();
  });
});
