import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { createServices } from '../../src/services/hub-services.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { round, timeRuns, type Timing } from '../measure.js';

// 5 of the issue: betweenness and communities for a district, a state and everything, the size
// and time of the map's `network` query (built from the warm collaboration graph), and the
// suggestions for a district (issue 38).

export interface AnalyticsRow {
  scope: string;
  nodes: number;
  edges: number;
  buildGraphMs: number;
  networkView: Timing;
  aggregatedView: Timing;
  betweenness: Timing | null;
  communities: Timing;
  /** Suggestions for the district from the read model (issue 38); null for wider scopes. */
  suggestions: Timing | null;
}

export async function benchAnalytics(
  store: GraphStore,
  scopes: { label: string; districtAgs: string | null; betweenness: boolean }[],
  runs: number,
): Promise<AnalyticsRow[]> {
  const rows: AnalyticsRow[] = [];
  const services = createServices(store, { rules: { kikLimitPerLandkreis: 10 } });
  const started = performance.now();
  await services.network.graph();
  const buildGraphMs = round(performance.now() - started);
  for (const scope of scopes) {
    const view = await services.network.view({
      districtAgs: scope.districtAgs,
      depth: 0,
      kinds: null,
      aggregate: false,
    });
    // Analytics are cached until the next write: each run starts cold, as after a change.
    const cold = async () => {
      services.events.publish({ action: 'benchmark', subjectIds: [], at: new Date().toISOString() });
      await services.network.graph();
    };
    rows.push({
      scope: scope.label,
      nodes: view.nodes.length,
      edges: view.edges.length,
      buildGraphMs,
      networkView: await timeRuns(runs, () =>
        services.network.view({ districtAgs: scope.districtAgs, depth: 0, kinds: null, aggregate: false }),
      ),
      aggregatedView: await timeRuns(runs, () =>
        services.network.view({ districtAgs: null, depth: 0, kinds: null, aggregate: true }),
      ),
      betweenness: scope.betweenness
        ? await timeRuns(Math.min(runs, 5), () => services.analytics.centrality(scope.districtAgs), cold)
        : null,
      communities: await timeRuns(Math.min(runs, 5), () => services.analytics.communities(scope.districtAgs), cold),
      suggestions: scope.districtAgs
        ? await timeRuns(runs, () => services.suggestions.forDistrict(SYSTEM, scope.districtAgs!))
        : null,
    });
    console.log(`  ${scope.label}: ${view.nodes.length} nodes, ${view.edges.length} edges`);
  }
  return rows;
}
