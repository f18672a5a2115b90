import { randomUUID } from 'node:crypto';

// The benchmark's mix of network writes (add a person, update a town, link the person to a town,
// end that link), spoken in each server's language: the hub's GraphQL, the Neo4j GraphQL
// Library's generated mutations, and raw Cypher by operation name. A writer keeps its own people
// and links, so several run side by side without touching each other's records.

export interface WriteRequest {
  body: string;
  /** The id the answer names, or throws when the server refused or failed. */
  read(json: unknown): string | null;
}

export interface WriteDialect {
  addPerson(name: string): WriteRequest;
  updateTown(townId: string, population: number): WriteRequest;
  addLink(personId: string, townId: string): WriteRequest;
  endLink(personId: string, linkId: string): WriteRequest;
}

type Json = { data?: Record<string, unknown> | null; errors?: { message: string }[] };

function answer(json: unknown): Record<string, unknown> {
  const { data, errors } = json as Json;
  if (errors?.length || !data) throw new Error(`A write failed: ${errors?.[0]?.message ?? 'no data'}`);
  return data;
}

const graphql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

// Both GraphQL servers get the same few query texts with variables, as real clients send them,
// so a server's query cache works as it would in use.
export const hubDialect: WriteDialect = (() => {
  type Outcome = { __typename: string; message?: string; data?: { id: string } };
  const request = (
    signature: string,
    mutation: string,
    success: string | null,
    variables: Record<string, unknown>,
  ): WriteRequest => ({
    body: graphql(
      `mutation(${signature}) { result: ${mutation} { __typename ${success ? `... on ${success} { data { id } }` : ''} ... on HubError { message } } }`,
      variables,
    ),
    read(json) {
      const outcome = answer(json).result as Outcome;
      if (outcome.__typename === 'HubError') throw new Error(`A write was refused: ${outcome.message}`);
      return outcome.data?.id ?? null;
    },
  });
  return {
    addPerson: (name) =>
      request('$name: String!', 'addPerson(input: { name: $name })', 'MutationAddPersonSuccess', { name }),
    updateTown: (id, population) =>
      request('$id: ID!, $population: Int!', 'updateMunicipality(id: $id, input: { population: $population })', null, {
        id,
        population,
      }),
    addLink: (fromId, toId) =>
      request(
        '$fromId: ID!, $toId: ID!',
        'addLink(input: { type: COOPERATES_WITH, fromId: $fromId, toId: $toId, since: "2026-01-01" })',
        'MutationAddLinkSuccess',
        { fromId, toId },
      ),
    endLink: (_personId, linkId) => request('$linkId: ID!', 'endLink(input: { linkId: $linkId })', null, { linkId }),
  };
})();

export const referenceDialect: WriteDialect = {
  addPerson: (name) => ({
    body: graphql('mutation($name: String!) { createPeople(input: [{ name: $name }]) { people { id } } }', { name }),
    read: (json) => (answer(json).createPeople as { people: { id: string }[] }).people[0]?.id ?? null,
  }),
  updateTown: (id, population) => ({
    body: graphql(
      'mutation($id: ID!, $population: Int!) { updateMunicipalities(where: { id: { eq: $id } }, update: { population: { set: $population } }) { municipalities { id } } }',
      { id, population },
    ),
    read: (json) => (answer(json), id),
  }),
  addLink: (personId, townId) => {
    const linkId = `link:${randomUUID()}`;
    return {
      body: graphql(
        'mutation($personId: ID!, $townId: ID!, $linkId: ID!) { updatePeople(where: { id: { eq: $personId } }, update: { cooperatesWith: [{ connect: [{ where: { node: { id: { eq: $townId } } }, edge: { id: $linkId, since: "2026-01-01" } }] }] }) { people { id } } }',
        { personId, townId, linkId },
      ),
      read: (json) => (answer(json), linkId),
    };
  },
  endLink: (personId, linkId) => ({
    body: graphql(
      'mutation($personId: ID!, $linkId: ID!) { updatePeople(where: { id: { eq: $personId } }, update: { cooperatesWith: [{ update: { where: { edge: { id: { eq: $linkId } } }, edge: { until: { set: "2026-12-31" } } } }] }) { people { id } } }',
      { personId, linkId },
    ),
    read: (json) => (answer(json), linkId),
  }),
};

/** The raw server's statements for the mix, by operation name (bench/serve.ts runs them). */
export const RAW_WRITES: Record<string, string> = {
  'write: add person': `CREATE (p:Entity:Person {id: 'person:' + randomUUID(), name: $name, nameKey: toLower($name), kind: 'Person', languages: [], channelsJson: '[]', demo: false})
    RETURN {id: p.id} AS data`,
  // By :Entity, whose id has the unique index (by :Municipality it was a scan of every town).
  'write: update town': 'MATCH (m:Entity {id: $id}) SET m.population = $population RETURN {id: m.id} AS data',
  'write: add link': `MATCH (a:Entity {id: $fromId}) MATCH (b:Entity {id: $toId})
    CREATE (a)-[l:COOPERATES_WITH {id: 'link:' + randomUUID(), since: '2026-01-01'}]->(b) RETURN {id: l.id} AS data`,
  'write: end link': `MATCH ()-[l:COOPERATES_WITH]->() WHERE l.id = $id SET l.until = '2026-12-31' RETURN {id: l.id} AS data`,
};

export const rawDialect: WriteDialect = (() => {
  const request = (operationName: string, variables: Record<string, unknown>): WriteRequest => ({
    body: JSON.stringify({ operationName, variables }),
    read: (json) => (answer(json) as { id?: string }).id ?? null,
  });
  return {
    addPerson: (name) => request('write: add person', { name }),
    updateTown: (id, population) => request('write: update town', { id, population }),
    addLink: (fromId, toId) => request('write: add link', { fromId, toId }),
    endLink: (_personId, id) => request('write: end link', { id }),
  };
})();

/** One writer of the mix: each write() is the next step; each step's latency is kept. */
export class MixWriter {
  count = 0;
  readonly latenciesMs: number[] = [];
  private readonly people: string[] = [];
  private readonly links: { personId: string; linkId: string }[] = [];

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
    private readonly towns: readonly string[],
    private readonly dialect: WriteDialect,
    private readonly tag = 'Last',
  ) {}

  async write(): Promise<void> {
    const i = this.count++;
    const town = this.towns[i % this.towns.length]!;
    switch (i % 4) {
      case 0:
        this.people.push((await this.send(this.dialect.addPerson(`${this.tag} ${i}`)))!);
        return;
      case 1:
        await this.send(this.dialect.updateTown(town, 10_000 + i));
        return;
      case 2: {
        const personId = this.people.at(-1)!;
        this.links.push({ personId, linkId: (await this.send(this.dialect.addLink(personId, town)))! });
        return;
      }
      default: {
        const { personId, linkId } = this.links.shift()!;
        await this.send(this.dialect.endLink(personId, linkId));
      }
    }
  }

  private async send(request: WriteRequest): Promise<string | null> {
    const started = performance.now();
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers },
      body: request.body,
    });
    const json: unknown = await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }));
    const id = request.read(json);
    this.latenciesMs.push(performance.now() - started);
    return id;
  }
}
