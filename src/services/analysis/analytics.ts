import louvainModule from 'graphology-communities-louvain';
import seedrandom from 'seedrandom';
import { InvalidInput } from '../../domain/errors.js';
import { districtId } from '../../domain/ids.js';
import type { RuleSettings } from '../../domain/rules.js';
import { articulationPoints } from './articulation-points.js';
import { betweenness, type BetweennessAccuracy } from './betweenness.js';
import { cjsDefault } from '../cjs-interop.js';
import { isActor, type CollaborationGraph, type NetworkGraph } from './network-graph.js';

// Questions analysts ask of the collaboration graph, answered from the in-memory graph and
// kept until a change touches the district they are about. Betweenness is O(nodes x edges): past
// a size it is estimated from a sample of sources, with its error bound (see betweenness.ts).

const louvain = cjsDefault(louvainModule);

/** Up to this many actors betweenness is exact; past it, estimated from BETWEENNESS_SAMPLES sources. */
const BETWEENNESS_MAX_NODES = 6_000;
const BETWEENNESS_SAMPLES = 1000;
const MAX_KEPT_ANSWERS = 10_000;
/** A record nobody changed or confirmed for this long counts as possibly out of date. */
const UNCONFIRMED_AFTER_DAYS = 365;

export interface Centrality {
  id: string;
  degree: number;
  betweenness: number;
}

export interface Broker {
  id: string;
  /** How many separate groups would remain if this actor left. */
  groupsConnected: number;
}

export interface KikLoad {
  personId: string;
  districtAgs: string;
  municipalities: number;
  /** The district's population divided among its KIK: the people a KIK serves on average. */
  populationShare: number | null;
}

export interface RuleBreach {
  code: string;
  subjectIds: string[];
  description: string;
}

/** Work still waiting on someone who holds no current role: after a role ended without handover. */
export interface OrphanedWork {
  kind: 'REQUEST' | 'MEETING';
  id: string;
  waitingOnId: string;
}

interface KeptAnswer {
  revision: number;
  answer: Promise<unknown>;
  settled: boolean;
  refreshing: boolean;
  /** ISO time it was worked out. */
  computedAt: string;
}

/** For figures too slow to wait for after each change: told when an earlier answer is served. */
export interface SlowAnswer {
  onStale(served: { computedAt: string }): void;
}

const OPEN_REQUEST_STATES = new Set(['OPEN', 'ROUTED', 'ACCEPTED']);

export class Analytics {
  /** Answers about the present graph, with the graph's revision they were computed at. */
  private readonly present = new Map<string, KeptAnswer>();
  /** Answers about past days, per graph of that day. */
  private readonly past = new WeakMap<CollaborationGraph, Map<string, Promise<unknown>>>();

  constructor(
    private readonly network: NetworkGraph,
    private readonly settings: RuleSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async centrality(districtAgs: string | null, at: string | null = null, slow?: SlowAnswer): Promise<Centrality[]> {
    return (await this.betweenness(districtAgs, at, slow)).ranking;
  }

  /** Whether the betweenness of `centrality` is exact, or estimated and how closely. */
  async centralityAccuracy(
    districtAgs: string | null,
    at: string | null = null,
    slow?: SlowAnswer,
  ): Promise<BetweennessAccuracy> {
    return (await this.betweenness(districtAgs, at, slow)).accuracy;
  }

  private betweenness(
    districtAgs: string | null,
    at: string | null,
    slow?: SlowAnswer,
  ): Promise<{ ranking: Centrality[]; accuracy: BetweennessAccuracy }> {
    return this.memo(
      `centrality:${districtAgs}`,
      districtAgs,
      async (graph) => {
        const scoped = actorsOnly(this.scope(graph, districtAgs));
        const { values, accuracy } = await betweenness(scoped, BETWEENNESS_MAX_NODES, BETWEENNESS_SAMPLES);
        const ranking = scoped
          .mapNodes((id) => ({ id, degree: scoped.degree(id), betweenness: values[id] ?? 0 }))
          .sort((a, b) => b.betweenness - a.betweenness || b.degree - a.degree || a.id.localeCompare(b.id));
        return { ranking, accuracy };
      },
      at,
      slow,
    );
  }

  communities(
    districtAgs: string | null,
    at: string | null = null,
    slow?: SlowAnswer,
  ): Promise<{ id: string; community: number }[]> {
    return this.memo(
      `communities:${districtAgs}`,
      districtAgs,
      async (graph) => {
        const scoped = actorsOnly(this.scope(graph, districtAgs));
        // Louvain breaks ties at random; a fixed seed keeps communities the same from run to run.
        const assignment = louvain(scoped, { getEdgeWeight: 'weight', rng: seedrandom('communities') });
        return Object.entries(assignment)
          .map(([id, community]) => ({ id, community: Number(community) }))
          .sort((a, b) => a.community - b.community || a.id.localeCompare(b.id));
      },
      at,
      slow,
    );
  }

  brokers(districtAgs: string | null, at: string | null = null): Promise<Broker[]> {
    return this.memo(
      `brokers:${districtAgs}`,
      districtAgs,
      async (graph) =>
        [...articulationPoints(actorsOnly(this.scope(graph, districtAgs)))]
          .map(([id, groups]) => ({ id, groupsConnected: groups }))
          .sort((a, b) => b.groupsConnected - a.groupsConnected || a.id.localeCompare(b.id)),
      at,
    );
  }

  /** Alliances with no direct link to any KIK, Koordinationskraft or Beauftragte. */
  isolatedAlliances(districtAgs: string | null, at: string | null = null): Promise<string[]> {
    return this.memo(
      `isolated:${districtAgs}`,
      districtAgs,
      async (graph) =>
        this.scope(graph, districtAgs)
          .filterNodes((id, attrs) => {
            if (attrs.kind !== 'Alliance') return false;
            return !graph.someNeighbor(id, (_n, neighbour) =>
              neighbour.roles.some((r) => r === 'KIK' || r === 'KOORDINATIONSKRAFT' || r === 'BEAUFTRAGTE'),
            );
          })
          .sort(),
      at,
    );
  }

  /** Municipalities that no KIK serves. */
  uncoveredMunicipalities(districtAgs: string | null, at: string | null = null): Promise<string[]> {
    return this.memo(
      `uncovered:${districtAgs}`,
      districtAgs,
      async (graph) =>
        this.scope(graph, districtAgs)
          .filterNodes(
            (id, attrs) =>
              attrs.kind === 'Municipality' && !graph.someEdge(id, (_e, edge) => edge.types.includes('SERVES')),
          )
          .sort(),
      at,
    );
  }

  kikLoad(districtAgs: string | null, at: string | null = null): Promise<KikLoad[]> {
    return this.memo(
      `kikLoad:${districtAgs}`,
      districtAgs,
      async (graph) => {
        const kiks = this.scope(graph, districtAgs).filterNodes((_id, attrs) => attrs.roles.includes('KIK'));
        const perDistrict = new Map<string, number>();
        for (const id of kiks)
          for (const ags of graph.getNodeAttribute(id, 'districts'))
            perDistrict.set(ags, (perDistrict.get(ags) ?? 0) + 1);
        return kiks
          .flatMap((id) =>
            graph.getNodeAttribute(id, 'districts').map((ags) => {
              const municipalities = graph.filterNeighbors(
                id,
                (n, attrs) =>
                  attrs.kind === 'Municipality' && graph.getEdgeAttribute(id, n, 'types').includes('SERVES'),
              ).length;
              const population = populationOf(graph, ags);
              return {
                personId: id,
                districtAgs: ags,
                municipalities,
                populationShare: population === null ? null : Math.round(population / perDistrict.get(ags)!),
              };
            }),
          )
          .sort((a, b) => b.municipalities - a.municipalities || a.personId.localeCompare(b.personId));
      },
      at,
    );
  }

  /** Open requests whose handler, and coming meetings whose organiser, no longer hold a role to do them. */
  orphanedWork(districtAgs: string | null): Promise<OrphanedWork[]> {
    // Requests and meetings change without touching a district's graph: any change counts.
    return this.memo(`orphaned:${districtAgs}:${this.now().toISOString().slice(0, 13)}`, null, async () => {
      const snapshot = await this.network.snapshot();
      const rolesOf = new Map<string, string[]>();
      for (const r of snapshot.roles) rolesOf.set(r.personId, [...(rolesOf.get(r.personId) ?? []), r.role]);
      const inScope = (ags: string) => districtAgs === null || ags === districtAgs;
      const now = this.now().toISOString();
      const requests = snapshot.requests
        .filter((r) => OPEN_REQUEST_STATES.has(r.state) && inScope(r.districtAgs) && !rolesOf.has(r.handlerId))
        .map((r) => ({ kind: 'REQUEST' as const, id: r.id, waitingOnId: r.handlerId }));
      const meetings = snapshot.meetings
        .filter(
          (m) =>
            m.state === 'SCHEDULED' &&
            m.startsAt >= now &&
            inScope(m.districtAgs) &&
            !(rolesOf.get(m.organiserId) ?? []).some((role) => role === 'KIK' || role === 'KOORDINATIONSKRAFT'),
        )
        .map((m) => ({ kind: 'MEETING' as const, id: m.id, waitingOnId: m.organiserId }));
      return [...requests, ...meetings].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
    });
  }

  /**
   * People holding a role whose record nobody changed or confirmed for `days` (or ever): their
   * entries may be out of date.
   */
  unconfirmedPeople(
    districtAgs: string | null,
    days = UNCONFIRMED_AFTER_DAYS,
  ): Promise<{ id: string; checkedAt: string | null }[]> {
    const key = `unconfirmed:${districtAgs}:${days}:${this.now().toISOString().slice(0, 10)}`;
    return this.memo(key, districtAgs, async (graph) => {
      const snapshot = await this.network.snapshot();
      const checked = new Map(
        snapshot.entities.filter((e) => e.kind === 'Person').map((e) => [e.id, e.checkedAt ?? null]),
      );
      const before = new Date(this.now().getTime() - days * 86_400_000).toISOString();
      return this.scope(graph, districtAgs)
        .filterNodes((id, attrs) => {
          if (attrs.kind !== 'Person' || attrs.roles.length === 0) return false;
          const at = checked.get(id) ?? null;
          return at === null || at < before;
        })
        .sort()
        .map((id) => ({ id, checkedAt: checked.get(id) ?? null }));
    });
  }

  /** What breaks the rules now, e.g. after the KIK limit was lowered. */
  ruleBreaches(at: string | null = null): Promise<RuleBreach[]> {
    return this.memo(
      'breaches',
      null,
      async (graph) => {
        const breaches: RuleBreach[] = [];
        graph.forEachNode((id, attrs) => {
          if (attrs.kind !== 'District') return;
          const holders = (role: string) =>
            graph.filterNeighbors(
              id,
              (_n, a) => a.roles.includes(role as never) && a.districts.includes(attrs.districts[0]!),
            );
          const kik = holders('KIK');
          if (kik.length > this.settings.kikLimitPerLandkreis) {
            breaches.push({
              code: 'KIK_LIMIT_REACHED',
              subjectIds: [id, ...kik],
              description: `${attrs.name}: ${kik.length} KIK, limit ${this.settings.kikLimitPerLandkreis}`,
            });
          }
          const kk = holders('KOORDINATIONSKRAFT');
          if (kk.length > 1)
            breaches.push({
              code: 'KOORDINATIONSKRAFT_TAKEN',
              subjectIds: [id, ...kk],
              description: `${attrs.name}: ${kk.length} Koordinationskräfte`,
            });
        });
        return breaches;
      },
      at,
    );
  }

  /**
   * An answer about a district (null: the whole network) is kept until a change touches that
   * district; answers about past days are kept with the graph of that day.
   */
  /** The district's actors and the edges between them (for null, the whole graph). */
  private scope(graph: CollaborationGraph, districtAgs: string | null): CollaborationGraph {
    if (districtAgs === null) return graph;
    if (!graph.hasNode(districtId(districtAgs)))
      throw new InvalidInput('districtAgs', `no district ${districtAgs} is known`);
    const sub: CollaborationGraph = graph.nullCopy();
    const nodes = this.network.nodesOf(graph, districtAgs);
    for (const id of nodes) sub.addNode(id, graph.getNodeAttributes(id));
    for (const id of nodes)
      graph.forEachEdge(id, (edge, attrs, source, target) => {
        if (sub.hasNode(source) && sub.hasNode(target) && !sub.hasEdge(edge))
          sub.addEdgeWithKey(edge, source, target, attrs);
      });
    return sub;
  }

  private async memo<T>(
    key: string,
    districtAgs: string | null,
    compute: (graph: CollaborationGraph) => Promise<T>,
    at: string | null = null,
    slow?: SlowAnswer,
  ): Promise<T> {
    const graph = await this.network.graph(at);
    if (at) {
      let answers = this.past.get(graph);
      if (!answers) this.past.set(graph, (answers = new Map()));
      if (!answers.has(key)) {
        const pending = compute(graph);
        answers.set(key, pending);
        pending.catch(() => answers.delete(key));
      }
      return answers.get(key) as Promise<T>;
    }
    const kept = this.present.get(key);
    if (kept && !this.network.changedSince(kept.revision, districtAgs)) return kept.answer as Promise<T>;
    // A slow figure is worked out anew in the background; until then the one before is served, and said to be.
    if (kept?.settled && slow) {
      if (!kept.refreshing) this.refresh(key, compute, graph, kept);
      slow.onStale({ computedAt: kept.computedAt });
      return kept.answer as Promise<T>;
    }
    if (this.present.size >= MAX_KEPT_ANSWERS) this.present.clear();
    return this.keep(key, compute(graph)).answer as Promise<T>;
  }

  private keep(key: string, answer: Promise<unknown>): KeptAnswer {
    const kept: KeptAnswer = {
      revision: this.network.revision(),
      answer,
      settled: false,
      refreshing: false,
      computedAt: this.now().toISOString(),
    };
    this.present.set(key, kept);
    answer.then(
      () => (kept.settled = true),
      () => this.present.get(key) === kept && this.present.delete(key),
    );
    return kept;
  }

  private refresh<T>(
    key: string,
    compute: (graph: CollaborationGraph) => Promise<T>,
    graph: CollaborationGraph,
    stale: KeptAnswer,
  ): void {
    stale.refreshing = true;
    const revision = this.network.revision();
    const fresh = compute(graph);
    fresh.then(
      () => {
        const kept = this.keep(key, fresh);
        kept.revision = revision;
        kept.settled = true;
      },
      () => (stale.refreshing = false),
    );
  }
}

/** Whether actors hold the only nodes (what betweenness, communities and brokers run on). */
function actorsOnly(graph: CollaborationGraph): CollaborationGraph {
  if (!graph.someNode((_id, attrs) => !isActor(attrs.kind))) return graph;
  const actors = graph.copy();
  actors.forEachNode((id, attrs) => {
    if (!isActor(attrs.kind)) actors.dropNode(id);
  });
  return actors;
}

function populationOf(graph: CollaborationGraph, ags: string): number | null {
  const id = districtId(ags);
  return graph.hasNode(id) ? (graph.getNodeAttribute(id, 'population') ?? null) : null;
}
