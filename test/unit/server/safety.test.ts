import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../../graph/embedded/embedded-store.js';
import { createHubYoga } from '../../../src/server/yoga.js';
import { demoHub, gql } from '../../support/hub.js';

describe('hostile queries are refused before they run', () => {
  it('refuses documents too deep, with too many aliases, or too costly', async () => {
    const { yoga } = await demoHub();
    const deep = `{ districts { municipalities { district { municipalities { district { municipalities { district { municipalities { district { municipalities { district { name } } } } } } } } } } } }`;
    expect((await gql(yoga, deep)).errors![0]!.message).toMatch(/depth/i);
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: districts { name }`).join(' ')} }`;
    expect((await gql(yoga, aliases)).errors![0]!.message).toMatch(/aliases/i);
    const costly = `{ ${Array.from({ length: 3 }, (_, i) => `c${i}: municipalities(first: 50) { edges { node { name servedBy { name roles { role person { name } } } alliances { name topics { name } } } } }`).join(' ')} }`;
    const answer = await gql(yoga, costly);
    expect(answer.data).toBeUndefined();
    expect(answer.errors![0]!.message).toMatch(/cost limit of 5000 exceeded/i);
  });

  it('limits the calls one caller makes per minute', async () => {
    const hub = await demoHub();
    const yoga = createHubYoga(hub.services, { graphiql: false, rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await gql(yoga, '{ districts { ags } }')).errors).toBeUndefined();
    const fourth = await gql(yoga, '{ districts { ags } }');
    expect(fourth.errors![0]!.message).toBe('Too many requests; please wait a moment.');
  });

  it('refuses GET requests without the CSRF header, and introspection when switched off', async () => {
    const hub = await demoHub(EmbeddedStore.inMemory());
    const get = await hub.yoga.fetch('http://hub.test/graphql?query=%7Bdistricts%7Bags%7D%7D');
    expect(get.status).toBe(403);
    const withHeader = await hub.yoga.fetch('http://hub.test/graphql?query=%7Bdistricts%7Bags%7D%7D', {
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    expect(withHeader.status).toBe(200);
    const closed = createHubYoga(hub.services, { graphiql: false, introspection: false });
    expect((await gql(closed, '{ __schema { types { name } } }')).errors![0]!.message).toMatch(/introspection/i);
    expect((await gql(hub.yoga, '{ __schema { queryType { name } } }')).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
  });
});
