import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../bots/commands/index.js';
import { Dispatcher } from '../../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../../bots/core/identities.js';
import { createHubServer, NotReady } from '../../../src/server/http.js';
import { createHubYoga } from '../../../src/server/yoga.js';
import { bearer, demoHub, gql, type TestHub } from '../../support/hub.js';

describe('operations and personal data', () => {
  let hub: TestHub;
  let server: Server;
  let base: string;
  let storeUp = true;
  let homeserverUp = true;

  beforeAll(async () => {
    hub = await demoHub();
    server = createHubServer(hub.yoga, {
      maxBodyBytes: 10_000,
      metricsToken: 'operations-metrics-token',
      ready: async () => {
        if (!storeUp) throw new Error('down');
        if (!homeserverUp) throw new NotReady('homeserver unreachable');
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reports liveness and readiness, with security headers on every answer', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    storeUp = false;
    const storeDown = await fetch(`${base}/readyz`);
    expect([storeDown.status, await storeDown.json()]).toEqual([
      503,
      { status: 'unavailable', reason: 'store unavailable' },
    ]);
    storeUp = true;
    homeserverUp = false;
    const homeserverDown = await fetch(`${base}/readyz`);
    expect([homeserverDown.status, await homeserverDown.json()]).toEqual([
      503,
      { status: 'unavailable', reason: 'homeserver unreachable' },
    ]);
    homeserverUp = true;
    const page = await fetch(`${base}/`);
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("default-src 'self'; script-src 'self'");
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics of the GraphQL requests it served', async () => {
    await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ districts { ags } }' }),
    });
    const metrics = await (
      await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer operations-metrics-token' } })
    ).text();
    expect(metrics).toMatch(/graphql_yoga_http_duration_count\{[^}]*\} [1-9]/);
    expect(metrics).toContain('hub_chat_commands_total');
  });

  it('answers browsers from other origins without CORS permission', async () => {
    const preflight = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    expect(preflight.headers.get('access-control-allow-origin')).not.toBe('*');
  });

  it('serves GraphiQL from the hub itself, not from a CDN', async () => {
    const withGraphiql = createHubYoga(hub.services, { graphiql: true });
    const html = await (
      await withGraphiql.fetch('http://hub.test/graphql', { headers: { accept: 'text/html' } })
    ).text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
  });

  it('gives a person everything stored about them, as JSON, and never in a group room', async () => {
    const kik = 'person:demo-14627-kik-2';
    const { data } = await gql(hub.yoga, '{ myData }', {}, bearer(await hub.token('COORDINATOR', kik)));
    const exported = JSON.parse(data!.myData) as Record<string, any>;
    expect(exported.person).toMatchObject({ id: kik, channels: expect.any(Array) });
    expect(exported.roles.map((r: { role: string }) => r.role)).toEqual(['KIK']);
    expect(exported.links.some((l: { type: string }) => l.type === 'SERVES')).toBe(true);
    expect(exported.accessTokens[0]).not.toHaveProperty('hash');
    expect(exported.auditEntries.length).toBeGreaterThan(0);

    const identities = new ChatIdentities(hub.store);
    const user = { transport: 'matrix' as const, userId: '@kik:hub.test' };
    identities.trust(user, kik);
    const dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: 'http://hub.test',
      status: () => ({ transport: 'matrix', connected: true, syncLagSeconds: 0, lastError: null }),
    });
    const answer = (await dispatcher.handle({ user, text: '!meine-daten', inGroupRoom: true }))!;
    expect(answer.reply.privateDetails).toBe(true);
    expect(answer.reply.file).toMatchObject({ name: 'meine-daten.json', mimeType: 'application/json' });
    expect(answer.reply.file!.content).toContain(`"id": "${kik}"`);
  });
});
