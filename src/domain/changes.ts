import { DomainError, ImportRowInvalid } from './errors.js';
import { districtId } from './ids.js';
import { emptyBundle, type Entity, type Link, type NetworkBundle, type RoleAssignment } from './model.js';
import { checkLink, checkNewEntity, checkRoleAssignment, type RuleSettings, type WriteFacts } from './rules.js';

// A write is a bundle of new things. validateChanges walks it in order over the stored facts
// plus what the bundle added so far, so a whole import is checked exactly like single writes.

export type LineOf = (item: object) => number | undefined;

export function entitiesOf(bundle: NetworkBundle): Entity[] {
  return [
    ...bundle.districts,
    ...bundle.municipalities,
    ...bundle.topics,
    ...bundle.fundingPrograms,
    ...bundle.persons,
    ...bundle.alliances,
    ...bundle.institutions,
    ...bundle.projects,
  ];
}

const COLLECTION = {
  District: 'districts',
  Municipality: 'municipalities',
  Person: 'persons',
  Alliance: 'alliances',
  Institution: 'institutions',
  Topic: 'topics',
  FundingProgram: 'fundingPrograms',
  Project: 'projects',
} as const satisfies Record<Entity['kind'], keyof NetworkBundle>;

/** A bundle holding these entities, each in the list of its kind. */
export function bundleOf(entities: readonly Entity[]): NetworkBundle {
  const bundle = emptyBundle();
  for (const e of entities) (bundle[COLLECTION[e.kind]] as Entity[]).push(e);
  return bundle;
}

/** Adds the ids an entity, role or link refers to (its own, district, topics, place, people, ends). */
export function addReferences(
  ids: Set<string>,
  entities: readonly Entity[],
  roles: readonly RoleAssignment[],
  links: readonly Link[],
): void {
  for (const e of entities) {
    ids.add(e.id);
    if ('districtAgs' in e) ids.add(districtId(e.districtAgs));
    if ('topicIds' in e) e.topicIds.forEach((t) => ids.add(t));
    if ((e.kind === 'Institution' || e.kind === 'Project') && e.municipalityId) ids.add(e.municipalityId);
    if (e.kind === 'Project' && e.contactPersonId) ids.add(e.contactPersonId);
    if (e.mergedInto) ids.add(e.mergedInto);
  }
  for (const r of roles) {
    ids.add(r.personId);
    if (r.scopeId) ids.add(r.scopeId);
  }
  for (const l of links) {
    ids.add(l.fromId);
    ids.add(l.toId);
  }
}

/** The bundles' items in one bundle, in their order. */
export function mergedBundle(bundles: readonly NetworkBundle[]): NetworkBundle {
  const merged = emptyBundle();
  for (const bundle of bundles)
    for (const key of Object.keys(merged) as (keyof NetworkBundle)[])
      (merged[key] as unknown[]).push(...(bundle[key] as unknown[]));
  return merged;
}

/** How many items the bundle holds. */
export function bundleSize(bundle: NetworkBundle): number {
  return Object.values(bundle).reduce((sum: number, items: unknown[]) => sum + items.length, 0);
}

/** Every id the bundle creates or points at: what a store must read before checking it. */
export function referencedIds(bundle: NetworkBundle): { entityIds: string[]; roleIds: string[]; linkIds: string[] } {
  const ids = new Set<string>();
  addReferences(ids, entitiesOf(bundle), bundle.roles, bundle.links);
  for (const l of bundle.links) {
    if (l.type === 'SERVES') {
      const municipality = bundle.municipalities.find((m) => m.id === l.toId);
      if (municipality) ids.add(districtId(municipality.districtAgs));
    }
  }
  return { entityIds: [...ids], roleIds: bundle.roles.map((r) => r.id), linkIds: bundle.links.map((l) => l.id) };
}

/** Facts from a snapshot the store read, plus everything added while validating. */
export class FactsSnapshot implements WriteFacts {
  private readonly entities = new Map<string, Entity>();
  private readonly byPerson = new Map<string, RoleAssignment[]>();
  private readonly byScope = new Map<string, RoleAssignment[]>();
  private readonly roleIds = new Set<string>();
  private readonly linkIds: Set<string>;

  constructor(
    entities: Iterable<Entity>,
    roles: Iterable<RoleAssignment>,
    existingRoleIds: Iterable<string>,
    existingLinkIds: Iterable<string>,
  ) {
    for (const e of entities) this.entities.set(e.id, e);
    for (const r of roles) this.addRole(r);
    for (const id of existingRoleIds) this.roleIds.add(id);
    this.linkIds = new Set(existingLinkIds);
  }

  entity(id: string): Entity | undefined {
    return this.entities.get(id);
  }
  rolesOf(id: string): readonly RoleAssignment[] {
    return this.byPerson.get(id) ?? [];
  }
  rolesIn(scopeId: string): readonly RoleAssignment[] {
    return this.byScope.get(scopeId) ?? [];
  }
  roleExists(id: string): boolean {
    return this.roleIds.has(id);
  }
  linkExists(id: string): boolean {
    return this.linkIds.has(id);
  }

  addEntity(e: Entity): void {
    this.entities.set(e.id, e);
  }
  addRole(r: RoleAssignment): void {
    this.roleIds.add(r.id);
    push(this.byPerson, r.personId, r);
    if (r.scopeId) push(this.byScope, r.scopeId, r);
  }
  addLink(l: Link): void {
    this.linkIds.add(l.id);
  }
  /** A copy to check one write on: what its check adds stays out of this one until it is kept. */
  copy(): FactsSnapshot {
    return new FactsSnapshot(this.entities.values(), [...this.byPerson.values()].flat(), this.roleIds, this.linkIds);
  }
  /** Forgets a role that a revision ends, so the rules count only the roles that still hold. */
  removeRole(id: string): void {
    for (const map of [this.byPerson, this.byScope]) {
      for (const [key, list] of map)
        map.set(
          key,
          list.filter((r) => r.id !== id),
        );
    }
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Checks every item of the bundle in order. Districts are reference data and may be replaced;
 * everything else must be new. A breach throws the rule's error, or ImportRowInvalid naming the
 * line when lineOf knows where the item came from.
 */
export function validateChanges(
  bundle: NetworkBundle,
  facts: FactsSnapshot,
  settings: RuleSettings,
  lineOf?: LineOf,
): void {
  const at = <T extends object>(item: T, check: () => void): void => {
    try {
      check();
    } catch (error) {
      const line = lineOf?.(item);
      if (line !== undefined && error instanceof DomainError) throw new ImportRowInvalid(line, error.message);
      throw error;
    }
  };
  for (const d of bundle.districts) facts.addEntity(d);
  for (const e of entitiesOf(bundle)) {
    if (e.kind === 'District') continue;
    at(e, () => checkNewEntity(e, facts));
    facts.addEntity(e);
  }
  for (const r of bundle.roles) {
    at(r, () => checkRoleAssignment(r, facts, settings));
    facts.addRole(r);
  }
  for (const l of bundle.links) {
    at(l, () => checkLink(l, facts));
    facts.addLink(l);
  }
}
