import { districtId } from '../../domain/ids.js';
import type { Entity, EntityKind, Role } from '../../domain/model.js';
import type {
  CurrentState,
  MeetingStore,
  NetworkLifecycleStore,
  NetworkSnapshot,
  NetworkStore,
  RequestStore,
} from '../../domain/ports/graph-store.port.js';
import { snapshotOn } from '../lifecycle/domain/revisions.js';
import type { NetworkEvents, TouchedRecords } from '../reads/network-events.js';
import {
  graphOf,
  NetworkFacts,
  type CollaborationGraph,
  type Dirty,
  type EdgeType,
  type NodeAttributes,
} from './graph-facts.js';

// The collaboration graph: every actor a node, every explicit link, role and membership an
// edge. Built in memory from one store snapshot and kept until the network changes, so map and
// analytics requests cost no database round trip once it is warm.

export type { CollaborationGraph } from './graph-facts.js';

export interface NetworkNode {
  id: string;
  kind: EntityKind;
  name: string;
  districtAgs: string | null;
  roles: Role[];
  /** For aggregated views: how many actors the node stands for. */
  size: number;
  /** When it began and ended (YYYY-MM-DD), where known; until null while it holds. */
  since?: string | null;
  until?: string | null;
}

export interface NetworkEdge {
  source: string;
  target: string;
  type: EdgeType;
  weight: number;
  since: string | null;
  lastActive: string | null;
  /** The day it ended, in views with what has ended; null while it holds. */
  until?: string | null;
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
const anyKind = () => true;

/** Whether a node is an actor: topics and funding programmes are shared subjects, no collaboration. */
export function isActor(kind: EntityKind): boolean {
  return !NON_ACTORS.includes(kind);
}

interface Graphs {
  full: CollaborationGraph;
  facts: NetworkFacts;
}

/** The present graphs, following every change, with node ids by district. */
interface Present extends Graphs {
  byDistrict: Map<string, Set<string>>;
  loadedAt: number;
}

const PAST_GRAPHS_KEPT = 4;
const VIEWS_KEPT = 64;
/** The key of the graph with everything that ever held, each link with its real dates. */
const EVERYTHING = 'everything';
/**
 * Meetings pass and links run on to a new today without any write: past this age the present
 * graph is read anew in the background (and served as it is until then).
 */
const RELOAD_AFTER_MS = 60 * 60 * 1000;
/** Changes remembered for asking which districts changed since a revision. */
const CHANGES_KEPT = 1000;

function graphsOf(snapshot: NetworkSnapshot, now: () => Date): Graphs {
  const facts = NetworkFacts.from(snapshot, now);
  return { facts, full: graphOf(facts, anyKind) };
}

function districtIndexOf(graph: CollaborationGraph): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  graph.forEachNode((id, attrs) => {
    for (const ags of attrs.districts) {
      let set = index.get(ags);
      if (!set) index.set(ags, (set = new Set()));
      set.add(id);
    }
  });
  return index;
}

export class NetworkGraph {
  private present: Promise<Present> | null = null;
  /** The present graphs last handed out, for answering synchronously about them. */
  private loaded: Present | null = null;
  private reloading = false;
  /** Patches from changes, one after the other, in the order the changes came. */
  private patches: Promise<void> = Promise.resolve();
  /** What changes touched that the next patch, not yet begun, will read. */
  private waiting: TouchedRecords | null = null;
  private readonly views = new Map<string, { revision: number; view: NetworkView }>();
  /** Graphs of past days asked for, dropped on every change. */
  private readonly past = new Map<string, Promise<Graphs>>();
  private revisionCounter = 0;
  /** The districts each recent revision changed (null: all of them). */
  private readonly changes: { revision: number; districts: Set<string> | null }[] = [];

  constructor(
    private readonly store: NetworkStore & { readonly lifecycle: NetworkLifecycleStore } & {
      readonly meetings: Pick<MeetingStore, 'meetingById'>;
    } & { readonly requests: Pick<RequestStore, 'requestById'> },
    events?: NetworkEvents,
    private readonly now: () => Date = () => new Date(),
  ) {
    events?.subscribe((change) => {
      this.past.clear();
      if (!change.touched) {
        this.present = null;
        this.changed(null);
        return;
      }
      const touched = change.touched;
      // A change that touched nothing of the network (a token revoked) leaves the graph as it is.
      if (!touched.entityIds.length && !touched.meetingIds?.length && !touched.requestIds?.length) return;
      // Changes that come while a patch waits join it: one read of their fresh state for all of
      // them (under 10 concurrent writers this halved what the read model asked of the store).
      if (this.waiting) {
        this.waiting.entityIds.push(...touched.entityIds);
        this.waiting.meetingIds!.push(...(touched.meetingIds ?? []));
        this.waiting.requestIds!.push(...(touched.requestIds ?? []));
        if (this.waiting.created && touched.created) this.waiting.created.push(...touched.created);
        else delete this.waiting.created;
        return;
      }
      const waiting: TouchedRecords = {
        entityIds: [...touched.entityIds],
        meetingIds: [...(touched.meetingIds ?? [])],
        requestIds: [...(touched.requestIds ?? [])],
        ...(touched.created ? { created: [...touched.created] } : {}),
      };
      this.waiting = waiting;
      this.patches = this.patches.then(() => {
        this.waiting = null;
        return this.patch(waiting).catch(() => {
          // What cannot be followed is read anew.
          this.present = null;
          this.changed(null);
        });
      });
    });
  }

  /** The whole graph, topics and funding programmes included (as it stood on `at`, if given). */
  async graph(at: string | null = null): Promise<CollaborationGraph> {
    return (await this.graphs(at)).full;
  }

  /** The nodes of a district in a graph this service gave out (for the present one, from its index). */
  nodesOf(graph: CollaborationGraph, districtAgs: string): string[] {
    if (this.loaded?.full === graph) return [...(this.loaded.byDistrict.get(districtAgs) ?? [])];
    return graph.filterNodes((_id, attrs) => attrs.districts.includes(districtAgs));
  }

  /** The facts the graph is made of now: current roles and links, requests and meetings. */
  async snapshot(): Promise<NetworkSnapshot> {
    return (await this.graphs()).facts.snapshot();
  }

  /** Counts the changes the present graph followed (and reloads); answers go stale when it moves. */
  revision(): number {
    return this.revisionCounter;
  }

  /**
   * Whether a change since `revision` touched the district (or, for null, anything). Answers
   * computed from the graph at `revision` still hold when it did not.
   */
  changedSince(revision: number, districtAgs: string | null): boolean {
    if (revision === this.revisionCounter) return false;
    const first = this.changes[0];
    if (!first || first.revision > revision + 1 || districtAgs === null) return true;
    return this.changes.some((c) => c.revision > revision && (c.districts === null || c.districts.has(districtAgs)));
  }

  private changed(districts: Set<string> | null): void {
    this.revisionCounter++;
    this.changes.push({ revision: this.revisionCounter, districts });
    if (this.changes.length > CHANGES_KEPT) this.changes.shift();
  }

  private async graphs(at: string | null = null): Promise<Graphs> {
    if (at) {
      let found = this.past.get(at);
      if (!found) {
        if (this.past.size >= PAST_GRAPHS_KEPT) this.past.delete(this.past.keys().next().value!);
        found = this.store.lifecycle.historySnapshot().then((all) => {
          if (at === EVERYTHING) return graphsOf(all, this.now);
          const day = new Date(`${at}T12:00:00Z`);
          return graphsOf(snapshotOn(all, at), () => day);
        });
        found.catch(() => this.past.delete(at));
        this.past.set(at, found);
      }
      return found;
    }
    await this.patches;
    const present = await this.current();
    this.loaded = present;
    const held = present.facts.meetingsHeld();
    if (held) this.redo(present, held);
    if (this.now().getTime() - present.loadedAt > RELOAD_AFTER_MS && !this.reloading) this.reloadInBackground(present);
    return present;
  }

  private current(): Promise<Present> {
    this.present ??= this.load().catch((error: unknown) => {
      this.present = null;
      throw error;
    });
    return this.present;
  }

  private async load(): Promise<Present> {
    const graphs = graphsOf(await this.store.networkSnapshot(), this.now);
    return { ...graphs, byDistrict: districtIndexOf(graphs.full), loadedAt: this.now().getTime() };
  }

  private reloadInBackground(stale: Present): void {
    this.reloading = true;
    const revision = this.revisionCounter;
    this.load()
      .then((fresh) => {
        // A change while reading: the patched graph is newer than what was read.
        if (this.revisionCounter !== revision) return;
        if (this.present) void this.present.then((p) => p === stale && this.replacePresent(fresh));
      })
      .catch(() => undefined)
      .finally(() => (this.reloading = false));
  }

  private replacePresent(fresh: Present): void {
    this.present = Promise.resolve(fresh);
    this.changed(null);
  }

  /** Reads the fresh state of what a change touched and redoes only that in the graphs. */
  private async patch(touched: TouchedRecords): Promise<void> {
    if (!this.present) return;
    const present = await this.present;
    const ids = [...new Set(touched.entityIds)];
    const meetingIds = [...new Set(touched.meetingIds ?? [])];
    const requestIds = [...new Set(touched.requestIds ?? [])];
    const [state, meetings, requests] = await Promise.all([
      wholeStateOfCreated(ids, touched.created) ??
        (ids.length ? this.store.currentState(ids) : { entities: [], roles: [], links: [] }),
      Promise.all(meetingIds.map((id) => this.store.meetings.meetingById(id))),
      Promise.all(requestIds.map((id) => this.store.requests.requestById(id))),
    ]);
    const dirty = present.facts.replace({
      entities: new Map(ids.map((id, i) => [id, state.entities[i] ?? null])),
      roles: state.roles,
      links: state.links,
      meetings: new Map(meetingIds.map((id, i) => [id, meetings[i] ?? null])),
      requests: new Map(requestIds.map((id, i) => [id, requests[i] ?? null])),
    });
    this.redo(present, dirty);
  }

  /** Redoes what changed in the graphs and the district index, and notes the districts it touched. */
  private redo(present: Present, dirty: Dirty): void {
    const districts = new Set<string>();
    // The districts of what changed and of its neighbours (an alliance is isolated in its district
    // when the KIK next door loses the role): answers about them are stale. A topic or funding
    // programme at the end of a changed link ends the path, as in the network view: through its
    // neighbours one town's change would reach every district working on the same topic. Only one
    // that changed itself passes the change on to its neighbours' districts.
    const note = (id: string) => {
      if (!present.full.hasNode(id)) return;
      const attrs = present.full.getNodeAttributes(id);
      for (const ags of attrs.districts) districts.add(ags);
      if (NON_ACTORS.includes(attrs.kind) && !dirty.nodes.has(id)) return;
      present.full.forEachNeighbor(id, (_n, neighbour) => neighbour.districts.forEach((ags) => districts.add(ags)));
    };
    const touched = new Set([...dirty.nodes, ...[...dirty.pairs].flatMap((pair) => pair.split('\u0000'))]);
    for (const id of touched) note(id);
    for (const id of dirty.nodes) {
      if (!present.full.hasNode(id)) continue;
      for (const ags of present.full.getNodeAttribute(id, 'districts')) present.byDistrict.get(ags)?.delete(id);
    }
    present.facts.redo(present.full, dirty, anyKind);
    for (const id of dirty.nodes) {
      if (!present.full.hasNode(id)) continue;
      for (const ags of present.full.getNodeAttribute(id, 'districts')) {
        let set = present.byDistrict.get(ags);
        if (!set) present.byDistrict.set(ags, (set = new Set()));
        set.add(id);
      }
    }
    for (const id of touched) note(id);
    this.changed(districts);
  }

  /** The view asked for; views of the present are kept until the graph changes (never altered by callers). */
  async view(query: NetworkQuery): Promise<NetworkView> {
    if (query.at || query.withEnded) return this.computeView(query);
    await this.graphs();
    const key = JSON.stringify(query);
    const kept = this.views.get(key);
    if (kept?.revision === this.revisionCounter) return kept.view;
    const revision = this.revisionCounter;
    const view = await this.computeView(query);
    if (this.views.size >= VIEWS_KEPT) this.views.delete(this.views.keys().next().value!);
    if (revision === this.revisionCounter) this.views.set(key, { revision, view });
    return view;
  }

  private async computeView(query: NetworkQuery): Promise<NetworkView> {
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
        : [...((await this.current()).byDistrict.get(query.districtAgs) ?? [])];
    const selected = selectNodes(graph, inDistrict, query.depth, query.kinds);
    if (query.withTopics && (!query.kinds || query.kinds.includes('Topic'))) {
      for (const id of [...selected])
        graph.forEachNeighbor(id, (neighbour, attrs) => void (attrs.kind === 'Topic' && selected.add(neighbour)));
    }
    // As of a day, what ended after it had not ended yet.
    const endedBy = (until: string | null | undefined) => (until && (!query.at || until <= query.at) ? until : null);
    const nodes = [...selected].map((id) => {
      const node = toNode(id, graph.getNodeAttributes(id));
      return { ...node, until: endedBy(node.until) };
    });
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
            until: endedBy(attrs.until),
          });
      });
    }
    return { nodes, edges };
  }

  /** The shortest chain of collaboration between two actors, or null when none connects them. */
  async path(fromId: string, toId: string, at: string | null = null): Promise<string[] | null> {
    const graph = await this.graph(at);
    const actor = (id: string) => graph.hasNode(id) && isActor(graph.getNodeAttribute(id, 'kind'));
    if (!actor(fromId) || !actor(toId)) return null;
    // Breadth first through actors only: a shared topic is no collaboration.
    const cameFrom = new Map<string, string | null>([[fromId, null]]);
    let frontier = [fromId];
    while (frontier.length > 0 && !cameFrom.has(toId)) {
      const next: string[] = [];
      for (const id of frontier)
        graph.forEachNeighbor(id, (neighbour, attrs) => {
          if (cameFrom.has(neighbour) || !isActor(attrs.kind)) return;
          cameFrom.set(neighbour, id);
          next.push(neighbour);
        });
      frontier = next;
    }
    if (!cameFrom.has(toId)) return null;
    const path: string[] = [];
    for (let id: string | null = toId; id !== null; id = cameFrom.get(id) ?? null) path.unshift(id);
    return path;
  }
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
    since: attrs.since ?? null,
    until: attrs.until ?? null,
  };
}

/** The state of records a change only created, as the change gives it, when it covers every id. */
function wholeStateOfCreated(ids: string[], created: Entity[] | undefined): CurrentState | null {
  if (!created) return null;
  const byId = new Map(created.map((e) => [e.id, e]));
  const entities = ids.map((id) => byId.get(id));
  if (entities.some((e) => !e)) return null;
  return { entities: entities as Entity[], roles: [], links: [] };
}
