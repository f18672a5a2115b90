import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../src/services/access/domain/access.js';
import { alignMany, alignOne } from '../../src/domain/batch.js';
import type { Dependant } from '../../src/domain/errors.js';
import type { Link, RoleAssignment } from '../../src/domain/model.js';
import type { RevisionGuard } from '../../src/services/lifecycle/domain/network-lifecycle.port.js';
import { revisionIds, RevisionFacts, type NetworkRevision } from '../../src/services/lifecycle/domain/revisions.js';
import { bumpChangeSequence } from './change-sequence.js';
import {
  auditToRow,
  entityToRow,
  linkToRow,
  roleToRow,
  rowToEntity,
  rowToLink,
  rowToRole,
  type EntityRow,
  type LinkRow,
  type RoleRow,
} from './mapper.js';

// Changing, ending and deleting in the embedded store, and reading roles and links as they
// stood on any day. Ended roles and links keep their rows with `until` set.

const IDS = '(SELECT value FROM json_each(?))';

export function appendAudit(db: Database.Database, audit: AuditEntry): void {
  db.prepare(
    'INSERT INTO audit (id, at, actor_id, action, subject_ids, details) VALUES (@id, @at, @actor_id, @action, @subject_ids, @details)',
  ).run(auditToRow(audit));
  const subject = db.prepare('INSERT INTO audit_subjects (audit_id, subject_id) VALUES (?, ?)');
  for (const id of new Set(audit.subjectIds)) subject.run(audit.id, id);
}

export function insertRolesAndLinks(
  db: Database.Database,
  roles: readonly RoleAssignment[],
  links: readonly Link[],
): void {
  const insertRole = db.prepare(
    'INSERT INTO roles (id, person_id, role, scope_id, since, until) VALUES (@id, @person_id, @role, @scope_id, @since, @until)',
  );
  const insertLink = db.prepare(
    'INSERT INTO links (id, type, from_id, to_id, since, note, until) VALUES (@id, @type, @from_id, @to_id, @since, @note, @until)',
  );
  for (const r of roles) insertRole.run(roleToRow(r));
  for (const l of links) insertLink.run(linkToRow(l));
}

export function revise(
  db: Database.Database,
  revision: NetworkRevision,
  guard: RevisionGuard,
  audit: AuditEntry,
): void {
  db.transaction(() => {
    guard(readRevisionFacts(db, revision));
    const insert = db.prepare(
      'INSERT INTO entities (id, kind, name, name_key, district_ags, data) VALUES (@id, @kind, @name, @name_key, @district_ags, @data)',
    );
    for (const entity of revision.addedRecords) insert.run(entityToRow(entity));
    const update = db.prepare(
      `UPDATE entities SET name = @name, name_key = @name_key, district_ags = @district_ags, data = @data, until = json_extract(@data, '$.until') WHERE id = @id`,
    );
    for (const { entity } of revision.updates) update.run(entityToRow(entity));
    const endRole = db.prepare('UPDATE roles SET until = ? WHERE id = ?');
    for (const e of revision.endedRoles) endRole.run(e.until, e.id);
    const endLink = db.prepare('UPDATE links SET until = ? WHERE id = ?');
    for (const e of revision.endedLinks) endLink.run(e.until, e.id);
    const reopenRole = db.prepare('UPDATE roles SET until = NULL WHERE id = ?');
    for (const id of revision.reopenedRoles ?? []) reopenRole.run(id);
    const reopenLink = db.prepare('UPDATE links SET until = NULL WHERE id = ?');
    for (const id of revision.reopenedLinks ?? []) reopenLink.run(id);
    insertRolesAndLinks(db, revision.addedRoles, revision.addedLinks);
    // A deleted record had nothing current depending on it; what it once held goes with it.
    const ids = JSON.stringify(revision.deleted);
    db.prepare(`DELETE FROM roles WHERE person_id IN ${IDS} OR scope_id IN ${IDS}`).run(ids, ids);
    db.prepare(`DELETE FROM links WHERE from_id IN ${IDS} OR to_id IN ${IDS}`).run(ids, ids);
    db.prepare(`DELETE FROM entities WHERE id IN ${IDS}`).run(ids);
    appendAudit(db, audit);
    bumpChangeSequence(db);
  }).immediate();
}

function readRevisionFacts(db: Database.Database, revision: NetworkRevision): RevisionFacts {
  const { entityIds, roleIds, linkIds, deletedIds } = revisionIds(revision);
  const roles = (db.prepare(`SELECT * FROM roles WHERE id IN ${IDS}`).all(JSON.stringify(roleIds)) as RoleRow[]).map(
    rowToRole,
  );
  const links = (db.prepare(`SELECT * FROM links WHERE id IN ${IDS}`).all(JSON.stringify(linkIds)) as LinkRow[]).map(
    rowToLink,
  );
  const involved = new Set([
    ...entityIds,
    ...roles.flatMap((r) => [r.personId, r.scopeId ?? '']),
    ...links.flatMap((l) => [l.fromId, l.toId]),
  ]);
  involved.delete('');
  const ids = JSON.stringify([...involved]);
  const current = (
    db
      .prepare(`SELECT * FROM roles WHERE (person_id IN ${IDS} OR scope_id IN ${IDS}) AND until IS NULL`)
      .all(ids, ids) as RoleRow[]
  ).map(rowToRole);
  for (const r of current) if (r.scopeId) involved.add(r.scopeId);
  const entities = (
    db.prepare(`SELECT data FROM entities WHERE id IN ${IDS}`).all(JSON.stringify([...involved])) as Pick<
      EntityRow,
      'data'
    >[]
  ).map(rowToEntity);
  const dependants = new Map(deletedIds.map((id) => [id, dependantsOf(db, id)]));
  return new RevisionFacts(entities, current, roles, links, dependants);
}

function dependantsOf(db: Database.Database, id: string): Dependant[] {
  const count = (sql: string, ...params: string[]) => (db.prepare(sql).get(...params) as { n: number }).n;
  const found: Dependant[] = [
    {
      what: 'roles',
      count: count('SELECT count(*) AS n FROM roles WHERE (person_id = ? OR scope_id = ?) AND until IS NULL', id, id),
    },
    {
      what: 'links',
      count: count('SELECT count(*) AS n FROM links WHERE (from_id = ? OR to_id = ?) AND until IS NULL', id, id),
    },
    {
      what: 'history',
      count:
        count('SELECT count(*) AS n FROM roles WHERE (person_id = ? OR scope_id = ?) AND until IS NOT NULL', id, id) +
        count('SELECT count(*) AS n FROM links WHERE (from_id = ? OR to_id = ?) AND until IS NOT NULL', id, id),
    },
    {
      what: 'institutions',
      count: count(
        "SELECT count(*) AS n FROM entities WHERE kind = 'Institution' AND json_extract(data, '$.municipalityId') = ?",
        id,
      ),
    },
    {
      what: 'projects',
      count: count(
        "SELECT count(*) AS n FROM entities WHERE kind = 'Project' AND (json_extract(data, '$.municipalityId') = ? OR json_extract(data, '$.contactPersonId') = ?)",
        id,
        id,
      ),
    },
    {
      what: 'records',
      count: count(
        "SELECT count(*) AS n FROM entities e WHERE EXISTS (SELECT 1 FROM json_each(e.data, '$.topicIds') WHERE value = ?)",
        id,
      ),
    },
    {
      what: 'requests',
      count: count(
        "SELECT count(*) AS n FROM requests WHERE requester_id = ? OR handler_id = ? OR json_extract(data, '$.municipalityId') = ?",
        id,
        id,
        id,
      ),
    },
    {
      what: 'meetings',
      count: count(
        "SELECT count(*) AS n FROM meetings m WHERE EXISTS (SELECT 1 FROM meeting_people p WHERE p.meeting_id = m.id AND p.person_id = ?) OR EXISTS (SELECT 1 FROM json_each(m.data, '$.municipalityIds') WHERE value = ?)",
        id,
        id,
      ),
    },
  ];
  return found.filter((d) => d.count > 0);
}

export function allRolesOfPersons(db: Database.Database, personIds: readonly string[]): RoleAssignment[][] {
  const rows = db
    .prepare(`SELECT * FROM roles WHERE person_id IN ${IDS} ORDER BY role, id`)
    .all(JSON.stringify(personIds)) as RoleRow[];
  return alignMany(personIds, rows.map(rowToRole), (r) => [r.personId]);
}

export function allRolesInScopes(db: Database.Database, scopeIds: readonly string[]): RoleAssignment[][] {
  const rows = db
    .prepare(`SELECT * FROM roles WHERE scope_id IN ${IDS} ORDER BY role, id`)
    .all(JSON.stringify(scopeIds)) as RoleRow[];
  return alignMany(scopeIds, rows.map(rowToRole), (r) => [r.scopeId]);
}

export function allLinksOf(db: Database.Database, ids: readonly string[]): Link[][] {
  const json = JSON.stringify(ids);
  const rows = db
    .prepare(
      `SELECT * FROM links WHERE from_id IN ${IDS} UNION SELECT * FROM links WHERE to_id IN ${IDS} ORDER BY type, id`,
    )
    .all(json, json) as LinkRow[];
  return alignMany(ids, rows.map(rowToLink), (l) => [l.fromId, l.toId]);
}

export function rolesByIds(db: Database.Database, ids: readonly string[]): (RoleAssignment | null)[] {
  const rows = db.prepare(`SELECT * FROM roles WHERE id IN ${IDS}`).all(JSON.stringify(ids)) as RoleRow[];
  return alignOne(ids, rows.map(rowToRole), (r) => r.id);
}

export function linksByIds(db: Database.Database, ids: readonly string[]): (Link | null)[] {
  const rows = db.prepare(`SELECT * FROM links WHERE id IN ${IDS}`).all(JSON.stringify(ids)) as LinkRow[];
  return alignOne(ids, rows.map(rowToLink), (l) => l.id);
}
