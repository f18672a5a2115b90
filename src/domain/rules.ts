import type { Language } from './language.js';
import {
  AlreadyEnded,
  DuplicateId,
  InvalidInput,
  KikLimitReached,
  KikRequiresLandkreis,
  KikServesOutsideDistrict,
  KoordinationskraftTaken,
  LinkEndpointsInvalid,
  MunicipalityRequiresLandkreis,
  NotFound,
  PeriodInvalid,
  ProjectOutsideDistrict,
  RoleScopeInvalid,
} from './errors.js';
import { districtId, kindOfId } from './ids.js';
import type {
  Entity,
  EntityKind,
  Link,
  LinkType,
  Municipality,
  Person,
  Project,
  Role,
  RoleAssignment,
} from './model.js';

// The rules of DOMAIN.md, in one place. Every write, whatever the interface, runs one of the
// checks below inside the store's transaction, on the facts the store read in that transaction.

export interface RuleSettings {
  /** Most Kommunale Integrationskoordinatoren a Landkreis may have (10 in Saxony). */
  kikLimitPerLandkreis: number;
}

/** What the store knows about the ids a write refers to, read inside the write's transaction. */
export interface WriteFacts {
  entity(id: string): Entity | undefined;
  /** Role assignments held by the given person or held in the given scope. */
  rolesOf(id: string): readonly RoleAssignment[];
  rolesIn(scopeId: string): readonly RoleAssignment[];
  roleExists(id: string): boolean;
  linkExists(id: string): boolean;
}

function need<K extends EntityKind>(facts: WriteFacts, id: string, kind: K): Extract<Entity, { kind: K }> {
  const found = facts.entity(id);
  if (!found || found.kind !== kind) throw new NotFound(kind, id);
  return found as Extract<Entity, { kind: K }>;
}

function ensureNew(facts: WriteFacts, id: string): void {
  if (facts.entity(id)) throw new DuplicateId(id);
}

export function checkNewEntity(entity: Entity, facts: WriteFacts): void {
  ensureNew(facts, entity.id);
  checkEntityReferences(entity, facts);
}

/** What an entity refers to exists and fits: its district, topics, municipality. */
export function checkEntityReferences(entity: Entity, facts: WriteFacts): void {
  switch (entity.kind) {
    case 'Municipality':
      return checkMunicipalityDistrict(entity, facts);
    case 'Alliance':
      need(facts, districtId(entity.districtAgs), 'District');
      return entity.topicIds.forEach((t) => need(facts, t, 'Topic'));
    case 'Institution': {
      need(facts, districtId(entity.districtAgs), 'District');
      const town = entity.municipalityId ? need(facts, entity.municipalityId, 'Municipality') : null;
      if (town && town.districtAgs !== entity.districtAgs)
        throw new InvalidInput('municipalityId', `${town.name} is not part of the institution's district`, {
          field: 'Gemeinde',
          problem: `${town.name} gehört nicht zum Kreis der Institution`,
        });
      if (town?.until) throw new AlreadyEnded('Record', town.until);
      return;
    }
    case 'FundingProgram':
      return entity.topicIds.forEach((t) => need(facts, t, 'Topic'));
    case 'Project':
      return checkProjectReferences(entity, facts);
    default:
      return;
  }
}

function checkProjectReferences(project: Project, facts: WriteFacts): void {
  const district = need(facts, districtId(project.districtAgs), 'District');
  if (project.municipalityId) {
    const municipality = need(facts, project.municipalityId, 'Municipality');
    if (municipality.until) throw new AlreadyEnded('Record', municipality.until);
    if (municipality.districtAgs !== district.ags)
      throw new ProjectOutsideDistrict(project.name, municipality.name, district.name);
  }
  project.topicIds.forEach((t) => need(facts, t, 'Topic'));
  if (project.contactPersonId) need(facts, project.contactPersonId, 'Person');
  if (project.startsOn && project.endsOn && project.endsOn < project.startsOn)
    throw new PeriodInvalid(project.startsOn, project.endsOn);
}

function checkMunicipalityDistrict(municipality: Municipality, facts: WriteFacts): void {
  const district = need(facts, districtId(municipality.districtAgs), 'District');
  if (district.districtKind !== 'LANDKREIS') {
    throw new MunicipalityRequiresLandkreis(municipality.name, district.name);
  }
}

const SCOPE_KINDS: Record<Role, EntityKind[] | null> = {
  KIK: ['District'],
  KOORDINATIONSKRAFT: ['District'],
  BEAUFTRAGTE: ['Municipality', 'District'],
  VOLUNTEER: ['Alliance'],
  INSTITUTION_CONTACT: ['Institution'],
  ANALYST: null,
  ADMIN: null,
};

export function checkRoleAssignment(assignment: RoleAssignment, facts: WriteFacts, settings: RuleSettings): void {
  if (facts.roleExists(assignment.id)) throw new DuplicateId(assignment.id);
  checkRoleRules(assignment, facts, settings);
}

/** The rules a role held from now on must keep: its place, the KIK limit, one Koordinationskraft. */
export function checkRoleRules(assignment: RoleAssignment, facts: WriteFacts, settings: RuleSettings): void {
  need(facts, assignment.personId, 'Person');
  const allowed = SCOPE_KINDS[assignment.role];
  if (allowed === null) {
    if (assignment.scopeId !== null) throw new RoleScopeInvalid(assignment.role, []);
    return;
  }
  const scope = assignment.scopeId ? facts.entity(assignment.scopeId) : undefined;
  if (!scope) {
    if (assignment.scopeId && kindOfId(assignment.scopeId))
      throw new NotFound(kindOfId(assignment.scopeId)!, assignment.scopeId);
    throw new RoleScopeInvalid(assignment.role, allowed);
  }
  if (!allowed.includes(scope.kind)) throw new RoleScopeInvalid(assignment.role, allowed);
  if (scope.kind !== 'District') return;

  const holders = facts
    .rolesIn(scope.id)
    .filter((r) => r.role === assignment.role && r.personId !== assignment.personId);
  if (assignment.role === 'KIK') {
    if (scope.districtKind !== 'LANDKREIS') throw new KikRequiresLandkreis(scope.name);
    if (holders.length >= settings.kikLimitPerLandkreis)
      throw new KikLimitReached(scope.name, settings.kikLimitPerLandkreis);
  }
  if (assignment.role === 'KOORDINATIONSKRAFT' && holders.length > 0) throw new KoordinationskraftTaken(scope.name);
}

const LINK_ENDPOINTS: Record<LinkType, { from: EntityKind[]; to: EntityKind[]; describe: Record<Language, string> }> = {
  SERVES: {
    from: ['Person'],
    to: ['Municipality'],
    describe: { en: 'a person (KIK) and a municipality', de: 'eine Person (KIK) und eine Gemeinde' },
  },
  ACTIVE_IN: {
    from: ['Alliance', 'Institution'],
    to: ['Municipality'],
    describe: {
      en: 'an alliance or institution and a municipality',
      de: 'ein Bündnis oder eine Institution und eine Gemeinde',
    },
  },
  EXPERT_IN: {
    from: ['Person', 'Alliance', 'Institution'],
    to: ['Topic'],
    describe: { en: 'an actor and a topic', de: 'eine Person, ein Bündnis oder eine Institution und ein Thema' },
  },
  COOPERATES_WITH: {
    from: ['Person', 'Alliance', 'Institution', 'Municipality', 'District'],
    to: ['Person', 'Alliance', 'Institution', 'Municipality', 'District'],
    describe: { en: 'two different actors', de: 'zwei verschiedene Beteiligte' },
  },
  PARTNER_IN: {
    from: ['Person', 'Alliance', 'Institution'],
    to: ['Project'],
    describe: {
      en: 'a person, alliance or institution and a project',
      de: 'eine Person, ein Bündnis oder eine Institution und ein Projekt',
    },
  },
};

export function checkLink(link: Link, facts: WriteFacts): void {
  if (facts.linkExists(link.id)) throw new DuplicateId(link.id);
  const from = facts.entity(link.fromId);
  const to = facts.entity(link.toId);
  if (!from) throw new NotFound(kindOfId(link.fromId) ?? 'Entity', link.fromId);
  if (!to) throw new NotFound(kindOfId(link.toId) ?? 'Entity', link.toId);
  const endpoints = LINK_ENDPOINTS[link.type];
  if (!endpoints.from.includes(from.kind) || !endpoints.to.includes(to.kind) || from.id === to.id) {
    throw new LinkEndpointsInvalid(link.type, endpoints.describe);
  }
  if (link.type === 'SERVES') checkServes(from as Person, to as Municipality, facts);
}

function checkServes(person: Person, municipality: Municipality, facts: WriteFacts): void {
  const kikHere = facts
    .rolesOf(person.id)
    .some((r) => r.role === 'KIK' && r.scopeId === districtId(municipality.districtAgs));
  if (!kikHere) throw new KikServesOutsideDistrict(person.name, municipality.name);
}
