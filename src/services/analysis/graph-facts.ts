import { UndirectedGraph } from 'graphology';
import { districtId } from '../../domain/ids.js';
import type { Meeting } from '../../features/meetings/domain/meetings.js';
import type { Entity, EntityKind, Role, RoleAssignment, Link } from '../../domain/model.js';
import { lastChecked, type NetworkSnapshot } from '../../domain/ports/network-store.port.js';
import type { HubRequest } from '../../features/requests/domain/requests.js';

// The facts the collaboration graph is made of, indexed so that a change replaces only the facts
// it touched and the graph redoes only the nodes and edges those facts make. An edge is the sum of
// its contributions (a role, a link, a meeting held, a hop of a request, a record's place or
// topic), so whatever order facts arrive in, the same facts give the same graph.

export type EdgeType =
  | 'SERVES'
  | 'ACTIVE_IN'
  | 'EXPERT_IN'
  | 'ABOUT'
  | 'COOPERATES_WITH'
  | 'PARTNER_IN'
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
  /** When the record began and ended (people: their roles'), YYYY-MM-DD; until null while it holds. */
  since: string | null;
  until: string | null;
}

interface EdgeAttributes {
  types: EdgeType[];
  weight: number;
  /** The collaboration's first known date and its last (today for a running link), YYYY-MM-DD. */
  since: string | null;
  lastActive: string | null;
  /** The day the last of its links, roles or ties ended; null while any holds (meetings and hops never end). */
  until: string | null;
}

export type CollaborationGraph = UndirectedGraph<NodeAttributes, EdgeAttributes>;

export type SnapshotEntity = NetworkSnapshot['entities'][number];

/** The fresh state of what a change touched, as read from the store after it. */
export interface FactUpdate {
  /** Every entity the change touched, with its record now (null: gone or ended). */
  entities: ReadonlyMap<string, Entity | null>;
  /** The current roles and links at those entities (at either end). */
  roles: readonly RoleAssignment[];
  links: readonly Link[];
  meetings: ReadonlyMap<string, Meeting | null>;
  requests: ReadonlyMap<string, HubRequest | null>;
}

/** What a replacement left to redo in a graph. */
export interface Dirty {
  nodes: Set<string>;
  pairs: Set<string>;
}

interface Contribution {
  a: string;
  b: string;
  type: EdgeType;
  since: string | null;
  lastActive: string | null;
  until?: string | null;
}

/** Structural ties first, then roles, links, meetings and requests: the first type names the edge. */
const TYPE_ORDER: readonly EdgeType[] = [
  'PART_OF',
  'LOCATED_IN',
  'ABOUT',
  'ROLE',
  'MEMBER_OF',
  'WORKS_AT',
  'SERVES',
  'ACTIVE_IN',
  'EXPERT_IN',
  'COOPERATES_WITH',
  'PARTNER_IN',
  'MET',
  'ROUTED_REQUEST',
  'CROSS_DISTRICT',
];

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const pairEnds = (key: string) => key.split('\u0000') as [string, string];

/** A record as the graph needs it (the shape of a snapshot's entities). */
function snapshotEntityOf(e: Entity): SnapshotEntity {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    districtAgs: e.kind === 'District' ? e.ags : 'districtAgs' in e ? e.districtAgs : null,
    municipalityId: 'municipalityId' in e ? e.municipalityId : null,
    population: 'population' in e ? (e.population ?? null) : null,
    topicIds: 'topicIds' in e ? e.topicIds : [],
    ...(e.since ? { since: e.since } : {}),
    ...(e.until ? { until: e.until } : {}),
    ...lastChecked(e.confirmedAt, e.changedAt),
  };
}

/** Values per key, as arrays (lighter than sets at a million entries; a key holds few values). */
class MultiIndex {
  private readonly map = new Map<string, string[]>();
  add(key: string, value: string): void {
    const list = this.map.get(key);
    if (!list) this.map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  }
  delete(key: string, value: string): void {
    const list = this.map.get(key);
    if (!list) return;
    const at = list.indexOf(value);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.map.delete(key);
  }
  get(key: string): readonly string[] {
    return this.map.get(key) ?? [];
  }
}

export class NetworkFacts {
  private readonly entities = new Map<string, SnapshotEntity>();
  private readonly roles = new Map<string, RoleAssignment>();
  private readonly links = new Map<string, Link>();
  private readonly meetings = new Map<string, Meeting>();
  private readonly requests = new Map<string, HubRequest>();
  /** By entity: the roles it holds or is the place of, the links at it. */
  private readonly rolesAt = new MultiIndex();
  private readonly linksAt = new MultiIndex();
  /** By entity: the records tied to it by their own fields (towns of a district, records about a topic). */
  private readonly tiesTo = new MultiIndex();
  /** By municipality: the meetings held there; by person: the requests that passed them. */
  private readonly meetingsAt = new MultiIndex();
  private readonly requestsAt = new MultiIndex();
  private materialised: NetworkSnapshot | null = null;
  /** Scheduled meetings not yet held, by start: they strengthen links once their time has come. */
  private readonly upcoming = new Map<string, number>();

  private constructor(private readonly now: () => Date) {}

  static from(snapshot: NetworkSnapshot, now: () => Date): NetworkFacts {
    const facts = new NetworkFacts(now);
    for (const e of snapshot.entities) facts.setEntity(e.id, e);
    for (const r of snapshot.roles) facts.setRole(r);
    for (const l of snapshot.links) facts.setLink(l);
    for (const m of snapshot.meetings) facts.setMeeting(m.id, m);
    for (const r of snapshot.requests) facts.setRequest(r.id, r);
    return facts;
  }

  /** The facts as a snapshot (built again after a change). */
  snapshot(): NetworkSnapshot {
    this.materialised ??= {
      entities: [...this.entities.values()],
      roles: [...this.roles.values()],
      links: [...this.links.values()],
      meetings: [...this.meetings.values()],
      requests: [...this.requests.values()],
    };
    return this.materialised;
  }

  /** Every node and pair: what a graph built from nothing redoes. */
  everything(): Dirty {
    const dirty: Dirty = { nodes: new Set(this.entities.keys()), pairs: new Set() };
    for (const e of this.entities.values()) this.markTies(e, dirty);
    for (const r of this.roles.values()) this.markRole(r, dirty);
    for (const l of this.links.values()) this.markLink(l, dirty);
    for (const m of this.meetings.values()) this.markMeeting(m, dirty);
    for (const r of this.requests.values()) this.markRequest(r, dirty);
    return dirty;
  }

  /** Replaces what a change touched with its fresh state; answers what the graphs must redo. */
  replace(update: FactUpdate): Dirty {
    const dirty: Dirty = { nodes: new Set(), pairs: new Set() };
    const touched = [...update.entities.keys()];
    for (const id of touched) {
      for (const roleId of [...this.rolesAt.get(id)]) this.removeRole(roleId, dirty);
      for (const linkId of [...this.linksAt.get(id)]) this.removeLink(linkId, dirty);
    }
    for (const [id, entity] of update.entities) {
      const current = entity && !entity.until ? snapshotEntityOf(entity) : null;
      this.setEntity(id, current, dirty);
    }
    for (const r of update.roles) if (!this.roles.has(r.id)) this.setRole(r, dirty);
    for (const l of update.links) if (!this.links.has(l.id)) this.setLink(l, dirty);
    for (const [id, meeting] of update.meetings) this.setMeeting(id, meeting, dirty);
    for (const [id, request] of update.requests) this.setRequest(id, request, dirty);
    // A node that came or went takes its edges with it.
    for (const id of dirty.nodes) for (const other of this.neighbours(id)) dirty.pairs.add(pairKey(id, other));
    this.materialised = null;
    return dirty;
  }

  /** Counts the meetings held since they were read (time passed, nothing was written). */
  meetingsHeld(): Dirty | null {
    const now = this.now().getTime();
    const held = [...this.upcoming].filter(([, start]) => start <= now).map(([id]) => id);
    if (held.length === 0) return null;
    const dirty: Dirty = { nodes: new Set(), pairs: new Set() };
    for (const id of held) this.setMeeting(id, this.meetings.get(id)!, dirty);
    this.materialised = null;
    return dirty;
  }

  /** Redoes the given nodes and pairs in a graph that holds the kinds `keep` accepts. */
  redo(graph: CollaborationGraph, dirty: Dirty, keep: (kind: EntityKind) => boolean): void {
    for (const id of dirty.nodes) {
      const entity = this.entities.get(id);
      if (!entity || !keep(entity.kind)) {
        if (graph.hasNode(id)) graph.dropNode(id);
        continue;
      }
      const attributes = this.nodeAttributes(entity);
      if (graph.hasNode(id)) graph.replaceNodeAttributes(id, attributes);
      else graph.addNode(id, attributes);
    }
    for (const pair of dirty.pairs) {
      const [a, b] = pairEnds(pair);
      if (!graph.hasNode(a) || !graph.hasNode(b)) continue;
      const edge = graph.edge(a, b);
      const found = this.between(a, b);
      if (found.length === 0) {
        if (edge !== undefined) graph.dropEdge(edge);
        continue;
      }
      const attributes = edgeAttributes(found);
      // The edge points the way its first fact does (a link from its person to the town served).
      const first = firstOf(found);
      if (edge !== undefined && graph.source(edge) === first.a) graph.replaceEdgeAttributes(edge, attributes);
      else {
        if (edge !== undefined) graph.dropEdge(edge);
        graph.addEdge(first.a, first.b, attributes);
      }
    }
  }

  /** Every fact between two records, as its share in their edge. */
  private between(a: string, b: string): Contribution[] {
    const found: Contribution[] = [];
    for (const id of [a, b]) {
      const entity = this.entities.get(id);
      if (entity) for (const tie of tiesOf(entity)) if (tie.b === (id === a ? b : a)) found.push(tie);
    }
    const fewer = (index: MultiIndex) => (index.get(a).length <= index.get(b).length ? index.get(a) : index.get(b));
    const joins = (x: string, y: string) => (x === a && y === b) || (x === b && y === a);
    for (const id of fewer(this.rolesAt)) {
      const r = this.roles.get(id)!;
      if (r.scopeId && joins(r.personId, r.scopeId)) found.push(roleTie(r));
    }
    for (const id of fewer(this.linksAt)) {
      const l = this.links.get(id)!;
      if (joins(l.fromId, l.toId)) found.push(this.linkTie(l));
    }
    for (const id of fewer(this.meetingsAt)) {
      const m = this.meetings.get(id)!;
      if (m.municipalityIds.includes(a) && m.municipalityIds.includes(b)) {
        const day = m.startsAt.slice(0, 10);
        found.push({ a, b, type: 'MET', since: day, lastActive: day });
      }
    }
    for (const id of fewer(this.requestsAt))
      for (const hop of this.requests.get(id)!.hops)
        if (hop.fromId && hop.toId && joins(hop.fromId, hop.toId)) found.push(hopTie(hop.fromId, hop.toId, hop.at));
    return found;
  }

  /** The records a record has facts with (for a node that comes or goes). */
  private neighbours(id: string): Set<string> {
    const found = new Set<string>();
    const entity = this.entities.get(id);
    if (entity) for (const tie of tiesOf(entity)) found.add(tie.b);
    for (const other of this.tiesTo.get(id)) found.add(other);
    for (const roleId of this.rolesAt.get(id)) {
      const r = this.roles.get(roleId)!;
      if (r.scopeId) found.add(r.personId === id ? r.scopeId : r.personId);
    }
    for (const linkId of this.linksAt.get(id)) {
      const l = this.links.get(linkId)!;
      found.add(l.fromId === id ? l.toId : l.fromId);
    }
    for (const meetingId of this.meetingsAt.get(id))
      for (const other of this.meetings.get(meetingId)!.municipalityIds) found.add(other);
    for (const requestId of this.requestsAt.get(id))
      for (const hop of this.requests.get(requestId)!.hops) {
        if (hop.fromId === id && hop.toId) found.add(hop.toId);
        if (hop.toId === id && hop.fromId) found.add(hop.fromId);
      }
    found.delete(id);
    return found;
  }

  private nodeAttributes(entity: SnapshotEntity): NodeAttributes {
    const districts = entity.districtAgs ? [entity.districtAgs] : [];
    const roles: Role[] = [];
    if (entity.kind === 'Person') {
      const held = this.rolesAt
        .get(entity.id)
        .map((id) => this.roles.get(id)!)
        .filter((r) => r.personId === entity.id)
        .sort((x, y) => x.role.localeCompare(y.role) || x.id.localeCompare(y.id));
      for (const r of held) {
        roles.push(r.role);
        const scope = r.scopeId ? this.entities.get(r.scopeId) : undefined;
        if (scope?.districtAgs && !districts.includes(scope.districtAgs)) districts.push(scope.districtAgs);
      }
    }
    let since = entity.since ?? null;
    let until = entity.until ?? null;
    if (entity.kind === 'Person') {
      const held = this.rolesAt
        .get(entity.id)
        .map((id) => this.roles.get(id)!)
        .filter((r) => r.personId === entity.id);
      const starts = held.map((r) => r.since).filter((d): d is string => Boolean(d));
      if (starts.length) since = starts.sort()[0]!;
      // A person has ended when every role they held has (people without roles never end here).
      if (held.length && held.every((r) => r.until))
        until = held
          .map((r) => r.until!)
          .sort()
          .at(-1)!;
    }
    return { kind: entity.kind, name: entity.name, districts, roles, population: entity.population, since, until };
  }

  private setEntity(id: string, entity: SnapshotEntity | null, dirty?: Dirty): void {
    const old = this.entities.get(id);
    if (old) {
      if (dirty) this.markTies(old, dirty);
      for (const tie of tiesOf(old)) this.tiesTo.delete(tie.b, id);
    }
    if (entity) this.entities.set(id, entity);
    else this.entities.delete(id);
    dirty?.nodes.add(id);
    if (!entity) return;
    for (const tie of tiesOf(entity)) this.tiesTo.add(tie.b, id);
    if (!dirty) return;
    this.markTies(entity, dirty);
    // People's districts follow the places of their roles.
    for (const roleId of this.rolesAt.get(id)) dirty.nodes.add(this.roles.get(roleId)!.personId);
  }

  private setRole(r: RoleAssignment, dirty?: Dirty): void {
    this.roles.set(r.id, r);
    this.rolesAt.add(r.personId, r.id);
    if (r.scopeId) this.rolesAt.add(r.scopeId, r.id);
    if (!dirty) return;
    dirty.nodes.add(r.personId);
    this.markRole(r, dirty);
  }

  private removeRole(id: string, dirty: Dirty): void {
    const r = this.roles.get(id);
    if (!r) return;
    this.roles.delete(id);
    this.rolesAt.delete(r.personId, id);
    if (r.scopeId) this.rolesAt.delete(r.scopeId, id);
    dirty.nodes.add(r.personId);
    this.markRole(r, dirty);
  }

  private setLink(l: Link, dirty?: Dirty): void {
    this.links.set(l.id, l);
    this.linksAt.add(l.fromId, l.id);
    this.linksAt.add(l.toId, l.id);
    if (dirty) this.markLink(l, dirty);
  }

  private removeLink(id: string, dirty: Dirty): void {
    const l = this.links.get(id);
    if (!l) return;
    this.links.delete(id);
    this.linksAt.delete(l.fromId, id);
    this.linksAt.delete(l.toId, id);
    this.markLink(l, dirty);
  }

  /** Each meeting held strengthens the links between the municipalities that met. */
  private setMeeting(id: string, m: Meeting | null, dirty?: Dirty): void {
    const old = this.meetings.get(id);
    if (old) {
      if (dirty) this.markMeeting(old, dirty);
      for (const town of old.municipalityIds) this.meetingsAt.delete(town, id);
    }
    this.upcoming.delete(id);
    if (!m) {
      this.meetings.delete(id);
      return;
    }
    this.meetings.set(id, m);
    if (m.state !== 'SCHEDULED') return;
    if (Date.parse(m.startsAt) > this.now().getTime()) {
      this.upcoming.set(id, Date.parse(m.startsAt));
      return;
    }
    for (const town of m.municipalityIds) this.meetingsAt.add(town, id);
    if (dirty) this.markMeeting(m, dirty);
  }

  /** Each hop of a routed request strengthens the link between the two people it passed between. */
  private setRequest(id: string, r: HubRequest | null, dirty?: Dirty): void {
    const old = this.requests.get(id);
    if (old) {
      if (dirty) this.markRequest(old, dirty);
      for (const person of hopEnds(old)) this.requestsAt.delete(person, id);
    }
    if (!r) {
      this.requests.delete(id);
      return;
    }
    this.requests.set(id, r);
    for (const person of hopEnds(r)) this.requestsAt.add(person, id);
    if (dirty) this.markRequest(r, dirty);
  }

  private markTies(entity: SnapshotEntity, dirty: Dirty): void {
    for (const tie of tiesOf(entity)) dirty.pairs.add(pairKey(tie.a, tie.b));
  }

  private markRole(r: RoleAssignment, dirty: Dirty): void {
    if (r.scopeId && r.scopeId !== r.personId) dirty.pairs.add(pairKey(r.personId, r.scopeId));
  }

  private markLink(l: Link, dirty: Dirty): void {
    if (l.fromId !== l.toId) dirty.pairs.add(pairKey(l.fromId, l.toId));
  }

  private markMeeting(m: Meeting, dirty: Dirty): void {
    if (!this.meetingsAt.get(m.municipalityIds[0] ?? '').includes(m.id)) return;
    m.municipalityIds.forEach((a, i) => m.municipalityIds.slice(i + 1).forEach((b) => dirty.pairs.add(pairKey(a, b))));
  }

  private markRequest(r: HubRequest, dirty: Dirty): void {
    for (const hop of r.hops)
      if (hop.fromId && hop.toId && hop.fromId !== hop.toId) dirty.pairs.add(pairKey(hop.fromId, hop.toId));
  }

  /** A link with a start date is a collaboration still going on: active from then until today, or until the day before it ended. */
  private linkTie(l: Link): Contribution {
    const lastActive = l.until ? dayBefore(l.until) : l.since ? this.now().toISOString().slice(0, 10) : null;
    const until = l.until?.slice(0, 10) ?? null;
    return { a: l.fromId, b: l.toId, type: l.type, since: l.since?.slice(0, 10) ?? null, lastActive, until };
  }
}

/** A record's ties by its own fields: a town to its district, an institution to its place, a record to its topics. */
function tiesOf(entity: SnapshotEntity): Contribution[] {
  const ties: Contribution[] = [];
  const tie = (b: string, type: EdgeType) => {
    if (b !== entity.id)
      ties.push({ a: entity.id, b, type, since: null, lastActive: null, until: entity.until ?? null });
  };
  if (entity.kind === 'Municipality' && entity.districtAgs) tie(districtId(entity.districtAgs), 'PART_OF');
  if (entity.kind === 'Institution' || entity.kind === 'Project')
    tie(entity.municipalityId ?? districtId(entity.districtAgs ?? ''), 'LOCATED_IN');
  for (const topic of entity.topicIds) tie(topic, 'ABOUT');
  return ties;
}

function roleTie(r: RoleAssignment): Contribution {
  const type: EdgeType = r.role === 'VOLUNTEER' ? 'MEMBER_OF' : r.role === 'INSTITUTION_CONTACT' ? 'WORKS_AT' : 'ROLE';
  return { a: r.personId, b: r.scopeId!, type, since: r.since ?? null, lastActive: null, until: r.until ?? null };
}

function hopTie(fromId: string, toId: string, at: string): Contribution {
  const day = at.slice(0, 10);
  return { a: fromId, b: toId, type: 'ROUTED_REQUEST', since: day, lastActive: day };
}

function hopEnds(r: HubRequest): Set<string> {
  const ends = new Set<string>();
  for (const hop of r.hops)
    if (hop.fromId && hop.toId && hop.fromId !== hop.toId) {
      ends.add(hop.fromId);
      ends.add(hop.toId);
    }
  return ends;
}

function firstOf(contributions: Iterable<Contribution>): Contribution {
  let first: Contribution | null = null;
  for (const c of contributions) {
    const rank = TYPE_ORDER.indexOf(c.type) - (first ? TYPE_ORDER.indexOf(first.type) : 0);
    if (!first || rank < 0 || (rank === 0 && c.a < first.a)) first = c;
  }
  return first!;
}

function edgeAttributes(contributions: Iterable<Contribution>): EdgeAttributes {
  const types = new Set<EdgeType>();
  let weight = 0;
  let since: string | null = null;
  let lastActive: string | null = null;
  let until: string | null = null;
  let holds = false;
  for (const c of contributions) {
    types.add(c.type);
    weight++;
    if (c.since !== null && (since === null || c.since < since)) since = c.since;
    if (c.lastActive !== null && (lastActive === null || c.lastActive > lastActive)) lastActive = c.lastActive;
    if (!c.until) holds = true;
    else if (until === null || c.until > until) until = c.until;
  }
  // No collaboration is active before it began (a link ended on the day it began, say).
  if (since !== null && lastActive !== null && lastActive < since) lastActive = since;
  return {
    types: [...types].sort((x, y) => TYPE_ORDER.indexOf(x) - TYPE_ORDER.indexOf(y)),
    weight,
    since,
    lastActive,
    until: holds ? null : until,
  };
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day.slice(0, 10)}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** A graph of the facts, holding the kinds `keep` accepts. */
export function graphOf(facts: NetworkFacts, keep: (kind: EntityKind) => boolean): CollaborationGraph {
  const graph: CollaborationGraph = new UndirectedGraph({ allowSelfLoops: false });
  facts.redo(graph, facts.everything(), keep);
  return graph;
}
