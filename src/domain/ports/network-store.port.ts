// The network aggregate: districts, municipalities, people, alliances, institutions, topics,
// roles and links. Reads batch their keys (one round trip per batch); writes go through commit.

import type { AuditEntry } from '../../services/access/domain/access.js';
import type { FactsSnapshot } from '../changes.js';
import type { Meeting } from '../../features/meetings/domain/meetings.js';
import type { HubRequest } from '../../features/requests/domain/requests.js';
import type {
  District,
  Entity,
  EntityKind,
  InstitutionType,
  Link,
  Municipality,
  NetworkBundle,
  Person,
  Role,
  RoleAssignment,
} from '../model.js';

/** Called inside the store's write transaction with the facts the changes refer to; throws to abort. */
export type ChangeGuard = (facts: FactsSnapshot) => void;

export interface MunicipalityRef {
  id: string;
  name: string;
  districtAgs: string;
}

/** What searching by name needs of an entity. */
export interface EntityName {
  id: string;
  kind: EntityKind;
  name: string;
}

export interface EntityListQuery {
  kind: EntityKind;
  /** Only entities of this district; people by the districts of their roles. */
  districtAgs?: string | null;
  /** Only entities whose name contains this (forgiving case and umlauts). */
  text?: string | null;
  /** People: only those holding this role. */
  role?: Role | null;
  /** Only entities about this topic: its topic list, or an EXPERT_IN link. */
  topicId?: string | null;
  /** Only entities in or linked to this municipality (located there, active there, serving it). */
  municipalityId?: string | null;
  /** Institutions: only of this type. */
  institutionType?: InstitutionType | null;
  /** Projects: only those whose contact is this person. */
  contactPersonId?: string | null;
  /** Keyset cursor: the (name, id) of the last entity of the previous page. */
  after?: { name: string; id: string } | null;
  limit: number;
}

/** The listing's filters as flat query parameters, null where unset (both adapters bind these). */
export function listParameters(q: EntityListQuery, key: string | null) {
  return {
    kind: q.kind,
    ags: q.districtAgs ?? null,
    key,
    role: q.role ?? null,
    topic: q.topicId ?? null,
    municipality: q.municipalityId ?? null,
    institutionType: q.institutionType ?? null,
    contact: q.contactPersonId ?? null,
    afterName: q.after?.name ?? null,
    afterId: q.after?.id ?? null,
  };
}

/** Everything needed to build the collaboration graph, without personal details. */
export interface NetworkSnapshot {
  entities: {
    id: string;
    kind: EntityKind;
    name: string;
    districtAgs: string | null;
    municipalityId: string | null;
    population: number | null;
    topicIds: string[];
    since?: string | null;
    until?: string | null;
    checkedAt?: string | null;
  }[];
  roles: RoleAssignment[];
  links: Link[];
  /** Meetings and requests, which strengthen collaboration between those they bring together. */
  meetings: Meeting[];
  requests: HubRequest[];
}

export interface StoreCounts {
  entities: Record<EntityKind, number>;
  roles: number;
  links: number;
}

/**
 * Reading the coordination network. Batch reads take a list of keys and answer a list aligned
 * with it, so a request needs one round trip per batch whatever the number of items.
 */
export interface CurrentState {
  entities: (Entity | null)[];
  roles: RoleAssignment[];
  links: Link[];
}

export interface NetworkStore {
  listDistricts(stateCode?: string): Promise<District[]>;
  districtsByAgs(ags: readonly string[]): Promise<(District | null)[]>;
  municipalitiesOfDistricts(ags: readonly string[]): Promise<Municipality[][]>;
  /** Names of all municipalities, for forgiving name matching. */
  municipalityDirectory(): Promise<MunicipalityRef[]>;
  entitiesByIds(ids: readonly string[]): Promise<(Entity | null)[]>;
  rolesOfPersons(personIds: readonly string[]): Promise<RoleAssignment[][]>;
  rolesInScopes(scopeIds: readonly string[]): Promise<RoleAssignment[][]>;
  /** Explicit links touching each id, in either direction. */
  linksOf(ids: readonly string[]): Promise<Link[][]>;
  /**
   * What the read models follow, in one round trip: the records (aligned with ids, null when
   * gone), the open roles held by them or in them, and the open links touching them.
   */
  currentState(ids: readonly string[]): Promise<CurrentState>;
  /** Id, kind and name of every entity that has not ended, for searching names in memory. */
  entityNames(): Promise<EntityName[]>;
  /** Entities whose name contains the text (case and umlaut insensitive), by name. */
  search(text: string, kinds: readonly EntityKind[] | null, limit: number): Promise<Entity[]>;
  counts(): Promise<StoreCounts>;
  /** The whole network as a light snapshot, for graph analytics and the map. */
  networkSnapshot(): Promise<NetworkSnapshot>;
  /** One page of entities of a kind, ordered by name then id. */
  listEntities(query: EntityListQuery): Promise<Entity[]>;
  /** How many entities the listing's filters find in all. */
  countEntities(query: Omit<EntityListQuery, 'after' | 'limit'>): Promise<number>;
}

/** Writing the network, its audit trail, and the change counter every network write moves. */
export interface NetworkWriteStore {
  /**
   * Writes all changes and their audit entry in one transaction after guard accepted them, or
   * nothing. `fresh`: ids of records the bundle creates with new random ids, which nothing can
   * refer to yet, so the store need not read what it knows about them (nothing).
   */
  commit(changes: NetworkBundle, guard: ChangeGuard, audit?: AuditEntry, fresh?: readonly string[]): Promise<void>;
  /** Replaces a person's record in place (erasure keeps the id, so links stay consistent). */
  replacePerson(person: Person, audit: AuditEntry): Promise<void>;
  /**
   * Gives a person a new id everywhere it is written (records, roles, links, requests, meetings,
   * shared state and claims, tokens, the audit): erasure leaves no name in an id.
   */
  renamePerson(oldId: string, newId: string, audit: AuditEntry): Promise<void>;
  /** Audit entries that name the subject, newest first. */
  auditOf(subjectId: string, limit: number): Promise<AuditEntry[]>;
  /** Writes an audit entry of its own (what moved along with a change, e.g. handed-over work). */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** One audit entry by its id (an undo reads the change it takes back). */
  auditEntry(id: string): Promise<AuditEntry | null>;
  /** What one person changed since a time, newest first (what they may still undo). */
  auditByActor(actorId: string, since: string, limit: number): Promise<AuditEntry[]>;
  /**
   * The network's change counter: every transaction that writes the network (commit,
   * replacePerson, deleteEverything) moves it by one, whichever process writes.
   */
  changeSequence(): Promise<number>;
  /** How many of those moves this store object made itself (so a hub tells its own writes from others'). */
  ownChanges(): number;
  /** Moves the counter without a change: after a hand edit, so running hubs reload. */
  bumpChangeSequence(): Promise<void>;
}

/** When a record was last known right: the later of its last change and its last confirmation (absent when neither). */
export function lastChecked(
  confirmedAt: string | null | undefined,
  changedAt: string | null | undefined,
): { checkedAt?: string } {
  const latest = [confirmedAt, changedAt]
    .filter((d): d is string => typeof d === 'string')
    .sort()
    .pop();
  return latest ? { checkedAt: latest } : {};
}
