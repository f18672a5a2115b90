import type { EdgeType, EntityKind } from './operations.generated.js';

// Colour and shape per actor type. Okabe-Ito colours stay apart for the common colour-vision
// deficiencies, and every type also has its own shape, so no meaning rests on colour alone.

export const KINDS = [
  'District',
  'Municipality',
  'Person',
  'Alliance',
  'Institution',
  'Topic',
  'FundingProgram',
  'Project',
] as const satisfies readonly EntityKind[];
/** An actor type as the schema names it; KIND_STYLE below must give every one a colour and shape. */
export type Kind = EntityKind;

export const EDGE_TYPES = [
  'SERVES',
  'ACTIVE_IN',
  'EXPERT_IN',
  'ABOUT',
  'COOPERATES_WITH',
  'PARTNER_IN',
  'ROLE',
  'MEMBER_OF',
  'WORKS_AT',
  'PART_OF',
  'LOCATED_IN',
  'MET',
  'ROUTED_REQUEST',
  'CROSS_DISTRICT',
] as const satisfies readonly EdgeType[];
/** Fails to compile when the schema gains an edge type the legend does not list. */
const everyEdgeTypeListed: [Exclude<EdgeType, (typeof EDGE_TYPES)[number]>] extends [never] ? true : false = true;
void everyEdgeTypeListed;

export const KIND_STYLE: Record<
  Kind,
  {
    colour: string;
    shape: 'hexagon' | 'round-rectangle' | 'ellipse' | 'triangle' | 'rectangle' | 'diamond' | 'star' | 'pentagon';
  }
> = {
  District: { colour: '#000000', shape: 'hexagon' },
  Municipality: { colour: '#0072B2', shape: 'round-rectangle' },
  Person: { colour: '#E69F00', shape: 'ellipse' },
  Alliance: { colour: '#009E73', shape: 'triangle' },
  Institution: { colour: '#CC79A7', shape: 'rectangle' },
  Topic: { colour: '#56B4E9', shape: 'diamond' },
  FundingProgram: { colour: '#D55E00', shape: 'star' },
  // Okabe-Ito's last colour, yellow, marks paths and is too light on white: Tol's wine instead.
  Project: { colour: '#882255', shape: 'pentagon' },
};

export type { EdgeType };

/** The small SVG used in the legend and the table, so the shape reads the same everywhere. */
export function kindIcon(kind: Kind): string {
  const { colour, shape } = KIND_STYLE[kind];
  const body: Record<typeof shape, string> = {
    hexagon: '<polygon points="4,1 12,1 15,8 12,15 4,15 1,8"/>',
    'round-rectangle': '<rect x="1" y="3" width="14" height="10" rx="3"/>',
    ellipse: '<circle cx="8" cy="8" r="7"/>',
    triangle: '<polygon points="8,1 15,15 1,15"/>',
    rectangle: '<rect x="2" y="2" width="12" height="12"/>',
    diamond: '<polygon points="8,1 15,8 8,15 1,8"/>',
    pentagon: '<polygon points="8,1 15,6 12,15 4,15 1,6"/>',
    star: '<polygon points="8,1 10,6 15,6 11,9 13,15 8,11 3,15 5,9 1,6 6,6"/>',
  };
  return `<svg class="kind-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="${colour}">${body[shape]}</svg>`;
}
