import { entityId, slug } from '../../src/domain/ids.js';
import {
  emptyBundle,
  type Alliance,
  type District,
  type Institution,
  type InstitutionType,
  type Link,
  type LinkType,
  type Municipality,
  type NetworkBundle,
  type Person,
  type Role,
} from '../../src/domain/model.js';
import { PersonFactory } from './people.js';
import { standardFundingPrograms, standardTopics, topicId } from './topics.js';

// Builds a coordination network that follows the rules of DOMAIN.md: per district one
// Koordinationskraft, per Landkreis KIK who together serve every municipality, Beauftragte,
// alliances with volunteers, institutions with contacts, and collaboration links.
// Used for the Saxon demo and, with other sizes, for the Germany-scale network.

export interface NetworkShape {
  seed: string;
  kikPerLandkreis: (municipalityCount: number) => number;
  alliancesPerDistrict: number;
  volunteersPerAlliance: number;
  /** Share of alliances left without any link to a coordinator (for the analytics to find). */
  isolatedAllianceShare: number;
  /** Extra cooperation links between random actors of a district (for scale data). */
  cooperationsPerDistrict?: number;
}

const INSTITUTIONS: [InstitutionType, string, string][] = [
  ['JOBCENTER', 'Jobcenter', 'labour-market'],
  ['POLICE', 'Polizeirevier', 'integration'],
  ['HOSPITAL', 'Klinikum', 'health'],
  ['SCHOOL', 'Oberschule', 'education'],
  ['WELFARE', 'Migrationsberatung', 'accompaniment'],
];
const ALLIANCE_NAMES = [
  'Willkommensbündnis',
  'Netzwerk Integration',
  'Patenschaftsprojekt',
  'Begegnungscafé',
  'Bündnis Weltoffen',
];
const ALLIANCE_TOPICS = ['accompaniment', 'language', 'accommodation', 'education', 'integration'];

export function buildNetwork(
  districts: District[],
  townsByAgs: Map<string, string[]>,
  shape: NetworkShape,
): NetworkBundle {
  const bundle = emptyBundle();
  const people = new PersonFactory(shape.seed);
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}:demo-${++counter}`;
  const role = (personId: string, r: Role, scopeId: string | null) =>
    bundle.roles.push({ id: nextId('role'), personId, role: r, scopeId });
  const link = (
    type: LinkType,
    fromId: string,
    toId: string,
    since: string | null = null,
    note: string | null = null,
  ) => bundle.links.push({ id: nextId('link'), type, fromId, toId, since, note } satisfies Link);

  bundle.districts.push(...districts);
  bundle.topics.push(...standardTopics());
  bundle.fundingPrograms.push(...standardFundingPrograms());

  for (const district of districts) {
    const key = `demo-${district.ags}`;
    const municipalities: Municipality[] = (townsByAgs.get(district.ags) ?? []).map((name) => ({
      kind: 'Municipality',
      id: entityId('Municipality', `${district.ags}-${slug(name)}`),
      ags: null,
      name,
      districtAgs: district.ags,
    }));
    if (district.districtKind === 'LANDKREIS') bundle.municipalities.push(...municipalities);
    const coordinatorVisibility = { email: 'NETWORK', phone: 'COORDINATORS' } as const;

    const kk = people.person(entityId('Person', `${key}-koordinationskraft`), coordinatorVisibility);
    bundle.persons.push(kk);
    role(kk.id, 'KOORDINATIONSKRAFT', district.id);
    link('EXPERT_IN', kk.id, topicId('funding'));

    const beauftragte = people.person(entityId('Person', `${key}-beauftragte`), { email: 'PUBLIC', phone: 'NETWORK' });
    bundle.persons.push(beauftragte);
    role(beauftragte.id, 'BEAUFTRAGTE', district.id);
    link('COOPERATES_WITH', kk.id, beauftragte.id, '2017-01-01');

    const kiks: Person[] = [];
    if (district.districtKind === 'LANDKREIS' && municipalities.length) {
      const count = Math.min(shape.kikPerLandkreis(municipalities.length), municipalities.length);
      for (let i = 0; i < count; i++) {
        const kik = people.person(entityId('Person', `${key}-kik-${i + 1}`), coordinatorVisibility);
        bundle.persons.push(kik);
        role(kik.id, 'KIK', district.id);
        link('COOPERATES_WITH', kik.id, kk.id, '2016-09-01', 'Dienstberatung');
        link('EXPERT_IN', kik.id, topicId(people.pick(['accommodation', 'integration', 'intercultural-opening'])));
        kiks.push(kik);
      }
      municipalities.forEach((m, i) => link('SERVES', kiks[i % kiks.length]!.id, m.id, '2016-09-01'));
    }

    const institutions: Institution[] = INSTITUTIONS.map(([type, label, topic], i) => {
      const town = municipalities[i % Math.max(1, municipalities.length)];
      const institution: Institution = {
        kind: 'Institution',
        id: entityId('Institution', `${key}-${type.toLowerCase()}`),
        name: type === 'JOBCENTER' ? `${label} ${district.name}` : `${label} ${town?.name ?? district.name}`,
        institutionType: type,
        districtAgs: district.ags,
        municipalityId: district.districtKind === 'LANDKREIS' ? (town?.id ?? null) : null,
        demo: true,
      };
      const contact = people.person(entityId('Person', `${key}-${type.toLowerCase()}-contact`), {
        email: 'NETWORK',
        phone: 'PRIVATE',
      });
      bundle.persons.push(contact);
      role(contact.id, 'INSTITUTION_CONTACT', institution.id);
      link('EXPERT_IN', contact.id, topicId(topic));
      link('COOPERATES_WITH', kk.id, institution.id, '2018-03-01');
      return institution;
    });
    bundle.institutions.push(...institutions);

    for (let a = 0; a < shape.alliancesPerDistrict; a++) {
      const home = municipalities[(a * 2) % Math.max(1, municipalities.length)];
      const alliance: Alliance = {
        kind: 'Alliance',
        id: entityId('Alliance', `${key}-${a + 1}`),
        name: `${ALLIANCE_NAMES[a % ALLIANCE_NAMES.length]} ${home?.name ?? district.name}`,
        districtAgs: district.ags,
        topicIds: [topicId(ALLIANCE_TOPICS[a % ALLIANCE_TOPICS.length]!), topicId('integration')],
        demo: true,
      };
      bundle.alliances.push(alliance);
      const active = municipalities.slice((a * 2) % Math.max(1, municipalities.length)).slice(0, 2);
      for (const m of active) link('ACTIVE_IN', alliance.id, m.id);
      for (let v = 0; v < shape.volunteersPerAlliance; v++) {
        const volunteer = people.person(entityId('Person', `${key}-alliance-${a + 1}-volunteer-${v + 1}`), {
          email: 'PRIVATE',
          phone: 'PRIVATE',
        });
        bundle.persons.push(volunteer);
        role(volunteer.id, 'VOLUNTEER', alliance.id);
      }
      if (people.chance(shape.isolatedAllianceShare)) continue;
      const servingKik = home ? kiks[municipalities.indexOf(home) % Math.max(1, kiks.length)] : undefined;
      link('COOPERATES_WITH', servingKik?.id ?? kk.id, alliance.id, '2019-05-01');
      link('COOPERATES_WITH', alliance.id, institutions[a % institutions.length]!.id);
    }
    addRandomCooperations(bundle, district.ags, shape.cooperationsPerDistrict ?? 0, people, link);
  }
  // The Koordinationskräfte of neighbouring districts (by AGS) exchange at state level.
  districts.forEach((d, i) => {
    const next = districts[i + 1];
    if (next && next.stateCode === d.stateCode)
      link(
        'COOPERATES_WITH',
        entityId('Person', `demo-${d.ags}-koordinationskraft`),
        entityId('Person', `demo-${next.ags}-koordinationskraft`),
        '2017-06-01',
        'Landesweiter Austausch',
      );
  });
  return bundle;
}

/** The hub's own staff: an analyst and an admin, for trying the access rules. */
export function addStaff(bundle: NetworkBundle, seed: string): void {
  const people = new PersonFactory(`${seed}-staff`);
  const analyst = people.person(entityId('Person', 'demo-analyst'), { email: 'COORDINATORS', phone: 'PRIVATE' });
  const admin = people.person(entityId('Person', 'demo-admin'), { email: 'COORDINATORS', phone: 'PRIVATE' });
  bundle.persons.push(analyst, admin);
  bundle.roles.push(
    { id: 'role:demo-analyst', personId: analyst.id, role: 'ANALYST', scopeId: null },
    { id: 'role:demo-admin', personId: admin.id, role: 'ADMIN', scopeId: null },
  );
}

function addRandomCooperations(
  bundle: NetworkBundle,
  ags: string,
  count: number,
  people: PersonFactory,
  link: (type: LinkType, fromId: string, toId: string) => void,
): void {
  if (count === 0) return;
  const actors = [
    ...bundle.persons.filter((p) => p.id.includes(`demo-${ags}-`)).map((p) => p.id),
    ...bundle.alliances.filter((a) => a.districtAgs === ags).map((a) => a.id),
    ...bundle.institutions.filter((i) => i.districtAgs === ags).map((i) => i.id),
  ];
  const seen = new Set<string>();
  for (let tries = 0; seen.size < count && tries < count * 3; tries++) {
    const a = people.pick(actors);
    const b = people.pick(actors);
    const pair = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (a === b || seen.has(pair)) continue;
    seen.add(pair);
    link('COOPERATES_WITH', a, b);
  }
}
