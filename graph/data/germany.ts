import seedrandom from 'seedrandom';
import type { District, NetworkBundle } from '../../src/domain/model.js';
import { germanDistricts } from './districts.js';
import { addStaff, buildNetwork } from './network-builder.js';
import { SAXON_TOWNS } from './saxony-demo.js';

// A synthetic network the size of Germany: all 401 districts, about 11,000 municipalities
// (Saxony keeps its real towns), tens of thousands of people and a few hundred thousand links.
// Deterministic: the same seed gives the same network.

const TOTAL_MUNICIPALITIES = 11_000;
const PREFIX = ['Alt', 'Neu', 'Ober', 'Nieder', 'Groß', 'Klein', 'Hohen', 'Bad ', 'Unter', 'Mittel'];
const ROOT = [
  'linden',
  'eichen',
  'birken',
  'mühl',
  'rosen',
  'stein',
  'wald',
  'kirch',
  'buchen',
  'erlen',
  'tann',
  'weiden',
];
const SUFFIX = ['bach', 'dorf', 'feld', 'hausen', 'heim', 'stedt', 'burg', 'au', 'berg', 'walde', 'ow', 'itz'];

export function germanyNetwork(seed = 'germany-1'): NetworkBundle {
  const random = seedrandom(seed);
  const districts = germanDistricts();
  const landkreise = districts.filter((d) => d.districtKind === 'LANDKREIS');
  const totalArea = landkreise.reduce((sum, d) => sum + (d.areaKm2 ?? 0), 0);
  const towns = new Map<string, string[]>();
  for (const d of landkreise) {
    const real = SAXON_TOWNS.get(d.ags) ?? [];
    const wanted = Math.max(5, Math.round(((d.areaKm2 ?? 0) / totalArea) * TOTAL_MUNICIPALITIES));
    towns.set(d.ags, [...real, ...syntheticTowns(d, Math.max(0, wanted - real.length), random, new Set(real))]);
  }
  const bundle = buildNetwork(districts, towns, {
    seed,
    kikPerLandkreis: (n) => Math.min(10, Math.ceil(n / 4)),
    alliancesPerDistrict: 12,
    volunteersPerAlliance: 6,
    isolatedAllianceShare: 0.1,
    cooperationsPerDistrict: 550,
  });
  addStaff(bundle, seed);
  return bundle;
}

function syntheticTowns(district: District, count: number, random: () => number, taken: Set<string>): string[] {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const names: string[] = [];
  for (let tries = 0; names.length < count && tries < count * 20; tries++) {
    const prefix = pick(PREFIX);
    const root = pick(ROOT);
    // "Bad " stands apart, so its root starts a word of its own: "Bad Lindenbach", "Neulindenbach".
    const normalised = `${prefix}${prefix.endsWith(' ') ? root[0]!.toUpperCase() + root.slice(1) : root}${pick(SUFFIX)}`;
    if (taken.has(normalised)) continue;
    taken.add(normalised);
    names.push(normalised);
  }
  // Past the combinations, number the rest so every town of a district has its own name.
  for (let i = names.length; i < count; i++) names.push(`${district.name} Ortsteil ${i + 1}`);
  return names;
}
