import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubServer } from '../../src/server/http.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { storeFactories } from '../support/stores.js';

// The API as clients meet it: a listening server over each store, real HTTP requests.

describe.each(storeFactories)('the GraphQL API over HTTP on the $name store', (factory) => {
  let hub: TestHub;
  let server: Server;
  let url: string;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    hub = await demoHub(opened.store);
    server = createHubServer(hub.yoga, { maxBodyBytes: 10_000 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await dispose();
  });

  const post = async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] },
    };
  };

  it('answers the public directory and contacts anonymously', async () => {
    const { body } = await post('{ districts { ags } contacts(municipality: "Coswig") { role person { name } } }');
    expect(body.data.districts).toHaveLength(13);
    expect(body.data.contacts[0]).toMatchObject({ role: 'KIK', person: { name: expect.any(String) } });
  });

  it('enforces who may write, and refuses bad tokens with 401', async () => {
    expect((await post('{ districts { ags } }', { authorization: 'Bearer hub_wrong' })).status).toBe(401);
    const volunteer = await hub.token('VOLUNTEER', 'person:demo-14627-alliance-1-volunteer-1');
    const refused = await post('mutation { addPerson(input: { name: "Eva Lang" }) { ... on HubError { code } } }', {
      authorization: `Bearer ${volunteer}`,
    });
    expect(refused.body.data.addPerson).toEqual({ code: 'NOT_ALLOWED' });
    const admin = await hub.token('ADMIN', 'person:demo-admin');
    const added = await post(
      'mutation { addPerson(input: { name: "Eva Lang" }) { ... on MutationAddPersonSuccess { data { name } } } }',
      { authorization: `Bearer ${admin}` },
    );
    expect(added.body.data.addPerson).toEqual({ data: { name: 'Eva Lang' } });
  });

  it('refuses an oversized request body with 413 before parsing it', async () => {
    const { status, body } = await post(`{ search(text: "${'x'.repeat(20_000)}") { __typename } }`);
    expect(status).toBe(413);
    expect(body.errors![0]!.extensions!.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a body streamed without a length (no limit could be checked first) and keeps answering', async () => {
    const parts = [JSON.stringify({ query: `{ search(text: "${'x'.repeat(20_000)}") { __typename } }` })];
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        pull(controller) {
          const next = parts.shift();
          if (next) controller.enqueue(new TextEncoder().encode(next));
          else controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(411);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'LENGTH_REQUIRED',
    );
    expect((await post('{ districts { ags } }')).body.data.districts).toHaveLength(13);
  });
});
