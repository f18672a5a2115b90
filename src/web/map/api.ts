import type { EdgeType, Kind } from './palette.js';

// The page speaks only GraphQL, like every other interface of the hub.

const TOKEN_KEY = 'hub-token';

export interface MapNode {
  id: string;
  label: string;
  type: Kind;
  districtAgs: string | null;
  size: number;
  x: number | null;
  y: number | null;
  /** When it began and ended (YYYY-MM-DD), where known; until only in a chosen period, for what has ended. */
  since: string | null;
  until: string | null;
}

export interface MapEdge {
  source: string;
  target: string;
  type: EdgeType;
  weight: number;
  /** Earliest and latest known dates of the collaboration (YYYY-MM-DD). */
  since: string | null;
  lastActive: string | null;
  /** The day it ended; null while it holds. */
  until: string | null;
}

export interface MapAnalytics {
  centrality: { id: string; degree: number; betweenness: number }[];
  brokers: { id: string }[];
  isolatedAlliances: string[];
  uncoveredMunicipalities: string[];
}

export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

export function authHeaders(): Record<string, string> {
  const token = session.token();
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  const error = body.errors?.[0];
  if (error) throw new GraphqlError(error.message, error.extensions?.code ?? null);
  return body.data as T;
}

export async function whoAmI(): Promise<{ signedIn: boolean }> {
  if (!session.token()) return { signedIn: false };
  try {
    await gql<{ myRequests: unknown[] }>('{ myRequests { id } }');
    return { signedIn: true };
  } catch {
    return { signedIn: false };
  }
}

export async function loadDistricts(): Promise<{ ags: string; name: string }[]> {
  return (await gql<{ districts: { ags: string; name: string }[] }>('{ districts { ags name } }')).districts;
}

/** With `withEnded` (a period is chosen) also the collaborations that have ended, with their real dates. */
export async function loadNetwork(
  districtAgs: string | null,
  aggregate: boolean,
  withEnded = false,
): Promise<{ nodes: MapNode[]; edges: MapEdge[] }> {
  const query = `query Map($districtAgs: String, $aggregate: Boolean, $withEnded: Boolean) {
    network(districtAgs: $districtAgs, aggregate: $aggregate, layout: true, withTopics: true, withEnded: $withEnded) {
      nodes { id label type districtAgs size x y since until }
      edges { source target type weight since lastActive until }
    }
  }`;
  return (await gql<{ network: { nodes: MapNode[]; edges: MapEdge[] } }>(query, { districtAgs, aggregate, withEnded }))
    .network;
}

export async function loadAnalytics(districtAgs: string | null): Promise<MapAnalytics> {
  const query = `query Highlights($districtAgs: String) {
    analytics(districtAgs: $districtAgs) { centrality { id degree betweenness } brokers { id } isolatedAlliances uncoveredMunicipalities }
  }`;
  return (await gql<{ analytics: MapAnalytics }>(query, { districtAgs })).analytics;
}

export async function findPath(from: string, to: string): Promise<string[]> {
  return (
    await gql<{ path: { id: string }[] }>('query P($from: ID!, $to: ID!) { path(from: $from, to: $to) { id } }', {
      from,
      to,
    })
  ).path.map((n) => n.id);
}

export async function searchActors(text: string): Promise<{ id: string; name: string; type: Kind }[]> {
  const query = `query S($text: String!) { search(text: $text, limit: 10) { __typename
    ... on Person { id name } ... on Municipality { id name } ... on District { id name } ... on Alliance { id name }
    ... on Institution { id name } ... on Topic { id name } ... on FundingProgram { id name } ... on Project { id name } } }`;
  const found = (await gql<{ search: { __typename: Kind; id: string; name: string }[] }>(query, { text })).search;
  return found.map((r) => ({ id: r.id, name: r.name, type: r.__typename }));
}

export interface ActorDetails {
  __typename: Kind;
  id: string;
  name: string;
  channels?: { channel: string; value: string }[];
  roles?: { role: string; scopeId: string | null }[];
  district?: { name: string } | null;
  type?: string;
  population?: number | null;
  status?: string;
  aims?: string;
}

export async function loadDetails(id: string): Promise<ActorDetails | null> {
  const query = `query D($id: ID!) { node(id: $id) { __typename id
    ... on Person { name channels { channel value } roles { role scopeId } }
    ... on Municipality { name district { name } }
    ... on District { name }
    ... on Alliance { name district { name } }
    ... on Institution { name type district { name } }
    ... on Topic { name }
    ... on FundingProgram { name }
    ... on Project { name status aims district { name } }
  } }`;
  return (await gql<{ node: ActorDetails | null }>(query, { id })).node;
}
