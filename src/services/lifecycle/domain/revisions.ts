import { addReferences, FactsSnapshot } from '../../../domain/changes.js';
import {
  AlreadyEnded,
  EditConflict,
  HasDependants,
  InvalidInput,
  MergeAcrossDistricts,
  NotFound,
  type Dependant,
} from '../../../domain/errors.js';
import { kindOfId } from '../../../domain/ids.js';
import type { Entity, Link, RoleAssignment } from '../../../domain/model.js';
import type { NetworkSnapshot } from '../../../domain/ports/network-store.port.js';
import {
  checkEntityReferences,
  checkLink,
  checkNewEntity,
  checkRoleAssignment,
  checkRoleRules,
  type RuleSettings,
} from '../../../domain/rules.js';

// A revision keeps the network true: it changes, ends or deletes what is stored, and may add the
// roles and links that take over (a successor's role, a merged record's links). Like a bundle it
// is checked item by item on facts the store read inside its transaction, so a stale edit, an
// edit breaking a rule or a delete with dependants leaves the store as it was.

interface RecordUpdate {
  /** The whole record as it is to be stored (its version one above the stored one). */
  entity: Entity;
  /** The version the editor read; null when the caller did not say (chat), so only races are refused. */
  expectedVersion: number | null;
}

interface Ending {
  id: string;
  /** ISO date: the first day it no longer holds. */
  until: string;
}

export interface NetworkRevision {
  /** New records (the municipality two others merge into). */
  addedRecords: Entity[];
  updates: RecordUpdate[];
  endedRoles: Ending[];
  endedLinks: Ending[];
  addedRoles: RoleAssignment[];
  addedLinks: Link[];
  /** Ids of records to delete: only those nothing depends on. */
  deleted: string[];
  /** Ended roles that hold again (an undone end): their end is taken back. */
  reopenedRoles: string[];
  /** Ended links that hold again. */
  reopenedLinks: string[];
}

export function emptyRevision(): NetworkRevision {
  return {
    addedRecords: [],
    updates: [],
    endedRoles: [],
    endedLinks: [],
    addedRoles: [],
    addedLinks: [],
    deleted: [],
    reopenedRoles: [],
    reopenedLinks: [],
  };
}

/** A record's version; records from before versions count as version 1. */
export function versionOf(entity: Entity): number {
  return entity.version ?? 1;
}

/** Whether a role or link held on a day: begun on or before it, not ended by then. */
export function heldOn(item: { since?: string | null; until?: string | null }, day: string): boolean {
  return (!item.since || item.since <= day) && (!item.until || item.until > day);
}

/** The network as it stood on a day: records not yet ended, roles and links that held, meetings and requests until then. */
export function snapshotOn(snapshot: NetworkSnapshot, day: string): NetworkSnapshot {
  const end = `${day}T23:59:59.999Z`;
  return {
    entities: snapshot.entities.filter((e) => (!e.until || e.until > day) && (!e.since || e.since <= day)),
    roles: snapshot.roles.filter((r) => heldOn(r, day)),
    links: snapshot.links.filter((l) => heldOn(l, day)),
    meetings: snapshot.meetings.filter((m) => m.startsAt <= end),
    requests: snapshot.requests
      .filter((r) => r.createdAt <= end)
      .map((r) => ({ ...r, hops: r.hops.filter((h) => h.at <= end) })),
  };
}

/** Every id a revision touches: what a store reads before checking it. */
export function revisionIds(revision: NetworkRevision): {
  entityIds: string[];
  roleIds: string[];
  linkIds: string[];
  deletedIds: string[];
} {
  const ids = new Set<string>();
  addReferences(
    ids,
    [...revision.addedRecords, ...revision.updates.map((u) => u.entity)],
    revision.addedRoles,
    revision.addedLinks,
  );
  revision.deleted.forEach((id) => ids.add(id));
  return {
    entityIds: [...ids],
    roleIds: [
      ...revision.endedRoles.map((e) => e.id),
      ...revision.addedRoles.map((r) => r.id),
      ...(revision.reopenedRoles ?? []),
    ],
    linkIds: [
      ...revision.endedLinks.map((e) => e.id),
      ...revision.addedLinks.map((l) => l.id),
      ...(revision.reopenedLinks ?? []),
    ],
    deletedIds: revision.deleted,
  };
}

/** The facts a revision is checked on: a FactsSnapshot plus the roles and links it ends and what depends on what it deletes. */
export class RevisionFacts extends FactsSnapshot {
  private readonly rolesById: Map<string, RoleAssignment>;
  private readonly linksById: Map<string, Link>;

  constructor(
    entities: Iterable<Entity>,
    currentRoles: Iterable<RoleAssignment>,
    roles: Iterable<RoleAssignment>,
    links: Iterable<Link>,
    private readonly dependantsById: ReadonlyMap<string, Dependant[]>,
  ) {
    const roleList = [...roles];
    const linkList = [...links];
    super(
      entities,
      currentRoles,
      roleList.map((r) => r.id),
      linkList.map((l) => l.id),
    );
    this.rolesById = new Map(roleList.map((r) => [r.id, r]));
    this.linksById = new Map(linkList.map((l) => [l.id, l]));
  }

  role(id: string): RoleAssignment | undefined {
    return this.rolesById.get(id);
  }
  link(id: string): Link | undefined {
    return this.linksById.get(id);
  }
  dependants(id: string): Dependant[] {
    return this.dependantsById.get(id) ?? [];
  }
}

/** Checks a revision in order: updates, endings, additions, deletions. Throws the first breach. */
export function validateRevision(revision: NetworkRevision, facts: RevisionFacts, settings: RuleSettings): void {
  for (const entity of revision.addedRecords) {
    checkNewEntity(entity, facts);
    facts.addEntity(entity);
  }
  for (const { entity, expectedVersion } of revision.updates) {
    const stored = facts.entity(entity.id);
    if (!stored || stored.kind !== entity.kind) throw new NotFound(entity.kind, entity.id);
    if (expectedVersion !== null && versionOf(stored) !== expectedVersion) {
      throw new EditConflict(
        stored.name,
        expectedVersion,
        versionOf(stored),
        stored.changedBy ?? null,
        stored.changedAt ?? null,
      );
    }
    if (
      'districtAgs' in stored &&
      'districtAgs' in entity &&
      stored.districtAgs !== entity.districtAgs &&
      stored.kind === 'Municipality'
    ) {
      throw new InvalidInput('districtAgs', 'a municipality stays in its district (merge it instead)', {
        field: 'Kreis',
        problem: 'eine Gemeinde bleibt in ihrem Kreis (stattdessen zusammenführen)',
      });
    }
    checkEntityReferences(entity, facts);
    if (entity.mergedInto) checkMergeTarget(entity, facts);
    facts.addEntity(entity);
  }
  for (const ending of revision.endedRoles) {
    const role = facts.role(ending.id);
    if (!role) throw new NotFound('Role', ending.id);
    checkEnding(role, ending, 'Role');
    facts.removeRole(role.id);
  }
  for (const ending of revision.endedLinks) {
    const link = facts.link(ending.id);
    if (!link) throw new NotFound('Link', ending.id);
    checkEnding(link, ending, 'Link');
  }
  for (const id of revision.reopenedRoles ?? []) {
    const role = facts.role(id);
    if (!role) throw new NotFound('Role', id);
    if (!role.until) throw notEnded('Role');
    const reopened = { ...role, until: null };
    checkRoleRules(reopened, facts, settings);
    facts.addRole(reopened);
  }
  for (const id of revision.reopenedLinks ?? []) {
    const link = facts.link(id);
    if (!link) throw new NotFound('Link', id);
    if (!link.until) throw notEnded('Link');
    for (const end of [link.fromId, link.toId]) {
      const entity = facts.entity(end);
      if (!entity) throw new NotFound(kindOfId(end) ?? 'Entity', end);
      if (entity.until) throw new AlreadyEnded('Record', entity.until);
    }
  }
  for (const role of revision.addedRoles) {
    checkRoleAssignment(role, facts, settings);
    facts.addRole(role);
  }
  for (const link of revision.addedLinks) {
    checkLink(link, facts);
    facts.addLink(link);
  }
  for (const id of revision.deleted) {
    const stored = facts.entity(id);
    if (!stored) throw new NotFound(kindOfId(id) ?? 'Entity', id);
    if (stored.kind === 'District')
      throw new InvalidInput('id', 'districts are reference data and are not deleted', {
        field: 'Kennung',
        problem: 'Kreise sind Stammdaten und werden nicht gelöscht',
      });
    const dependants = facts.dependants(id);
    if (dependants.length) throw new HasDependants(stored.name, dependants);
  }
}

/** Taking back an end needs something that has ended. */
function notEnded(what: 'Role' | 'Link'): InvalidInput {
  return new InvalidInput(what === 'Role' ? 'role' : 'link', 'has not ended', {
    field: what === 'Role' ? 'Rolle' : 'Verbindung',
    problem: 'ist nicht beendet',
  });
}

/** A record merges into an active one of its kind; a municipality stays in its district. */
function checkMergeTarget(entity: Entity, facts: RevisionFacts): void {
  const target = facts.entity(entity.mergedInto!);
  if (!target || target.kind !== entity.kind || target.id === entity.id || target.until)
    throw new NotFound(entity.kind, entity.mergedInto!);
  if (entity.kind === 'Municipality' && target.kind === 'Municipality' && target.districtAgs !== entity.districtAgs) {
    throw new MergeAcrossDistricts(entity.name, target.name);
  }
}

/** 2026-11-06 as 06.11.2026. */
function germanDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}.${month}.${year}`;
}

function checkEnding(
  item: { since?: string | null; until?: string | null },
  ending: Ending,
  what: 'Role' | 'Link',
): void {
  if (item.until) throw new AlreadyEnded(what, item.until);
  if (item.since && ending.until < item.since) {
    throw new InvalidInput('until', `must not be before the start (${item.since})`, {
      field: 'Enddatum',
      problem: `darf nicht vor dem Beginn (${germanDay(item.since)}) liegen`,
    });
  }
}
