import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { saxonyDemo } from '../../graph/data/saxony-demo.js';
import { seedDemoKnowledge } from '../../graph/data/knowledge-demo.js';
import { seedDemoFunding } from '../../graph/data/funding-demo.js';
import { seedDemoAdvice } from '../../graph/data/advice-demo.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import type { AccessRole } from '../../src/services/access/domain/access.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { createServices, type HubServices, type ServiceOptions } from '../../src/services/hub-services.js';
import { createHubYoga, type HubYoga } from '../../src/server/yoga.js';

// A hub over a store with the demo network, queried through yoga.fetch (no socket).

export interface TestHub {
  yoga: HubYoga;
  store: GraphStore;
  services: HubServices;
  /** A bearer token for a demo person with the given access. */
  token(
    access: AccessRole,
    personId?: string,
    options?: { districtAgs?: string; personalData?: boolean },
  ): Promise<string>;
}

export async function demoHub(
  store: GraphStore = EmbeddedStore.inMemory(),
  options: Omit<ServiceOptions, 'rules'> = {},
): Promise<TestHub> {
  const services = createServices(store, { rules: { kikLimitPerLandkreis: 10 }, ...options });
  if ((await store.listDistricts()).length === 0) {
    await services.writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
    await seedDemoKnowledge(services.knowledge);
    await seedDemoFunding(services.funding);
    await seedDemoAdvice(services.advice);
  }
  return {
    yoga: createHubYoga(services, { graphiql: false }),
    store,
    services,
    async token(access, personId = 'person:demo-14627-koordinationskraft', options = {}) {
      const { secret } = await services.access.create(
        { personId, access, label: `test ${access}`, ...options },
        SYSTEM,
      );
      return secret;
    },
  };
}

export interface GraphQLAnswer {
  data?: Record<string, any>;
  errors?: { message: string; extensions?: { code?: string; suggestions?: string[] } }[];
  extensions?: { notices?: { code: string; field: string; computedAt: string; message: string }[] };
}

export async function gql(
  yoga: HubYoga,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer> {
  const response = await yoga.fetch('http://hub.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
