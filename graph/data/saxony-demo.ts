import type { NetworkBundle } from '../../src/domain/model.js';
import { districtsOfState } from './districts.js';
import { addStaff, buildNetwork } from './network-builder.js';
import { addDemoProjects } from './projects-demo.js';

// The demo network: the 13 Saxon districts, real towns of each Landkreis, fictional people.

export const SAXON_TOWNS = new Map<string, string[]>([
  [
    '14521',
    [
      'Annaberg-Buchholz',
      'Aue-Bad Schlema',
      'Marienberg',
      'Stollberg/Erzgeb.',
      'Schwarzenberg/Erzgeb.',
      'Olbernhau',
      'Zschopau',
    ],
  ],
  ['14522', ['Freiberg', 'Döbeln', 'Mittweida', 'Flöha', 'Frankenberg/Sa.', 'Rochlitz']],
  [
    '14523',
    ['Plauen', 'Reichenbach im Vogtland', 'Auerbach/Vogtl.', 'Oelsnitz/Vogtl.', 'Markneukirchen', 'Klingenthal'],
  ],
  ['14524', ['Zwickau', 'Crimmitschau', 'Glauchau', 'Werdau', 'Limbach-Oberfrohna', 'Hohenstein-Ernstthal']],
  ['14625', ['Bautzen', 'Hoyerswerda', 'Kamenz', 'Radeberg', 'Bischofswerda', 'Pulsnitz']],
  ['14626', ['Görlitz', 'Zittau', 'Löbau', 'Niesky', 'Weißwasser/O.L.', 'Ebersbach-Neugersdorf']],
  ['14627', ['Meißen', 'Radebeul', 'Coswig', 'Riesa', 'Großenhain', 'Moritzburg']],
  ['14628', ['Pirna', 'Freital', 'Dippoldiswalde', 'Heidenau', 'Sebnitz', 'Bad Schandau']],
  ['14729', ['Borna', 'Grimma', 'Markkleeberg', 'Wurzen', 'Markranstädt', 'Böhlen']],
  ['14730', ['Torgau', 'Delitzsch', 'Eilenburg', 'Oschatz', 'Schkeuditz', 'Taucha']],
]);

const DEMO_SEED = 'saxony-demo-1';

export function saxonyDemo(): NetworkBundle {
  const bundle = buildNetwork(districtsOfState('14'), SAXON_TOWNS, {
    seed: DEMO_SEED,
    kikPerLandkreis: (towns) => Math.ceil(towns / 3),
    alliancesPerDistrict: 2,
    volunteersPerAlliance: 2,
    isolatedAllianceShare: 0.15,
  });
  addStaff(bundle, DEMO_SEED);
  addDemoProjects(bundle);
  return bundle;
}
