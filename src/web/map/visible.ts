import type { MapAnalytics, MapEdge, MapNode, SuggestedEdge } from './api.js';
import type { ViewState } from './view-state.js';

// Which actors and links a view shows: the same answer for the map, the table and the exports.

export interface MapData {
  nodes: MapNode[];
  edges: MapEdge[];
  analytics: MapAnalytics | null;
  /** Suggested connections, when they are switched on (and the caller may see them). */
  suggested?: SuggestedEdge[];
}

export interface Visible {
  nodes: MapNode[];
  edges: MapEdge[];
  degree: Map<string, number>;
  betweenness: Map<string, number>;
  gaps: Set<string>;
  isolated: Set<string>;
  brokers: Set<string>;
  /** Suggested connections between actors the view shows. */
  suggested: SuggestedEdge[];
}

export function visibleData(data: MapData, state: ViewState): Visible {
  const onTopic = state.topic ? workingOn(state.topic, data.edges) : null;
  let nodes = data.nodes.filter(
    (n) => (n.type === 'District' || state.kinds.includes(n.type)) && (!onTopic || onTopic.has(n.id)),
  );
  let ids = new Set(nodes.map((n) => n.id));
  let edges = data.edges.filter(
    (e) =>
      state.edgeTypes.includes(e.type) &&
      ids.has(e.source) &&
      ids.has(e.target) &&
      activeWithin(e, state.from, state.to),
  );
  if (state.from || state.to) {
    // In a time window, the map shows who collaborated then.
    const active = new Set(edges.flatMap((e) => [e.source, e.target]));
    nodes = nodes.filter((n) => active.has(n.id));
    ids = active;
  }
  if (state.focus && ids.has(state.focus)) {
    const keep = neighbourhood(state.focus, edges, state.hops);
    nodes = nodes.filter((n) => keep.has(n.id));
    ids = keep;
    edges = edges.filter((e) => keep.has(e.source) && keep.has(e.target));
  }
  const degree = new Map<string, number>();
  for (const e of edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const analytics = data.analytics;
  return {
    nodes,
    edges,
    degree,
    betweenness: new Map(analytics?.centrality.map((c) => [c.id, c.betweenness]) ?? []),
    gaps: new Set(analytics?.uncoveredMunicipalities ?? []),
    isolated: new Set(analytics?.isolatedAlliances ?? []),
    brokers: new Set(analytics?.brokers.map((b) => b.id) ?? []),
    suggested: state.highlights.suggested
      ? (data.suggested ?? []).filter((s) => ids.has(s.source) && ids.has(s.target))
      : [],
  };
}

/** The topic and the actors linked to it (experts, alliances working on it). */
function workingOn(topic: string, edges: MapEdge[]): Set<string> {
  const ids = new Set([topic]);
  for (const e of edges) {
    if (e.source === topic) ids.add(e.target);
    if (e.target === topic) ids.add(e.source);
  }
  return ids;
}

/** Whether a collaboration's known dates touch the window; without a window, every link. */
function activeWithin(edge: Pick<MapEdge, 'since' | 'lastActive'>, from: string | null, to: string | null): boolean {
  if (!from && !to) return true;
  const first = edge.since ?? edge.lastActive;
  const last = edge.lastActive ?? edge.since;
  if (!first || !last) return false;
  return (!to || first <= to) && (!from || last >= from);
}

function neighbourhood(start: string, edges: MapEdge[], hops: number): Set<string> {
  const adjacent = new Map<string, string[]>();
  for (const e of edges) {
    adjacent.set(e.source, [...(adjacent.get(e.source) ?? []), e.target]);
    adjacent.set(e.target, [...(adjacent.get(e.target) ?? []), e.source]);
  }
  const seen = new Set([start]);
  let frontier = [start];
  for (let hop = 0; hop < hops; hop++) {
    frontier = frontier.flatMap((id) => adjacent.get(id) ?? []).filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  return seen;
}
