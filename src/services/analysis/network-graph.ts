import { UndirectedGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/unweighted.js';
import { districtId } from '../../domain/ids.js';
import type { EntityKind, Role } from '../../domain/model.js';
import type { NetworkLifecycleStore, NetworkSnapshot, NetworkStore } from '../../domain/ports/graph-store.port.js';
import { snapshotOn } from '../../domain/revisions.js';
import type { NetworkEvents } from '../reads/network-events.js';

// The collaboration graph: every actor a node, every explicit link, role and membership an
// edge. Built in memory from one store snapshot and kept until the network changes, so map and
// analytics requests cost no database round trip once it is warm.

export type EdgeType =
  | 'SERVES'
  | 'ACTIVE_IN'
  | 'EXPERT_IN'
  | 'ABOUT'
  | 'COOPERATES_WITH'
  | 'ROLE'
  | 'MEMBER_OF'
  | 'WORKS_AT'
  | 'PART_OF'
  | 'LOCATED_IN'
  | 'MET'
  | 'ROUTED_REQUEST'
  | 'CROSS_DISTRICT';

export interface NodeAttributes {
  kind: EntityKind;
  name: string;
  /** The district a node belongs to; for people, the districts of their roles. */
  districts: string[];
  roles: Role[];
  population: number | null;
}

export interface EdgeAttributes {
  types: EdgeType[];
  weight: number;
  /** The collaboration's first known date and its last (today for a running link), YYYY-MM-DD. */
  since: string | null;
  lastActive: string | null;
}

export type CollaborationGraph = UndirectedGraph<NodeAttributes, EdgeAttributes>;

export interface NetworkNode {
  id: string;
  kind: EntityKind;
  name: string;
  districtAgs: string | null;
  roles: Role[];
  /** For aggregated views: how many actors the node stands for. */
  size: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  type: EdgeType;
  weight: number;
  since: string | null;
  lastActive: string | null;
}

export interface NetworkView {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface NetworkQuery {
  districtAgs: string | null;
  /** Hops beyond the district's own actors (0: only them). */
  depth: number;
  kinds: EntityKind[] | null;
  /** Districts as nodes, collaboration between them as weighted edges. */
  aggregate: boolean;
  /** Also the topics the selected actors work on (so a map can filter by topic). */
  withTopics?: boolean;
  /** YYYY-MM-DD: the network as it stood that day; absent for now. */
  at?: string | null;
  /** Also what has ended, with its real dates (for a period filter); ignored with `at`. */
  withEnded?: boolean;
}

const NON_ACTORS: readonly EntityKind[] = ['Topic', 'FundingProgram'];

interface Graphs {
  full: CollaborationGraph;
  actors: CollaborationGraph;
  snapshot: NetworkSnapshot;
}

const PAST_GRAPHS_KEPT = 4;
/** The key of the graph with everything that ever held, each link with its real dates. */
const EVERYTHING = 'everything';

function graphsOf(snapshot: NetworkSnapshot, now: Date): Graphs {
  const full = buildGraph(snapshot, now);
  const actors = full.copy();
  actors.forEachNode((id, attrs) => {
    if (NON_ACTORS.includes(attrs.kind)) actors.dropNode(id);
  });
  return { full, actors, snapshot };
}

export class NetworkGraph {
  private cached: Promise<Graphs> | null = null;
  /** Graphs of past days asked for, dropped with the present one on every change. */
  private readonly past = new Map<string, Promise<Graphs>>();
  private districtIndex: { graph: CollaborationGraph; index: Map<string, string[]> } | null = null;

  constructor(
    private readonly store: NetworkStore & NetworkLifecycleStore,
    events?: NetworkEvents,
    private readonly now: () => Date = () => new Date(),
  ) {
    events?.subscribe(() => {
      this.cached = null;
      this.past.clear();
    });
  }

  /** The whole graph, topics and funding programmes included (as it stood on `at`, if given). */
  async graph(at: string | null = null): Promise<CollaborationGraph> {
    return (await this.graphs(at)).full;
  }

  /** Actors only: the graph paths and analytics run on, so a shared topic is no collaboration. */
  async actorGraph(at: string | null = null): Promise<CollaborationGraph> {
    return (await this.graphs(at)).actors;
  }

  /** The snapshot the graph was built from: current roles and links, requests and meetings. */
  async snapshot(): Promise<NetworkSnapshot> {
    return (await this.graphs()).snapshot;
  }

  private graphs(at: string | null = null): Promise<Graphs> {
    if (at) {
      let found = this.past.get(at);
      if (!found) {
        if (this.past.size >= PAST_GRAPHS_KEPT) this.past.delete(this.past.keys().next().value!);
        found = this.store
          .historySnapshot()
          .then((all) =>
            at === EVERYTHING ? graphsOf(all, this.now()) : graphsOf(snapshotOn(all, at), new Date(`${at}T12:00:00Z`)),
          );
        found.catch(() => this.past.delete(at));
        this.past.set(at, found);
      }
      return found;
    }
    this.cached ??= this.store.networkSnapshot().then(
      (snapshot) => graphsOf(snapshot, this.now()),
      (error: unknown) => {
        this.cached = null;
        throw error;
      },
    );
    return this.cached;
  }

  /** Node ids by district, built once per graph. */
  private async byDistrict(): Promise<Map<string, string[]>> {
    const graph = await this.graph();
    if (this.districtIndex?.graph !== graph) {
      const index = new Map<string, string[]>();
      graph.forEachNode((id, attrs) => {
        for (const ags of attrs.districts) index.set(ags, [...(index.get(ags) ?? []), id]);
      });
      this.districtIndex = { graph, index };
    }
    return this.districtIndex.index;
  }

  async view(query: NetworkQuery): Promise<NetworkView> {
    const graph = query.at
      ? await this.graph(query.at)
      : query.withEnded
        ? (await this.graphs(EVERYTHING)).full
        : await this.graph();
    if (query.aggregate) return aggregateByDistrict(graph, query.districtAgs);
    const inDistrict = !query.districtAgs
      ? null
      : query.at || query.withEnded
        ? graph.filterNodes((_id, attrs) => attrs.districts.includes(query.districtAgs!))
        : ((await this.byDistrict()).get(query.districtAgs) ?? []);
    const selected = selectNodes(graph, inDistrict, query.depth, query.kinds);
    if (query.withTopics && (!query.kinds || query.kinds.includes('Topic'))) {
      for (const id of [...selected])
        graph.forEachNeighbor(id, (neighbour, attrs) => void (attrs.kind === 'Topic' && selected.add(neighbour)));
    }
    const nodes = [...selected].map((id) => toNode(id, graph.getNodeAttributes(id)));
    const edges: NetworkEdge[] = [];
    // Only the edges at selected nodes: a district's view never walks the whole country's graph.
    for (const id of selected) {
      graph.forEachEdge(id, (_edge, attrs, source, target) => {
        const other = source === id ? target : source;
        if (selected.has(other) && id === source)
          edges.push({
            source,
            target,
            type: attrs.types[0]!,
            weight: attrs.weight,
            since: attrs.since,
            lastActive: attrs.lastActive,
          });
      });
    }
    return { nodes, edges };
  }

  /** The shortest chain of collaboration between two actors, or null when none connects them. */
  async path(fromId: string, toId: string, at: string | null = null): Promise<string[] | null> {
    const graph = await this.actorGraph(at);
    if (!graph.hasNode(fromId) || !graph.hasNode(toId)) return null;
    return bidirectional(graph, fromId, toId);
  }
}

function buildGraph(snapshot: NetworkSnapshot, now: Date): CollaborationGraph {
  const graph: CollaborationGraph = new UndirectedGraph({ allowSelfLoops: false });
  for (const e of snapshot.entities) {
    graph.addNode(e.id, {
      kind: e.kind,
      name: e.name,
      districts: e.districtAgs ? [e.districtAgs] : [],
      roles: [],
      population: e.population,
    });
  }
  const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
  const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);
  /** `at` dates an event (a meeting, a routed request); `until` ends it later (a link runs until today). */
  const connect = (a: string, b: string, type: EdgeType, at: string | null = null, until: string | null = at) => {
    if (a === b || !graph.hasNode(a) || !graph.hasNode(b)) return;
    const day = at?.slice(0, 10) ?? null;
    const lastDay = until?.slice(0, 10) ?? null;
    const existing = graph.edge(a, b);
    if (existing) {
      graph.updateEdgeAttributes(existing, (attrs) => ({
        types: attrs.types.includes(type) ? attrs.types : [...attrs.types, type],
        weight: attrs.weight + 1,
        since: earlier(attrs.since, day),
        lastActive: later(attrs.lastActive, lastDay),
      }));
    } else {
      graph.addEdge(a, b, { types: [type], weight: 1, since: day, lastActive: lastDay });
    }
  };
  for (const e of snapshot.entities) {
    if (e.kind === 'Municipality' && e.districtAgs) connect(e.id, districtId(e.districtAgs), 'PART_OF');
    if (e.kind === 'Institution') connect(e.id, e.municipalityId ?? districtId(e.districtAgs!), 'LOCATED_IN');
    for (const topic of e.topicIds) connect(e.id, topic, 'ABOUT');
  }
  for (const r of snapshot.roles) {
    if (!graph.hasNode(r.personId)) continue;
    graph.updateNodeAttribute(r.personId, 'roles', (roles) => [...(roles ?? []), r.role]);
    if (!r.scopeId || !graph.hasNode(r.scopeId)) continue;
    const scopeDistricts = graph.getNodeAttribute(r.scopeId, 'districts');
    graph.updateNodeAttribute(r.personId, 'districts', (d) => [...new Set([...(d ?? []), ...scopeDistricts])]);
    connect(
      r.personId,
      r.scopeId,
      r.role === 'VOLUNTEER' ? 'MEMBER_OF' : r.role === 'INSTITUTION_CONTACT' ? 'WORKS_AT' : 'ROLE',
    );
  }
  // A link with a start date is a collaboration still going on: active from then until today,
  // or until the day before it ended.
  const today = now.toISOString();
  const dayBefore = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  for (const l of snapshot.links)
    connect(l.fromId, l.toId, l.type, l.since, l.until ? dayBefore(l.until) : l.since ? today : null);
  // Each meeting held strengthens the links between the municipalities that met.
  for (const m of snapshot.meetings) {
    if (m.state !== 'SCHEDULED' || Date.parse(m.startsAt) > now.getTime()) continue;
    m.municipalityIds.forEach((a, i) =>
      m.municipalityIds.slice(i + 1).forEach((b) => connect(a, b, 'MET', m.startsAt)),
    );
  }
  // Each hop of a routed request strengthens the link between the two people it passed between.
  for (const r of snapshot.requests)
    for (const hop of r.hops) if (hop.fromId && hop.toId) connect(hop.fromId, hop.toId, 'ROUTED_REQUEST', hop.at);
  return graph;
}

/** The district's own nodes (or, for null, every actor), plus neighbours up to `depth` hops. */
function selectNodes(
  graph: CollaborationGraph,
  districtNodes: string[] | null,
  depth: number,
  kinds: EntityKind[] | null,
): Set<string> {
  const allowed = (id: string) => !kinds || kinds.includes(graph.getNodeAttribute(id, 'kind'));
  let frontier =
    districtNodes ?? graph.filterNodes((_id, attrs) => attrs.kind !== 'Topic' && attrs.kind !== 'FundingProgram');
  const selected = new Set(frontier.filter(allowed));
  for (let hop = 0; hop < depth; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      // A shared topic is no collaboration: topics and programmes end a path, never extend it
      // (through one, two hops would reach every actor in the country working on it).
      if (NON_ACTORS.includes(graph.getNodeAttribute(id, 'kind'))) continue;
      graph.forEachNeighbor(id, (neighbour) => {
        if (!selected.has(neighbour) && allowed(neighbour)) {
          selected.add(neighbour);
          next.push(neighbour);
        }
      });
    }
    frontier = next;
  }
  return selected;
}

function aggregateByDistrict(graph: CollaborationGraph, onlyDistrict: string | null): NetworkView {
  const sizes = new Map<string, number>();
  const weights = new Map<string, { weight: number; since: string | null; lastActive: string | null }>();
  const home = (id: string) => graph.getNodeAttribute(id, 'districts')[0] ?? null;
  graph.forEachNode((id) => {
    const ags = home(id);
    if (ags) sizes.set(ags, (sizes.get(ags) ?? 0) + 1);
  });
  graph.forEachEdge((_edge, attrs, source, target) => {
    const a = home(source);
    const b = home(target);
    if (!a || !b || a === b) return;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    const known = weights.get(key);
    weights.set(key, {
      weight: (known?.weight ?? 0) + attrs.weight,
      since: [known?.since ?? null, attrs.since].filter((d) => d !== null).sort()[0] ?? null,
      lastActive:
        [known?.lastActive ?? null, attrs.lastActive]
          .filter((d) => d !== null)
          .sort()
          .pop() ?? null,
    });
  });
  const nodes: NetworkNode[] = [...sizes].map(([ags, size]) => {
    const id = districtId(ags);
    const attrs = graph.hasNode(id) ? graph.getNodeAttributes(id) : null;
    return { id, kind: 'District', name: attrs?.name ?? ags, districtAgs: ags, roles: [], size };
  });
  const edges: NetworkEdge[] = [...weights].map(([key, collaboration]) => {
    const [a, b] = key.split('|') as [string, string];
    return { source: districtId(a), target: districtId(b), type: 'CROSS_DISTRICT', ...collaboration };
  });
  if (!onlyDistrict) return { nodes, edges };
  const keep = new Set([
    districtId(onlyDistrict),
    ...edges
      .filter((e) => e.source === districtId(onlyDistrict) || e.target === districtId(onlyDistrict))
      .flatMap((e) => [e.source, e.target]),
  ]);
  return {
    nodes: nodes.filter((n) => keep.has(n.id)),
    edges: edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}

function toNode(id: string, attrs: NodeAttributes): NetworkNode {
  return {
    id,
    kind: attrs.kind,
    name: attrs.name,
    districtAgs: attrs.districts[0] ?? null,
    roles: attrs.roles,
    size: 1,
  };
}
