import type Database from 'better-sqlite3';
import { bumpChangeSequence, readChangeSequence, type OwnChanges } from './change-sequence.js';
import { appendAudit, insertRolesAndLinks } from './lifecycle.js';
import { renamePersonEverywhere } from './rename-person.js';
import { entitiesOf, FactsSnapshot, referencedIds } from '../../src/domain/changes.js';
import type { Entity, NetworkBundle, Person } from '../../src/domain/model.js';
import type { ChangeGuard, NetworkWriteStore } from '../../src/domain/ports/network-store.port.js';
import type { AuditEntry } from '../../src/services/access/domain/access.js';
import {
  entityToRow,
  rowToAudit,
  rowToEntity,
  rowToRole,
  type AuditRow,
  type EntityRow,
  type RoleRow,
} from './mapper.js';

// Writes of new network records, person replacement and renaming, the audit and the change
// counter, in SQLite. Each write is one immediate transaction that reads its facts, runs the
// domain's guard and writes, so a refused change writes nothing.

const IDS = '(SELECT value FROM json_each(?))';

export class EmbeddedNetworkWriteStore implements NetworkWriteStore {
  constructor(
    private readonly db: Database.Database,
    private readonly own: OwnChanges,
  ) {}

  async commit(changes: NetworkBundle, guard: ChangeGuard, audit?: AuditEntry): Promise<void> {
    this.db
      .transaction(() => {
        guard(this.snapshot(changes));
        const upsertEntity = this.db.prepare(
          `INSERT INTO entities (id, kind, name, name_key, district_ags, data) VALUES (@id, @kind, @name, @name_key, @district_ags, @data)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, district_ags = excluded.district_ags, data = excluded.data`,
        );
        for (const e of entitiesOf(changes)) upsertEntity.run(entityToRow(e));
        insertRolesAndLinks(this.db, changes.roles, changes.links);
        if (audit) appendAudit(this.db, audit);
        bumpChangeSequence(this.db);
      })
      .immediate();
    this.own.counted();
  }

  async replacePerson(person: Person, audit: AuditEntry): Promise<void> {
    this.db
      .transaction(() => {
        const row = entityToRow(person);
        this.db
          .prepare(
            "UPDATE entities SET name = @name, name_key = @name_key, data = @data WHERE id = @id AND kind = 'Person'",
          )
          .run(row);
        appendAudit(this.db, audit);
        bumpChangeSequence(this.db);
      })
      .immediate();
    this.own.counted();
  }

  async renamePerson(oldId: string, newId: string, audit: AuditEntry): Promise<void> {
    this.db
      .transaction(() => {
        renamePersonEverywhere(this.db, oldId, newId);
        appendAudit(this.db, audit);
        bumpChangeSequence(this.db);
      })
      .immediate();
    this.own.counted();
  }

  async auditOf(subjectId: string, limit: number): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare(
        'SELECT a.* FROM audit_subjects s JOIN audit a ON a.id = s.audit_id WHERE s.subject_id = ? ORDER BY a.at DESC, a.id DESC LIMIT ?',
      )
      .all(subjectId, limit) as AuditRow[];
    return rows.map(rowToAudit);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.db.transaction(() => appendAudit(this.db, entry))();
  }

  async auditEntry(id: string): Promise<AuditEntry | null> {
    const row = this.db.prepare('SELECT * FROM audit WHERE id = ?').get(id) as AuditRow | undefined;
    return row ? rowToAudit(row) : null;
  }

  async auditByActor(actorId: string, since: string, limit: number): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare('SELECT * FROM audit WHERE actor_id = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT ?')
      .all(actorId, since, limit) as AuditRow[];
    return rows.map(rowToAudit);
  }

  async changeSequence(): Promise<number> {
    return readChangeSequence(this.db);
  }

  ownChanges(): number {
    return this.own.value;
  }

  async bumpChangeSequence(): Promise<void> {
    bumpChangeSequence(this.db);
  }

  private snapshot(changes: NetworkBundle): FactsSnapshot {
    const { entityIds, roleIds, linkIds } = referencedIds(changes);
    const ids = JSON.stringify(entityIds);
    const roles = this.db
      .prepare(
        `SELECT * FROM roles WHERE person_id IN ${IDS} AND until IS NULL UNION SELECT * FROM roles WHERE scope_id IN ${IDS} AND until IS NULL`,
      )
      .all(ids, ids) as RoleRow[];
    const existingRoles = this.db
      .prepare(`SELECT id FROM roles WHERE id IN ${IDS}`)
      .pluck()
      .all(JSON.stringify(roleIds)) as string[];
    const existingLinks = this.db
      .prepare(`SELECT id FROM links WHERE id IN ${IDS}`)
      .pluck()
      .all(JSON.stringify(linkIds)) as string[];
    const scopeIds = roles.map((r) => r.scope_id).filter((id): id is string => id !== null && !entityIds.includes(id));
    return new FactsSnapshot(
      readEntities(this.db, [...entityIds, ...scopeIds]),
      roles.map(rowToRole),
      existingRoles,
      existingLinks,
    );
  }
}

export function readEntities(db: Database.Database, ids: readonly string[]): Entity[] {
  const rows = db.prepare(`SELECT data FROM entities WHERE id IN ${IDS}`).all(JSON.stringify(ids)) as Pick<
    EntityRow,
    'data'
  >[];
  return rows.map(rowToEntity);
}
