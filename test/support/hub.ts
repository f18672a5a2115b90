import { SYSTEM } from '../../src/domain/authorization.js';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { saxonyDemo } from '../../graph/data/saxony-demo.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { NetworkWriter } from '../../src/services/network-writer.js';
import { createHubYoga, type HubYoga } from '../../src/server/yoga.js';

// A hub over an in-memory embedded store with the demo network, queried through yoga.fetch.

export async function demoHub(store: GraphStore = EmbeddedStore.inMemory()): Promise<{ yoga: HubYoga; store: GraphStore; writer: NetworkWriter }> {
  const writer = new NetworkWriter(store, { kikLimitPerLandkreis: 10 });
  if ((await store.listDistricts()).length === 0) await writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
  return { yoga: createHubYoga({ store, writer }, { graphiql: false }), store, writer };
}

export interface GraphQLAnswer {
  data?: Record<string, any>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gql(yoga: HubYoga, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
  const response = await yoga.fetch('http://hub.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer;
}
