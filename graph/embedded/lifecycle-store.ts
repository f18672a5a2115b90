import type Database from 'better-sqlite3';
import type { OwnChanges } from './change-sequence.js';
import * as lifecycle from './lifecycle.js';
import * as queries from './network-queries.js';
import { rowToEntity, type EntityRow } from './mapper.js';
import { alignMany } from '../../src/domain/batch.js';
import type { Link, Municipality, RoleAssignment } from '../../src/domain/model.js';
import type { MunicipalityRef, NetworkSnapshot } from '../../src/domain/ports/network-store.port.js';
import type { AuditEntry } from '../../src/services/access/domain/access.js';
import type {
  NetworkLifecycleStore,
  RevisionGuard,
} from '../../src/services/lifecycle/domain/network-lifecycle.port.js';
import type { NetworkRevision } from '../../src/services/lifecycle/domain/revisions.js';

// Revisions (changes, ends, merges, deletions) and the reads that include what has ended, in
// SQLite. The SQL lives in lifecycle.ts; this class holds the connection and the change count.

const IDS = '(SELECT value FROM json_each(?))';

export class EmbeddedLifecycleStore implements NetworkLifecycleStore {
  constructor(
    private readonly db: Database.Database,
    private readonly own: OwnChanges,
  ) {}

  async revise(revision: NetworkRevision, guard: RevisionGuard, audit: AuditEntry): Promise<void> {
    lifecycle.revise(this.db, revision, guard, audit);
    this.own.counted();
  }

  async rolesByIds(ids: readonly string[]): Promise<(RoleAssignment | null)[]> {
    return lifecycle.rolesByIds(this.db, ids);
  }

  async linksByIds(ids: readonly string[]): Promise<(Link | null)[]> {
    return lifecycle.linksByIds(this.db, ids);
  }

  async allRolesOfPersons(personIds: readonly string[]): Promise<RoleAssignment[][]> {
    return lifecycle.allRolesOfPersons(this.db, personIds);
  }

  async allRolesInScopes(scopeIds: readonly string[]): Promise<RoleAssignment[][]> {
    return lifecycle.allRolesInScopes(this.db, scopeIds);
  }

  async allLinksOf(ids: readonly string[]): Promise<Link[][]> {
    return lifecycle.allLinksOf(this.db, ids);
  }

  async allMunicipalityDirectory(): Promise<(MunicipalityRef & { since?: string | null; until?: string | null })[]> {
    return this.db
      .prepare(
        `SELECT id, name, district_ags AS districtAgs, json_extract(data, '$.since') AS since, until
         FROM entities WHERE kind = 'Municipality' ORDER BY name`,
      )
      .all() as (MunicipalityRef & { since: string | null; until: string | null })[];
  }

  async allMunicipalitiesOfDistricts(ags: readonly string[]): Promise<Municipality[][]> {
    const rows = this.db
      .prepare(`SELECT data FROM entities WHERE kind = 'Municipality' AND district_ags IN ${IDS} ORDER BY name`)
      .all(JSON.stringify(ags)) as Pick<EntityRow, 'data'>[];
    return alignMany(
      ags,
      rows.map((r) => rowToEntity(r) as Municipality),
      (m) => [m.districtAgs],
    );
  }

  async historySnapshot(): Promise<NetworkSnapshot> {
    return queries.snapshotOf(this.db, false);
  }
}
