import type { Language } from './i18n.js';
import { EDGE_TYPES, KINDS, type EdgeType, type Kind } from './palette.js';

// Everything that makes up a view lives in the URL, so a link restores it.

export type SizeMeasure = 'degree' | 'betweenness' | 'uniform';

export interface ViewState {
  /** A district's AGS, or null for the whole network. */
  district: string | null;
  kinds: Kind[];
  edgeTypes: EdgeType[];
  size: SizeMeasure;
  focus: string | null;
  hops: 1 | 2;
  highlights: { gaps: boolean; isolated: boolean; brokers: boolean; suggested: boolean };
  byDistrict: boolean;
  view: 'map' | 'table';
  language: Language;
  /** Only actors working on this topic (linked to it). */
  topic: string | null;
  /** Only collaboration active within this window (YYYY-MM-DD, either end open). */
  from: string | null;
  to: string | null;
}

const list = <T extends string>(value: string | null, allowed: readonly T[]): T[] | null => {
  if (value === null) return null;
  return value.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
};

const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

export function readState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const size = p.get('size');
  return {
    district: /^\d{5}$/.test(p.get('district') ?? '') ? p.get('district') : null,
    kinds: list(p.get('types'), KINDS) ?? KINDS.filter((k) => k !== 'Topic' && k !== 'FundingProgram'),
    edgeTypes: list(p.get('links'), EDGE_TYPES) ?? [...EDGE_TYPES],
    size: size === 'betweenness' || size === 'uniform' ? size : 'degree',
    focus: p.get('focus'),
    hops: p.get('hops') === '2' ? 2 : 1,
    highlights: {
      gaps: p.get('gaps') === '1',
      isolated: p.get('isolated') === '1',
      brokers: p.get('brokers') === '1',
      suggested: p.get('suggested') === '1',
    },
    byDistrict: p.get('arrange') === 'district',
    view: p.get('view') === 'table' ? 'table' : 'map',
    language: p.get('lang') === 'en' ? 'en' : 'de',
    topic: p.get('topic'),
    from: day(p.get('from')),
    to: day(p.get('to')),
  };
}

export function writeState(state: ViewState): string {
  const p = new URLSearchParams();
  if (state.district) p.set('district', state.district);
  p.set('types', state.kinds.join(','));
  if (state.edgeTypes.length !== EDGE_TYPES.length) p.set('links', state.edgeTypes.join(','));
  if (state.size !== 'degree') p.set('size', state.size);
  if (state.focus) {
    p.set('focus', state.focus);
    p.set('hops', String(state.hops));
  }
  if (state.highlights.gaps) p.set('gaps', '1');
  if (state.highlights.isolated) p.set('isolated', '1');
  if (state.highlights.brokers) p.set('brokers', '1');
  if (state.highlights.suggested) p.set('suggested', '1');
  if (state.byDistrict) p.set('arrange', 'district');
  if (state.view === 'table') p.set('view', 'table');
  if (state.language === 'en') p.set('lang', 'en');
  if (state.topic) p.set('topic', state.topic);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  return `?${p.toString()}`;
}
