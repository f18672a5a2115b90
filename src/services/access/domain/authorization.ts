import { ERASED_NAME, type Viewer } from './access.js';
import { entitiesOf } from '../../../domain/changes.js';
import { NotAllowed } from '../../../domain/errors.js';
import type { Entity, NetworkBundle } from '../../../domain/model.js';
import { ADMIN_GRANTED_ROLES } from './policy.js';
import type { WriteFacts } from '../../../domain/rules.js';
import { NO_TARGETS, PRIVILEGED_ROLES, type TargetScopes } from './target-scope.js';

// Who may write what, decided on a model of every target: the facts the store read inside the
// write's transaction (what holds now) and the targets' past read just before (roles that ended,
// links, privileged access). Deny by default: ADMIN writes everything; below, a write is refused
// when it touches a person who holds or held admin or analyst access, an erased person, or a
// record whose district cannot be established, and otherwise allowed only inside the caller's
// districts. A DISTRICT_COORDINATOR writes in their district; a COORDINATOR keeps the network
// current (people and links) in the districts they work in, but not its structure.

export const SYSTEM: Viewer = { personId: null, access: 'ADMIN', districtAgs: null, personalData: true, roles: [] };

export interface WriteTargets {
  /** Where a COORDINATOR works (their token's district and their roles' districts), read before the transaction. */
  actorDistricts?: ReadonlySet<string>;
  /** The past of the existing people the write touches (see target-scope.ts). */
  targets?: TargetScopes;
  /** Existing people whose own record the write changes, ends, merges or deletes. */
  changedPeople?: readonly string[];
}

export function authorizeChanges(
  viewer: Viewer,
  changes: NetworkBundle,
  facts: WriteFacts,
  { actorDistricts = new Set(), targets = NO_TARGETS, changedPeople = [] }: WriteTargets = {},
): void {
  if (viewer.access === 'ADMIN') return;
  if (changes.roles.some((r) => ADMIN_GRANTED_ROLES.includes(r.role))) {
    throw new NotAllowed(
      'grant or end the ADMIN or ANALYST role (admins do)',
      'keine Rollen ADMIN oder ANALYST vergeben oder beenden (das tun Admins)',
    );
  }
  const scope = new TargetModel(changes, facts, targets);
  const people = scope.touchedPeople(changedPeople);
  if (people.some((id) => scope.privileged(id)))
    throw new NotAllowed(
      'change people who hold or held admin or analyst access (admins do)',
      'keine Personen mit Admin- oder Analysezugang ändern (das tun Admins)',
    );
  if (people.some((id) => facts.entity(id)?.name === ERASED_NAME))
    throw new NotAllowed('change an erased person', 'keine gelöschten Personen ändern');
  if (viewer.access === 'COORDINATOR') {
    const structural =
      changes.districts.length +
      changes.municipalities.length +
      changes.topics.length +
      changes.fundingPrograms.length +
      changes.roles.length;
    if (structural > 0)
      throw new NotAllowed(
        'change districts, municipalities, topics or roles',
        'keine Kreise, Gemeinden, Themen oder Rollen ändern',
      );
    const outside = scope.districts(changedPeople).filter((ags) => !actorDistricts.has(ags));
    if (outside.length === 0) return;
    throw new NotAllowed(
      `write outside the districts you work in (${outside.join(', ')})`,
      `nur in den Kreisen schreiben, in denen Sie arbeiten, nicht in ${outside.join(', ')}`,
    );
  }
  if (viewer.access === 'DISTRICT_COORDINATOR' && viewer.districtAgs) {
    if (changes.districts.length || changes.topics.length || changes.fundingPrograms.length)
      throw new NotAllowed(
        'change districts, topics or funding programmes',
        'keine Kreise, Themen oder Förderprogramme ändern',
      );
    const outside = scope.districts(changedPeople).filter((ags) => ags !== viewer.districtAgs);
    if (outside.length === 0) return;
    throw new NotAllowed(
      `write outside your district (${outside.join(', ')})`,
      `nur in Ihrem eigenen Kreis schreiben, nicht in ${outside.join(', ')}`,
    );
  }
  throw new NotAllowed('change the network', 'das Netzwerk nicht ändern');
}

/** The scope of each target of a bundle: its districts, and whether it is a privileged person. */
class TargetModel {
  private readonly created: ReadonlySet<string>;
  /** What the bundle itself adds, looked up before what is stored. */
  private readonly added: ReadonlyMap<string, Entity>;

  constructor(
    private readonly changes: NetworkBundle,
    private readonly facts: WriteFacts,
    private readonly targets: TargetScopes,
  ) {
    this.created = new Set(changes.persons.map((p) => p.id));
    this.added = new Map(entitiesOf(changes).map((e) => [e.id, e]));
  }

  private entity(id: string): Entity | undefined {
    return this.added.get(id) ?? this.facts.entity(id);
  }

  /** Existing people the bundle touches: changed themselves, given or losing a role, or at either end of a link. */
  touchedPeople(changedPeople: readonly string[]): string[] {
    const ids = new Set(changedPeople);
    for (const r of this.changes.roles) ids.add(r.personId);
    for (const l of this.changes.links) for (const id of [l.fromId, l.toId]) ids.add(id);
    return [...ids].filter((id) => !this.created.has(id) && this.facts.entity(id)?.kind === 'Person');
  }

  privileged(personId: string): boolean {
    return (
      this.targets.person(personId)?.privileged === true ||
      this.facts.rolesOf(personId).some((r) => PRIVILEGED_ROLES.includes(r.role))
    );
  }

  /** The districts the bundle writes in; refuses when a target's district cannot be established. */
  districts(changedPeople: readonly string[]): string[] {
    const found = new Set<string>();
    const add = (ags: readonly string[]) => ags.forEach((a) => found.add(a));
    for (const e of entitiesOf(this.changes)) if (e.kind !== 'Person') add(this.ofRecord(e));
    for (const id of changedPeople) add(this.ofPerson(id) ?? throwUnscoped());
    for (const r of this.changes.roles) {
      const scope = r.scopeId ? this.ofRecord(this.entity(r.scopeId)) : [];
      add(scope.length ? scope : throwUnscoped());
    }
    for (const l of this.changes.links) {
      const ends = [l.fromId, l.toId].flatMap((id) => this.ofEndpoint(id));
      add(ends.length ? ends : throwUnscoped());
    }
    return [...found];
  }

  private ofEndpoint(id: string): string[] {
    const entity = this.entity(id);
    if (entity?.kind !== 'Person') return this.ofRecord(entity);
    return this.created.has(id) ? [] : (this.ofPerson(id) ?? []);
  }

  /** A person's districts: of the roles held now; else of those held before and the records linked to; null when none. */
  private ofPerson(id: string): string[] | null {
    const current = this.facts
      .rolesOf(id)
      .flatMap((r) => (r.scopeId ? this.ofRecord(this.facts.entity(r.scopeId)) : []));
    if (current.length) return current;
    const past = this.targets.person(id);
    const before = [...(past?.endedRoleDistricts ?? []), ...(past?.linkedDistricts ?? [])];
    return before.length ? before : null;
  }

  private ofRecord(entity: Entity | undefined): string[] {
    switch (entity?.kind) {
      case 'District':
        return [entity.ags];
      case 'Municipality':
      case 'Alliance':
      case 'Institution':
      case 'Project':
        return [entity.districtAgs];
      default:
        return [];
    }
  }
}

function throwUnscoped(): never {
  throw new NotAllowed(
    'change a record whose district cannot be established (admins do)',
    'keine Einträge ändern, deren Kreis sich nicht feststellen lässt (das tun Admins)',
  );
}
