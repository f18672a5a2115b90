import { UndirectedGraph } from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import type { CollaborationGraph } from '../../../src/services/analysis/graph-facts.js';
import { betweenness, errorBound } from '../../../src/services/analysis/betweenness.js';
import { cjsDefault } from '../../../src/services/cjs-interop.js';

// Issue 20: betweenness for graphs too large to compute exactly is estimated from sampled
// sources, within the error bound it states, and without holding up other work meanwhile.

const exact = cjsDefault(betweennessModule);

/** Two groups of actors that only one broker connects, plus random links inside each group. */
function twoGroups(size: number): CollaborationGraph {
  const graph: CollaborationGraph = new UndirectedGraph();
  const random = seedrandom('two groups');
  const node = (id: string) =>
    graph.mergeNode(id, { kind: 'Person', name: id, districts: [], roles: [], population: null });
  const edge = (a: string, b: string) =>
    a !== b &&
    !graph.hasEdge(a, b) &&
    graph.addEdge(a, b, { types: ['COOPERATES_WITH'], weight: 1, since: null, lastActive: null, until: null });
  for (const group of ['a', 'b'])
    for (let i = 0; i < size; i++) {
      node(`${group}${i}`);
      if (i > 0) edge(`${group}${i}`, `${group}${Math.floor(random() * i)}`);
      if (i > 2) edge(`${group}${i}`, `${group}${Math.floor(random() * i)}`);
    }
  node('broker');
  edge('broker', 'a0');
  edge('broker', 'b0');
  return graph;
}

describe('betweenness', () => {
  it('is exact up to the size given', async () => {
    const graph = twoGroups(40);
    const { values, accuracy } = await betweenness(graph, 1000, 50);
    expect(accuracy).toEqual({ exact: true, sources: graph.order, maxError: 0, confidence: 1 });
    expect(values).toEqual(exact(graph, { normalized: true }));
  });

  it('beyond it, estimates every actor within the stated error and still finds the broker', async () => {
    const graph = twoGroups(300);
    const truth = exact(graph, { normalized: true });
    const { values, accuracy } = await betweenness(graph, 100, 150);
    expect(accuracy.exact).toBe(false);
    expect(accuracy.sources).toBe(150);
    expect(accuracy.maxError).toBeCloseTo(errorBound(graph.order, 150), 10);
    for (const id of graph.nodes()) expect(Math.abs(values[id]! - truth[id]!)).toBeLessThanOrEqual(accuracy.maxError);
    const top = (scores: Record<string, number>) =>
      Object.entries(scores)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 3)
        .map(([id]) => id);
    expect(top(values)).toContain('broker');
    expect(top(truth)).toContain('broker');
  });

  it('lets other work run while it estimates', async () => {
    const graph = twoGroups(300);
    let ranBetween = false;
    const estimate = betweenness(graph, 100, 150);
    setImmediate(() => (ranBetween = true));
    await estimate;
    expect(ranBetween).toBe(true);
  });
});
