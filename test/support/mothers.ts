import { districtId, entityId } from '../../src/domain/ids.js';
import {
  emptyBundle,
  type District,
  type Municipality,
  type NetworkBundle,
  type Person,
} from '../../src/domain/model.js';

// Small, readable networks for tests: a Landkreis "Testkreis" with three towns, a second
// Landkreis "Nachbarkreis", and a kreisfreie Stadt "Teststadt".

export const LANDKREIS = '99001';
export const NACHBARKREIS = '99002';
export const STADT = '99003';

function district(ags: string, name: string, kind: District['districtKind'] = 'LANDKREIS'): District {
  return {
    kind: 'District',
    id: districtId(ags),
    ags,
    name,
    districtKind: kind,
    stateCode: ags.slice(0, 2),
    population: 123_456,
    areaKm2: 987.5,
  };
}

export function municipality(districtAgs: string, name: string): Municipality {
  return {
    kind: 'Municipality',
    id: entityId('Municipality', `${districtAgs}-${name.toLowerCase()}`),
    ags: null,
    name,
    districtAgs,
  };
}

export function person(key: string, name: string): Person {
  return {
    kind: 'Person',
    id: entityId('Person', key),
    name,
    languages: ['de', 'uk'],
    channels: [
      { channel: 'EMAIL', value: `${key}@example.invalid`, visibility: 'NETWORK' },
      { channel: 'PHONE', value: '+49 351 000000', visibility: 'PRIVATE' },
    ],
    demo: false,
  };
}

export function smallNetwork(): NetworkBundle {
  const b = emptyBundle();
  b.districts.push(
    district(LANDKREIS, 'Testkreis'),
    district(NACHBARKREIS, 'Nachbarkreis'),
    district(STADT, 'Teststadt', 'KREISFREIE_STADT'),
  );
  b.municipalities.push(
    municipality(LANDKREIS, 'Meißen'),
    municipality(LANDKREIS, 'Radebeul'),
    municipality(LANDKREIS, 'Coswig'),
    municipality(NACHBARKREIS, 'Pirna'),
  );
  b.topics.push({ kind: 'Topic', id: 'topic:language', name: 'Sprache', nameEn: 'Language' });
  b.persons.push(person('kik-1', 'Anna Weber'), person('kk-1', 'Jonas Koch'), person('vol-1', 'Lea Lange'));
  b.alliances.push({
    kind: 'Alliance',
    id: 'alliance:welcome',
    name: 'Willkommensbündnis Radebeul',
    districtAgs: LANDKREIS,
    topicIds: ['topic:language'],
    demo: false,
  });
  b.institutions.push({
    kind: 'Institution',
    id: 'institution:jobcenter',
    name: 'Jobcenter Testkreis',
    institutionType: 'JOBCENTER',
    districtAgs: LANDKREIS,
    municipalityId: municipality(LANDKREIS, 'Meißen').id,
    demo: false,
  });
  b.roles.push(
    { id: 'role:kik-1', personId: 'person:kik-1', role: 'KIK', scopeId: districtId(LANDKREIS) },
    { id: 'role:kk-1', personId: 'person:kk-1', role: 'KOORDINATIONSKRAFT', scopeId: districtId(LANDKREIS) },
    { id: 'role:vol-1', personId: 'person:vol-1', role: 'VOLUNTEER', scopeId: 'alliance:welcome' },
  );
  b.links.push(
    {
      id: 'link:serves-radebeul',
      type: 'SERVES',
      fromId: 'person:kik-1',
      toId: municipality(LANDKREIS, 'Radebeul').id,
      since: '2016-09-01',
      note: null,
    },
    {
      id: 'link:coop',
      type: 'COOPERATES_WITH',
      fromId: 'person:kik-1',
      toId: 'alliance:welcome',
      since: '2019-05-01',
      note: 'Sprachcafé',
    },
    {
      id: 'link:active',
      type: 'ACTIVE_IN',
      fromId: 'alliance:welcome',
      toId: municipality(LANDKREIS, 'Radebeul').id,
      since: null,
      note: null,
    },
  );
  return b;
}
