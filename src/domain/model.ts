// The entities of an integration coordination network. Plain data, no behaviour:
// the rules live in rules.ts, storage behind ports/graph-store.port.ts.

export const DISTRICT_KINDS = ['LANDKREIS', 'KREISFREIE_STADT'] as const;
export type DistrictKind = (typeof DISTRICT_KINDS)[number];

export const VISIBILITIES = ['PUBLIC', 'NETWORK', 'COORDINATORS', 'PRIVATE'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const CHANNEL_KINDS = ['EMAIL', 'PHONE', 'MATRIX', 'DISCORD'] as const;
type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const ROLES = [
  'KIK',
  'KOORDINATIONSKRAFT',
  'BEAUFTRAGTE',
  'VOLUNTEER',
  'INSTITUTION_CONTACT',
  'ANALYST',
  'ADMIN',
] as const;
export type Role = (typeof ROLES)[number];
/** The roles of the district coordination: their work moves to a successor when one ends. */
const COORDINATING_ROLES = ['KIK', 'KOORDINATIONSKRAFT'] as const satisfies readonly Role[];
export type CoordinatingRole = (typeof COORDINATING_ROLES)[number];
export const isCoordinatingRole = (role: Role): role is CoordinatingRole =>
  (COORDINATING_ROLES as readonly Role[]).includes(role);

export const INSTITUTION_TYPES = [
  'POLICE',
  'EMPLOYMENT_AGENCY',
  'JOBCENTER',
  'HOSPITAL',
  'SCHOOL',
  'WELFARE',
  'AUTHORITY',
  'OTHER',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export const FUNDING_LEVELS = ['EU', 'BUND', 'LAND', 'STIFTUNG'] as const;
export type FundingLevel = (typeof FUNDING_LEVELS)[number];

/** Links stored explicitly. Membership, employment and location follow from roles and fields. */
export const LINK_TYPES = ['SERVES', 'ACTIVE_IN', 'EXPERT_IN', 'COOPERATES_WITH', 'PARTNER_IN'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const ENTITY_KINDS = [
  'District',
  'Municipality',
  'Person',
  'Alliance',
  'Institution',
  'Topic',
  'FundingProgram',
  'Project',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface District {
  kind: 'District';
  id: string;
  /** Amtlicher Gemeindeschlüssel of the district, five digits. */
  ags: string;
  name: string;
  districtKind: DistrictKind;
  /** Two-digit state prefix of the AGS, e.g. "14" for Saxony. */
  stateCode: string;
  population: number | null;
  areaKm2: number | null;
}

export interface Municipality {
  kind: 'Municipality';
  id: string;
  ags: string | null;
  name: string;
  districtAgs: string;
  /** Inhabitants, where known. */
  population?: number | null;
}

export interface ContactChannel {
  channel: ChannelKind;
  value: string;
  visibility: Visibility;
}

export interface Person {
  kind: 'Person';
  id: string;
  name: string;
  languages: string[];
  channels: ContactChannel[];
  demo: boolean;
}

export interface Alliance {
  kind: 'Alliance';
  id: string;
  name: string;
  districtAgs: string;
  topicIds: string[];
  demo: boolean;
}

export interface Institution {
  kind: 'Institution';
  id: string;
  name: string;
  institutionType: InstitutionType;
  districtAgs: string;
  municipalityId: string | null;
  demo: boolean;
}

export interface Topic {
  kind: 'Topic';
  id: string;
  name: string;
  nameEn: string;
}

export interface FundingProgram {
  kind: 'FundingProgram';
  id: string;
  name: string;
  level: FundingLevel;
  topicIds: string[];
}

/** Where a project of intercultural opening stands: an idea, applied for funding, running, finished. */
export const PROJECT_STATUSES = ['IDEA', 'APPLIED', 'RUNNING', 'FINISHED'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/**
 * A project of intercultural opening in a municipality (or a district-free city). Its partners
 * (alliances, institutions, people) are PARTNER_IN links, so they end, merge and keep history
 * like every other collaboration.
 */
export interface Project {
  kind: 'Project';
  id: string;
  /** The project's title. */
  name: string;
  districtAgs: string;
  /** The municipality it runs in; null for a project of a Kreisfreie Stadt or the whole district. */
  municipalityId: string | null;
  aims: string;
  status: ProjectStatus;
  topicIds: string[];
  /** The funding call it used or applied to, if any. */
  fundingCallId: string | null;
  /** YYYY-MM-DD: the period it runs, where known. */
  startsOn: string | null;
  endsOn: string | null;
  results: string | null;
  /** The person to ask about it. */
  contactPersonId: string | null;
  demo: boolean;
}

/** What every stored record carries besides its fields: how often it was changed, by whom. */
export interface Revisioned {
  /** 1 when created, one more with every change; absent in records written before versions. */
  version?: number;
  /** Person id of whoever changed the record last (null: the system). */
  changedBy?: string | null;
  /** ISO time of the last change. */
  changedAt?: string;
  /** ISO time someone last confirmed the record is still right without changing it (its owner, yearly). */
  confirmedAt?: string;
  /** ISO date the record came into being, where known (a municipality formed by a merger). */
  since?: string | null;
  /** ISO date the record stopped being active (an alliance dissolved, a municipality merged); absent while active. */
  until?: string | null;
  /** For a municipality merged into another: the one it became part of. */
  mergedInto?: string | null;
}

export type Entity = (District | Municipality | Person | Alliance | Institution | Topic | FundingProgram | Project) &
  Revisioned;

export interface RoleAssignment {
  id: string;
  personId: string;
  role: Role;
  /** District, municipality, alliance or institution the role is held in; null for ANALYST and ADMIN. */
  scopeId: string | null;
  /** ISO date the role began, where known. */
  since?: string | null;
  /** ISO date the role ended (the first day it no longer held); null or absent while it holds. */
  until?: string | null;
}

export interface Link {
  id: string;
  type: LinkType;
  fromId: string;
  toId: string;
  /** ISO date (YYYY-MM-DD) the collaboration started, where known. */
  since: string | null;
  note: string | null;
  /** ISO date the collaboration ended (the first day without it); null or absent while it lasts. */
  until?: string | null;
}

/** Everything one import or seed writes, in the order it is written. */
export interface NetworkBundle {
  districts: District[];
  municipalities: Municipality[];
  topics: Topic[];
  fundingPrograms: FundingProgram[];
  persons: Person[];
  alliances: Alliance[];
  institutions: Institution[];
  projects: Project[];
  roles: RoleAssignment[];
  links: Link[];
}

export function emptyBundle(): NetworkBundle {
  return {
    districts: [],
    municipalities: [],
    topics: [],
    fundingPrograms: [],
    persons: [],
    alliances: [],
    institutions: [],
    projects: [],
    roles: [],
    links: [],
  };
}
