import {
  DetailsOperation,
  DistrictsOperation,
  HighlightsOperation,
  MapOperation,
  PathOperation,
  SearchOperation,
  SuggestionsOperation,
  WhoAmIOperation,
  type DetailsResult,
  type DetailsVariables,
  type DistrictsResult,
  type HighlightsResult,
  type HighlightsVariables,
  type MapResult,
  type MapVariables,
  type PathResult,
  type PathVariables,
  type SearchResult,
  type SearchVariables,
  type SuggestionsResult,
  type SuggestionsVariables,
  type WhoAmIResult,
} from './operations.generated.js';
import type { Kind } from './palette.js';

// The page speaks only GraphQL, like every other interface of the hub. Its operations live in
// operations.graphql; their answer types are generated from the schema (npm run schema:print).

const TOKEN_KEY = 'hub-token';

type Network = MapResult['network'];
export type MapNode = Network['nodes'][number];
export type MapEdge = Network['edges'][number];
export type MapAnalytics = HighlightsResult['analytics'];
export type ActorDetails = NonNullable<DetailsResult['node']>;

/** A connection the hub suggests, as a line between two actors on the map (with the reason as its title). */
export interface SuggestedEdge {
  source: string;
  target: string;
  reason: string;
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

async function gql<T, V extends object = Record<string, never>>(
  query: string,
  variables?: V,
  language?: 'de' | 'en',
): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(language ? { 'accept-language': language } : {}),
      ...authHeaders(),
    },
    body: JSON.stringify({ query, variables: variables ?? {} }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  const error = body.errors?.[0];
  if (error) throw new GraphqlError(error.message, error.extensions?.code ?? null);
  return body.data as T;
}

export async function whoAmI(): Promise<{ signedIn: boolean }> {
  if (!session.token()) return { signedIn: false };
  try {
    await gql<WhoAmIResult>(WhoAmIOperation);
    return { signedIn: true };
  } catch {
    return { signedIn: false };
  }
}

export async function loadDistricts(): Promise<{ ags: string; name: string }[]> {
  return (await gql<DistrictsResult>(DistrictsOperation)).districts;
}

/** With `withEnded` (a period is chosen) also the collaborations that have ended, with their real dates. */
export async function loadNetwork(districtAgs: string | null, aggregate: boolean, withEnded = false): Promise<Network> {
  return (await gql<MapResult, MapVariables>(MapOperation, { districtAgs, aggregate, withEnded })).network;
}

export async function loadAnalytics(districtAgs: string | null): Promise<MapAnalytics> {
  return (await gql<HighlightsResult, HighlightsVariables>(HighlightsOperation, { districtAgs })).analytics;
}

/**
 * The district's suggestions as lines: two towns to meet, or an alliance or institution and the
 * coordinator to introduce it to. Only the district coordination may see them: for anyone else none.
 */
export async function loadSuggestedEdges(districtAgs: string): Promise<SuggestedEdge[]> {
  const { suggestions } = await gql<SuggestionsResult, SuggestionsVariables>(SuggestionsOperation, { districtAgs });
  return suggestions.edges.flatMap(({ node }) => {
    const ids = node.subjects.flatMap((s) => ('id' in s ? [s.id] : []));
    const ends = node.kind === 'EXCHANGE_MEETING' ? ids : [...ids, ...node.people.map((p) => p.id)];
    return ends.length >= 2 ? [{ source: ends[0]!, target: ends[1]!, reason: node.reason }] : [];
  });
}

export async function findPath(from: string, to: string): Promise<string[]> {
  return (await gql<PathResult, PathVariables>(PathOperation, { from, to })).path.map((n) => n.id);
}

export async function searchActors(text: string): Promise<{ id: string; name: string; type: Kind }[]> {
  const found = (await gql<SearchResult, SearchVariables>(SearchOperation, { text })).search;
  return found.map((r) => ({ id: r.id, name: r.name, type: r.__typename }));
}

/** The actor's details; role names come worded in the page's language. */
export async function loadDetails(id: string, language: 'de' | 'en'): Promise<ActorDetails | null> {
  return (await gql<DetailsResult, DetailsVariables>(DetailsOperation, { id }, language)).node;
}
