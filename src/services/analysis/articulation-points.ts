import type { CollaborationGraph } from './network-graph.js';

// Brokers are the actors who alone connect groups: the cut vertices of the graph, found with
// Tarjan's depth-first search (iterative, so large districts do not overflow the stack).
// graphology ships no cut-vertex algorithm, hence this one.

/** Each cut vertex with the number of separate groups left if it were removed. */
export function articulationPoints(graph: CollaborationGraph): Map<string, number> {
  const discovery = new Map<string, number>();
  const low = new Map<string, number>();
  const separated = new Map<string, number>();
  let time = 0;

  for (const root of graph.nodes()) {
    if (discovery.has(root)) continue;
    discovery.set(root, time);
    low.set(root, time++);
    let rootChildren = 0;
    const stack: { node: string; parent: string | null; neighbours: string[]; next: number }[] = [
      { node: root, parent: null, neighbours: graph.neighbors(root), next: 0 },
    ];
    while (stack.length) {
      const frame = stack.at(-1)!;
      if (frame.next < frame.neighbours.length) {
        const neighbour = frame.neighbours[frame.next++]!;
        if (!discovery.has(neighbour)) {
          discovery.set(neighbour, time);
          low.set(neighbour, time++);
          if (frame.node === root) rootChildren++;
          stack.push({ node: neighbour, parent: frame.node, neighbours: graph.neighbors(neighbour), next: 0 });
        } else if (neighbour !== frame.parent) {
          low.set(frame.node, Math.min(low.get(frame.node)!, discovery.get(neighbour)!));
        }
        continue;
      }
      stack.pop();
      const parent = frame.parent;
      if (parent === null) continue;
      low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      if (parent !== root && low.get(frame.node)! >= discovery.get(parent)!)
        separated.set(parent, (separated.get(parent) ?? 1) + 1);
    }
    if (rootChildren >= 2) separated.set(root, rootChildren);
  }
  return separated;
}
