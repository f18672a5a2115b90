import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { KIND_STYLE, KINDS } from './palette.js';
import type { SizeMeasure, ViewState } from './view-state.js';
import type { Visible } from './visible.js';

// The map itself: Cytoscape.js on a canvas, at the positions the server computed.

const MIN_SIZE = 14;
const MAX_SIZE = 54;

export class GraphView {
  private readonly cy: Core;

  constructor(container: HTMLElement, onSelect: (id: string) => void) {
    this.cy = cytoscape({
      container,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 10,
            color: '#1a1a1a',
            'text-valign': 'bottom',
            'text-margin-y': 3,
            width: 'data(size)',
            height: 'data(size)',
            'border-width': 1,
            'border-color': '#ffffff',
            'min-zoomed-font-size': 8,
          },
        },
        ...KINDS.map((kind) => ({
          selector: `node[type = "${kind}"]`,
          style: { 'background-color': KIND_STYLE[kind].colour, shape: KIND_STYLE[kind].shape },
        })),
        {
          selector: 'edge',
          style: { width: 'data(width)', 'line-color': '#8a8a8a', opacity: 0.7, 'curve-style': 'haystack' },
        },
        { selector: 'edge.ended', style: { 'line-style': 'dashed', opacity: 0.5 } },
        {
          selector: 'edge.suggested',
          style: {
            'line-style': 'dashed',
            'line-dash-pattern': [8, 4],
            'line-color': '#009E73',
            width: 3,
            opacity: 0.9,
            'curve-style': 'straight',
          },
        },
        {
          selector: 'node.ended',
          style: { 'background-opacity': 0.45, 'border-style': 'dashed', 'border-color': '#555555' },
        },
        { selector: 'node.gap', style: { 'border-width': 4, 'border-color': '#D55E00', 'border-style': 'dashed' } },
        {
          selector: 'node.isolated',
          style: { 'border-width': 4, 'border-color': '#CC79A7', 'border-style': 'dotted' },
        },
        { selector: 'node.broker', style: { 'border-width': 5, 'border-color': '#000000', 'border-style': 'double' } },
        { selector: 'node.on-path', style: { 'border-width': 5, 'border-color': '#F0E442', 'overlay-opacity': 0 } },
        { selector: 'edge.on-path', style: { 'line-color': '#000000', width: 5, opacity: 1 } },
        { selector: 'node:selected', style: { 'border-width': 5, 'border-color': '#56B4E9' } },
      ],
      minZoom: 0.05,
      maxZoom: 6,
      // While the view moves, draw a cached picture of the graph: zooming a state's thousand
      // actors with labels stays fluid (see BENCHMARKS.md).
      textureOnViewport: true,
      motionBlur: false,
    });
    this.cy.on('tap', 'node', (event) => onSelect(event.target.id() as string));
  }

  render(visible: Visible, state: ViewState): void {
    const sizes = sizeBy(visible, state.size);
    const positions = state.byDistrict ? arrangeByDistrict(visible) : null;
    const maxWeight = Math.max(1, ...visible.edges.map((e) => e.weight));
    const elements: ElementDefinition[] = [
      ...visible.nodes.map((n) => ({
        group: 'nodes' as const,
        data: { id: n.id, label: n.label, type: n.type, size: sizes.get(n.id) ?? MIN_SIZE },
        position: positions?.get(n.id) ?? { x: n.x ?? 0, y: n.y ?? 0 },
        classes: [
          endedBy(n.until, state.to) ? 'ended' : '',
          state.highlights.gaps && visible.gaps.has(n.id) ? 'gap' : '',
          state.highlights.isolated && visible.isolated.has(n.id) ? 'isolated' : '',
          state.highlights.brokers && visible.brokers.has(n.id) ? 'broker' : '',
        ].filter(Boolean),
      })),
      ...visible.edges.map((e) => ({
        group: 'edges' as const,
        data: {
          id: `${e.source}|${e.target}|${e.type}`,
          source: e.source,
          target: e.target,
          type: e.type,
          width: 1 + (4 * e.weight) / maxWeight,
        },
        classes: endedBy(e.until, state.to) ? ['ended'] : [],
      })),
      ...visible.suggested.map((s) => ({
        group: 'edges' as const,
        data: {
          id: `suggested|${s.source}|${s.target}`,
          source: s.source,
          target: s.target,
          type: 'SUGGESTED',
          width: 3,
        },
        classes: ['suggested'],
      })),
    ];
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    this.cy.layout({ name: 'preset', fit: true, padding: 30 }).run();
  }

  showPath(ids: string[]): void {
    this.cy.elements().removeClass('on-path');
    ids.forEach((id, i) => {
      this.cy.getElementById(id).addClass('on-path');
      const next = ids[i + 1];
      if (next)
        this.cy
          .edges()
          .filter(
            (e) =>
              (e.source().id() === id && e.target().id() === next) ||
              (e.source().id() === next && e.target().id() === id),
          )
          .addClass('on-path');
    });
  }

  select(id: string): void {
    this.cy.nodes().unselect();
    const node = this.cy.getElementById(id);
    if (node.nonempty()) {
      node.select();
      this.cy.animate({ center: { eles: node } }, { duration: 200 });
    }
  }

  /** Where a node is drawn, in pixels from the map's top left corner; null when it is not shown. */
  renderedPosition(id: string): { x: number; y: number } | null {
    const node = this.cy.getElementById(id);
    return node.nonempty() ? node.renderedPosition() : null;
  }

  /** How a node is drawn (for checking that each type has its own look); null when it is not shown. */
  drawnAs(id: string): { shape: string; colour: string } | null {
    const node = this.cy.getElementById(id);
    return node.nonempty()
      ? { shape: String(node.style('shape')), colour: String(node.style('background-color')) }
      : null;
  }

  counts(): { nodes: number; edges: number; endedEdges: number; suggestedEdges: number } {
    const suggestedEdges = this.cy.edges('.suggested').length;
    return {
      nodes: this.cy.nodes().length,
      edges: this.cy.edges().length - suggestedEdges,
      endedEdges: this.cy.edges('.ended').length,
      suggestedEdges,
    };
  }

  png(): string {
    return this.cy.png({ full: true, bg: '#ffffff', scale: 2 });
  }

  resize(): void {
    this.cy.resize();
    this.cy.fit(undefined, 30);
  }
}

function sizeBy(visible: Visible, measure: SizeMeasure): Map<string, number> {
  const values =
    measure === 'betweenness' ? visible.betweenness : measure === 'degree' ? visible.degree : new Map<string, number>();
  const max = Math.max(0, ...visible.nodes.map((n) => values.get(n.id) ?? 0));
  return new Map(
    visible.nodes.map((n) => [
      n.id,
      max === 0 ? 22 : MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt((values.get(n.id) ?? 0) / max),
    ]),
  );
}

/** Each district's actors around their own spot on a grid, the district nodes at the centres. */
function arrangeByDistrict(visible: Visible): Map<string, { x: number; y: number }> {
  const districts = [...new Set(visible.nodes.map((n) => n.districtAgs ?? '?'))].sort();
  const columns = Math.ceil(Math.sqrt(districts.length));
  const cell = 420;
  const positions = new Map<string, { x: number; y: number }>();
  for (const [index, ags] of districts.entries()) {
    const members = visible.nodes.filter((n) => (n.districtAgs ?? '?') === ags);
    const xs = members.map((n) => n.x ?? 0);
    const ys = members.map((n) => n.y ?? 0);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const scale = (cell * 0.8) / Math.max(1, maxX - minX, maxY - minY);
    const centre = { x: (index % columns) * cell, y: Math.floor(index / columns) * cell };
    for (const n of members) {
      positions.set(n.id, {
        x: centre.x + ((n.x ?? 0) - (minX + maxX) / 2) * scale,
        y: centre.y + ((n.y ?? 0) - (minY + maxY) / 2) * scale,
      });
    }
  }
  return positions;
}

/** Ended within what the map shows: by the end of the chosen period (or at all, without one). */
function endedBy(until: string | null | undefined, periodEnd: string | null): boolean {
  return Boolean(until && (!periodEnd || until <= periodEnd));
}
