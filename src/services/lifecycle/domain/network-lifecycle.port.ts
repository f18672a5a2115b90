import type { AuditEntry } from '../../access/domain/access.js';
import type { Link, Municipality, RoleAssignment } from '../../../domain/model.js';
import type { MunicipalityRef, NetworkSnapshot } from '../../../domain/ports/network-store.port.js';
import type { NetworkRevision, RevisionFacts } from './revisions.js';

// Keeping the network true: changing, ending and deleting what is stored, and reading it as it
// stood on any day. Current reads (NetworkStore) see only roles and links that still hold.

/** Called inside the store's write transaction with the facts the revision refers to; throws to abort. */
export type RevisionGuard = (facts: RevisionFacts) => void;

export interface NetworkLifecycleStore {
  /** Writes the revision and its audit entry in one transaction after guard accepted it, or nothing. */
  revise(revision: NetworkRevision, guard: RevisionGuard, audit: AuditEntry): Promise<void>;
  /** Roles by id, ended ones included (null where unknown). */
  rolesByIds(ids: readonly string[]): Promise<(RoleAssignment | null)[]>;
  /** Links by id, ended ones included (null where unknown). */
  linksByIds(ids: readonly string[]): Promise<(Link | null)[]>;
  /** Roles these people held or hold, ended ones included (aligned with the ids). */
  allRolesOfPersons(personIds: readonly string[]): Promise<RoleAssignment[][]>;
  /** Roles held or once held in these scopes, ended ones included. */
  allRolesInScopes(scopeIds: readonly string[]): Promise<RoleAssignment[][]>;
  /** Links touching each id, ended ones included. */
  allLinksOf(ids: readonly string[]): Promise<Link[][]>;
  /** Names of all municipalities, merged (ended) ones included, with the days they began and ended. */
  allMunicipalityDirectory(): Promise<(MunicipalityRef & { since?: string | null; until?: string | null })[]>;
  /** Municipalities of these districts, merged (ended) ones included, by name. */
  allMunicipalitiesOfDistricts(ags: readonly string[]): Promise<Municipality[][]>;
  /** The whole network with everything that has ended (records with `until`), for asking how it stood on a day. */
  historySnapshot(): Promise<NetworkSnapshot>;
}
