import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { createDijkstraIndexedBrandes } from 'graphology-shortest-path/indexed-brandes.js';
import seedrandom from 'seedrandom';
import { cjsDefault } from '../cjs-interop.js';
import type { CollaborationGraph } from './graph-facts.js';

// Betweenness: exact (Brandes, from graphology-metrics) up to a size, and past it estimated from
// a sample of sources (Brandes and Pich 2007: the dependencies of k sources drawn at random,
// scaled by n/k, are an unbiased estimate). Each source's share of a node's normalised
// betweenness lies in [0, n/(n-1)], so by Hoeffding's inequality the estimate is within
// ε = n/(n-1) · sqrt(ln(2/(1-confidence)) / 2k) of the exact value with that confidence.
// The sources are worked through a few at a time, yielding between them, so a country-wide
// estimate never blocks other requests.

const exactBetweenness = cjsDefault(betweennessModule);

export interface BetweennessAccuracy {
  exact: boolean;
  /** Sources the estimate is made from (all nodes when exact). */
  sources: number;
  /** The estimate is within this much of the exact normalised betweenness … */
  maxError: number;
  /** … with this probability (1 when exact). */
  confidence: number;
}

export interface Betweenness {
  values: Record<string, number>;
  accuracy: BetweennessAccuracy;
}

/** What graphology's neighbourhood index offers (its typings leave it out of the function). */
interface NodeIndex {
  collect(values: Float64Array): Record<string, number>;
}

const SAMPLE_CONFIDENCE = 0.95;
const SOURCES_PER_SLICE = 4;

export function errorBound(nodes: number, sources: number, confidence = SAMPLE_CONFIDENCE): number {
  return (nodes / (nodes - 1)) * Math.sqrt(Math.log(2 / (1 - confidence)) / (2 * sources));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Exact up to `maxExactNodes`, otherwise estimated from `samples` sources drawn with a fixed seed. */
export async function betweenness(
  graph: CollaborationGraph,
  maxExactNodes: number,
  samples: number,
): Promise<Betweenness> {
  const n = graph.order;
  if (n <= maxExactNodes || n <= samples) {
    return {
      values: exactBetweenness(graph, { normalized: true }),
      accuracy: { exact: true, sources: n, maxError: 0, confidence: 1 },
    };
  }
  // The same edge lengths as the exact computation, so both answer the same question.
  const brandes = createDijkstraIndexedBrandes(graph, 'weight');
  const random = seedrandom('betweenness');
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < samples; i++) {
    const j = i + Math.floor(random() * (n - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const delta = new Float64Array(n);
  const centralities = new Float64Array(n);
  for (let taken = 0; taken < samples; taken++) {
    if (taken % SOURCES_PER_SLICE === 0) await nextTurn();
    const source = order[taken]!;
    const [S, P, sigma] = brandes(source);
    delta.fill(0);
    while (S.size !== 0) {
      const w = S.pop()!;
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      for (const v of P[w]!) delta[v]! += sigma[v]! * coefficient;
      if (w !== source) centralities[w]! += delta[w]!;
    }
  }
  const scale = n / samples / ((n - 1) * (n - 2));
  for (let i = 0; i < n; i++) centralities[i]! *= scale;
  return {
    values: (brandes as unknown as { index: NodeIndex }).index.collect(centralities),
    accuracy: { exact: false, sources: samples, maxError: errorBound(n, samples), confidence: SAMPLE_CONFIDENCE },
  };
}
