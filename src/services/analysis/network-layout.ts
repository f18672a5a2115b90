import { UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import circularModule from 'graphology-layout/circular.js';
import noverlapModule from 'graphology-layout-noverlap';
import { cjsDefault } from '../cjs-interop.js';
import type { NetworkEvents } from '../reads/network-events.js';
import type { NetworkView } from './network-graph.js';

// Positions for the map, computed on the server with ForceAtlas2 and kept until the network
// changes, so the browser draws at once and never runs a layout on its main thread.

const forceAtlas2 = cjsDefault(forceAtlas2Module);
const circular = cjsDefault(circularModule);
const noverlap = cjsDefault(noverlapModule);

export interface Position {
  x: number;
  y: number;
}

/** Fewer iterations on big views: the layout must stay well under a second. */
function iterationsFor(nodeCount: number): number {
  if (nodeCount <= 500) return 300;
  if (nodeCount <= 3000) return 120;
  return 40;
}

function computeLayout(view: NetworkView): Map<string, Position> {
  const graph = new UndirectedGraph();
  // Sorted input and a circular start make the layout the same on every instance and run.
  for (const node of [...view.nodes].sort((a, b) => a.id.localeCompare(b.id)))
    graph.addNode(node.id, { size: Math.sqrt(node.size) });
  for (const edge of view.edges) {
    if (edge.source === edge.target || graph.hasEdge(edge.source, edge.target)) continue;
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target))
      graph.addEdge(edge.source, edge.target, { weight: edge.weight });
  }
  circular.assign(graph, { scale: 100 });
  if (graph.size > 0) {
    const settings = forceAtlas2.inferSettings(graph);
    forceAtlas2.assign(graph, {
      iterations: iterationsFor(graph.order),
      getEdgeWeight: 'weight',
      settings: { ...settings, adjustSizes: false },
    });
    noverlap.assign(graph, { maxIterations: 50, settings: { ratio: 1.2 } });
  }
  return spread(graph);
}

/** Scales the layout so that nodes sit about SPACING apart, whatever units ForceAtlas2 chose. */
function spread(graph: UndirectedGraph): Map<string, Position> {
  const positions = new Map<string, Position>();
  graph.forEachNode((id, attrs) => positions.set(id, { x: attrs.x as number, y: attrs.y as number }));
  const xs = [...positions.values()].map((p) => p.x);
  const ys = [...positions.values()].map((p) => p.y);
  const extent = Math.max(1e-9, Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  const scale = (SPACING * Math.sqrt(Math.max(positions.size, 4))) / extent;
  for (const [id, p] of positions) positions.set(id, { x: round(p.x * scale), y: round(p.y * scale) });
  return positions;
}

const SPACING = 90;

const round = (value: number) => Math.round(value * 100) / 100;

export class NetworkLayouts {
  private readonly cache = new Map<string, Map<string, Position>>();

  constructor(
    events?: NetworkEvents,
    private readonly maxEntries = 64,
  ) {
    // A followed change keeps where the known nodes stand (the map does not jump); a view with a
    // node the layout lacks is laid out anew.
    events?.subscribe((change) => change.touched || this.cache.clear());
  }

  /** The layout of a view, by a key that names the query the view answers. */
  positions(key: string, view: NetworkView): Map<string, Position> {
    const cached = this.cache.get(key);
    if (cached && view.nodes.every((n) => cached.has(n.id))) return cached;
    const positions = computeLayout(view);
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, positions);
    return positions;
  }
}
