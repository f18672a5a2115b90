import { MultiUndirectedGraph } from 'graphology';
import { write as writeGexf } from 'graphology-gexf/browser/index.js';
import type { Visible } from './visible.js';

// Downloads of the view shown: PNG of the map, GEXF for Gephi, CSV for spreadsheets.

export function download(filename: string, content: string | Blob, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const anchor = document.createElement('a');
  anchor.href = URL.createObjectURL(blob);
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(anchor.href), 10_000);
}

export function toGexf(visible: Visible): string {
  const graph = new MultiUndirectedGraph();
  for (const n of visible.nodes)
    graph.addNode(n.id, {
      label: n.label,
      type: n.type,
      district: n.districtAgs ?? '',
      x: n.x ?? 0,
      y: n.y ?? 0,
      size: n.size,
    });
  for (const e of visible.edges) graph.addEdge(e.source, e.target, { type: e.type, weight: e.weight });
  return writeGexf(graph);
}

export function toCsv(visible: Visible): string {
  const cell = (value: string | number) => {
    const text = String(value);
    // A leading = + - @ would run as a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const names = new Map(visible.nodes.map((n) => [n.id, n.label]));
  const lines = [['source_id', 'source', 'target_id', 'target', 'type', 'weight'].join(',')];
  for (const e of visible.edges)
    lines.push(
      [e.source, names.get(e.source) ?? '', e.target, names.get(e.target) ?? '', e.type, e.weight].map(cell).join(','),
    );
  return `${lines.join('\n')}\n`;
}
