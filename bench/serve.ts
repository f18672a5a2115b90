import { createServer } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import { Neo4jStore } from '../graph/neo4j/neo4j-store.js';
import { createServices } from '../src/services/hub-services.js';
import { createHubServer } from '../src/server/http.js';
import { createHubYoga } from '../src/server/yoga.js';
import { QUERIES, type QueryParams } from './queries.js';
import { REFERENCE_TYPE_DEFS } from './reference-schema.js';
import { RAW_WRITES } from './write-mix.js';

// One server of the side-by-side benchmark, in a process of its own so the load generator does
// not share its CPU: `serve.ts hub|reference|raw PORT NEO4J_URI`, or `serve.ts hub-embedded PORT
// STORE_DIR` for the hub on the embedded store. Prints "ready" when it listens.

const [kind, portText, uri] = process.argv.slice(2) as ['hub' | 'hub-embedded' | 'reference' | 'raw', string, string];
const port = Number(portText);

async function hub(embedded = false) {
  const store = embedded ? EmbeddedStore.open(uri) : await Neo4jStore.connect({ uri });
  const services = createServices(store, { rules: { kikLimitPerLandkreis: 10 } });
  await services.network.graph();
  // The benchmark measures the query path, so the per-client rate limit is out of the way.
  return createHubServer(createHubYoga(services, { graphiql: false, rateLimitPerMinute: 1_000_000_000 }), {
    maxBodyBytes: 100_000,
  });
}

async function reference() {
  const driver = neo4j.driver(uri);
  const schema = await new Neo4jGraphQL({ typeDefs: REFERENCE_TYPE_DEFS, driver }).getSchema();
  const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', logging: false, landingPage: false });
  return createServer(yoga);
}

async function raw() {
  const driver = neo4j.driver(uri);
  const params = JSON.parse(process.env.BENCH_PARAMS ?? '{}') as QueryParams;
  const byName = new Map<string, { cypher: string; mutation?: boolean }>([
    ...QUERIES.map((q) => [q.name, q] as const),
    ...Object.entries(RAW_WRITES).map(([name, cypher]) => [name, { cypher, mutation: true }] as const),
  ]);
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      const { operationName, variables } = JSON.parse(body) as {
        operationName: string;
        variables?: Record<string, unknown>;
      };
      const query = byName.get(operationName)!;
      const session = driver.session({ defaultAccessMode: query.mutation ? neo4j.session.WRITE : neo4j.session.READ });
      const values = { ...params, ...variables };
      const run = query.mutation
        ? session.executeWrite((tx) => tx.run(query.cypher, values))
        : session.executeRead((tx) => tx.run(query.cypher, values));
      run
        .then((result) =>
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ data: result.records[0]?.get('data') ?? null })),
        )
        .catch((error: Error) => res.writeHead(500).end(JSON.stringify({ errors: [{ message: error.message }] })))
        .finally(() => void session.close());
    });
  });
}

const servers = { hub: () => hub(), 'hub-embedded': () => hub(true), reference, raw };
const server = await servers[kind]();
server.listen(port, '127.0.0.1', () => console.log('ready'));
