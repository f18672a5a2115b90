import { createRequire } from 'node:module';
import { districtId } from '../../src/domain/ids.js';
import type { District, DistrictKind } from '../../src/domain/model.js';

// All 401 German districts with area and population, from the npm package
// landkreise-deutschland (Destatis, CC-BY-4.0; attributed in the README).

interface SourceDistrict {
  AGS: string | number;
  type: string;
  name: string;
  area_km2: number;
  population: number;
}

const KIND: Record<string, DistrictKind> = {
  'Kreisfreie Stadt': 'KREISFREIE_STADT',
  Stadtkreis: 'KREISFREIE_STADT',
  Landkreis: 'LANDKREIS',
  Kreis: 'LANDKREIS',
  Regionalverband: 'LANDKREIS',
};

const source = createRequire(import.meta.url)('landkreise-deutschland/data/districts.json') as SourceDistrict[];

export function germanDistricts(): District[] {
  return source.map((d) => {
    const ags = String(d.AGS).padStart(5, '0');
    const kind = KIND[d.type];
    if (!kind) throw new Error(`Unknown district type "${d.type}" for ${d.name}`);
    return {
      kind: 'District',
      id: districtId(ags),
      ags,
      // "Chemnitz, Stadt" -> "Chemnitz"; the kind says it is a city.
      name: d.name.split(',')[0]!.trim(),
      districtKind: kind,
      stateCode: ags.slice(0, 2),
      population: Math.round(d.population),
      areaKm2: d.area_km2,
    };
  });
}

export function districtsOfState(stateCode: string): District[] {
  return germanDistricts().filter((d) => d.stateCode === stateCode);
}
