import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ChatIdentities } from '../../src/services/chat/chat-identities.js';
import { ChatSignIn } from '../../src/services/access/chat-sign-in.js';
import { createHubServer } from '../../src/server/http.js';
import { matrixOpenIdVerifier } from '../../bots/matrix/openid-verifier.js';
import { launchChromium } from '../support/browser.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { MatrixUser } from '../support/synapse/matrix-user.js';

// The map as a Matrix room widget: a client page (standing in for Element, on another origin)
// frames it and answers the widget API's get_openid with a real OpenID token from Synapse.

const MEISSEN = '14627';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

/** A minimal Matrix client: frames the widget and hands it this OpenID token when asked. */
function clientPage(widgetUrl: string, openId: object): string {
  return `<!doctype html><html><body><iframe id="widget" src="${widgetUrl}" width="1200" height="800"></iframe><script>
    window.asked = [];
    window.addEventListener('message', (event) => {
      const message = event.data;
      if (message.api !== 'fromWidget') return;
      window.asked.push(message.action);
      if (message.action === 'get_openid') event.source.postMessage({ ...message, response: ${JSON.stringify({ state: 'allowed', ...openId })} }, '*');
    });
  </script></body></html>`;
}

describe('the map as a Matrix widget', () => {
  let hub: TestHub;
  let hubServer: Server;
  let hubUrl: string;
  let clientServer: Server;
  let clientUrl: string;
  let browser: Browser;
  let kik: MatrixUser;
  let stranger: MatrixUser;
  let pageFor: (openId: object) => string = () => '';
  let currentOpenId: object = {};

  beforeAll(async () => {
    hub = await demoHub();
    clientServer = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(pageFor(currentOpenId)),
    );
    clientUrl = await listen(clientServer);
    const identities = new ChatIdentities(hub.store);
    hubServer = createHubServer(hub.yoga, {
      maxBodyBytes: 10_000,
      widgetSignIn: new ChatSignIn(
        'matrix',
        matrixOpenIdVerifier(inject('synapseUrl')),
        identities,
        hub.services.access,
      ),
      widgetOrigins: [clientUrl],
    });
    hubUrl = await listen(hubServer);
    pageFor = (openId) => clientPage(`${hubUrl}/?district=${MEISSEN}&widgetId=hub-map-${MEISSEN}`, openId);
    kik = await MatrixUser.register('kik');
    stranger = await MatrixUser.register('stranger');
    await identities.requestLink({ transport: 'matrix', userId: kik.userId }, 'person:demo-14627-kik-1');
    await identities.confirm(
      { transport: 'matrix', userId: kik.userId },
      await identities.viewerOfPerson('person:demo-admin'),
    );
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    hubServer?.close();
    clientServer?.close();
  });

  async function widgetState(openId: object) {
    currentOpenId = openId;
    const page = await browser.newPage();
    await page.goto(clientUrl);
    const frame = page.frameLocator('#widget');
    await frame.locator('#map[data-state="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
    const state = {
      who: await frame.locator('#who').textContent(),
      nodes: Number(await frame.locator('#map').getAttribute('data-nodes')),
      asked: await page.evaluate(() => (window as unknown as { asked: string[] }).asked),
    };
    await page.close();
    return state;
  }

  async function apiNodeCount(headers: Record<string, string> = {}): Promise<number> {
    const response = await fetch(`${hubUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: `{ network(districtAgs: "${MEISSEN}") { nodes { id } } }` }),
    });
    return ((await response.json()) as { data: { network: { nodes: unknown[] } } }).data.network.nodes.length;
  }

  it('signs a linked Matrix user in through the OpenID token their client hands over', async () => {
    const openId = await kik.openIdToken();
    const state = await widgetState(openId);
    expect(state.asked).toContain('get_openid');
    expect(state.who).toBe('Angemeldet');
    const member = await hub.token('VOLUNTEER', 'person:demo-14627-kik-1');
    expect(state.nodes).toBe(await apiNodeCount({ authorization: `Bearer ${member}` }));
    expect(state.nodes).toBeGreaterThan(await apiNodeCount());
  });

  it('keeps a forged token and an unlinked account on the public map', async () => {
    const forged = await widgetState({
      access_token: 'forged-token',
      matrix_server_name: 'hub.test',
      expires_in: 3600,
      token_type: 'Bearer',
    });
    expect(forged.who).toBe('Öffentliche Karte (nicht angemeldet)');
    expect(forged.nodes).toBe(await apiNodeCount());

    const response = await fetch(`${hubUrl}/auth/matrix`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openIdToken: (await stranger.openIdToken()).access_token }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'verknüpft und bestätigt',
    );
  });

  it('lets only the configured Matrix client frame the page', async () => {
    const response = await fetch(`${hubUrl}/`);
    expect(response.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${clientUrl}`);
    expect(response.headers.get('x-frame-options')).toBeNull();
  });
});
