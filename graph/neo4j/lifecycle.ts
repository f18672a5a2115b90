import type { ManagedTransaction, Node, Relationship } from 'neo4j-driver';
import type { Dependant } from '../../src/domain/errors.js';
import { bundleOf } from '../../src/domain/changes.js';
import { LINK_TYPES, type Entity } from '../../src/domain/model.js';
import { revisionIds, RevisionFacts, type NetworkRevision } from '../../src/services/lifecycle/domain/revisions.js';
import { entityToProps, fromNeo4j, nodeToEntity, nodeToRole, relationshipToLink } from './mapper.js';
import type { Statements } from './statements.js';
import {
  sameStructuralEdges,
  STRUCTURAL_TYPES,
  writeEntities,
  writeRolesAndLinks,
  writeStructuralEdges,
} from './write-changes.js';

// Changing, ending and deleting in Neo4j. Ended roles and relationships stay with an `until`
// property, so analysts can ask Cypher how the network stood on any day.

const LINK_PATTERN = LINK_TYPES.join('|');

/**
 * A revision's facts in one statement. It first writes to what the revision changes, which locks
 * it until commit, so the facts read after (a record's version, whether a role or link is still
 * open, the room under the KIK limit in the districts roles are added to) cannot change before
 * this transaction writes: two edits of one record at once are judged one after the other, never
 * both against the same version. Then the roles and links named, the open roles of everyone
 * involved (the people and places of those roles, the ends of those links), and the records of
 * all of them and of the districts their roles are held in.
 */
const REVISION_FACTS = `
  CALL () { MATCH (e:Entity) WHERE e.id IN $lockEntities SET e.lock = true REMOVE e.lock }
  CALL () { MATCH (r:RoleAssignment) WHERE r.id IN $lockRoles SET r.lock = true REMOVE r.lock }
  CALL () { MATCH ()-[l:${LINK_PATTERN}]->() WHERE l.id IN $lockLinks SET l.lock = true REMOVE l.lock }
  CALL () { MATCH (r:RoleAssignment) WHERE r.id IN $roleIds RETURN collect(r) AS roles }
  CALL () {
    MATCH (a)-[l:${LINK_PATTERN}]->(b) WHERE l.id IN $linkIds
    RETURN collect({l: l, fromId: a.id, toId: b.id}) AS links
  }
  WITH roles, links,
       $entityIds + [r IN roles | r.personId] + [r IN roles WHERE r.scopeId IS NOT NULL | r.scopeId]
         + [x IN links | x.fromId] + [x IN links | x.toId] AS involved
  CALL (involved) {
    CALL (involved) {
      MATCH (r:RoleAssignment) WHERE r.personId IN involved AND r.until IS NULL RETURN r
      UNION MATCH (r:RoleAssignment) WHERE r.scopeId IN involved AND r.until IS NULL RETURN r
    }
    RETURN collect(r) AS current
  }
  CALL (involved, current) {
    MATCH (e:Entity) WHERE e.id IN involved + [r IN current WHERE r.scopeId IS NOT NULL | r.scopeId]
    RETURN collect(DISTINCT e) AS entities
  }
  RETURN roles, links, current, entities`;

export async function readRevisionFacts(tx: ManagedTransaction, revision: NetworkRevision): Promise<RevisionFacts> {
  const { entityIds, roleIds, linkIds, deletedIds } = revisionIds(revision);
  const scopes = revision.addedRoles.map((r) => r.scopeId).filter((id): id is string => id !== null);
  const [row] = (
    await tx.run(REVISION_FACTS, {
      lockEntities: [...scopes, ...revision.updates.map((u) => u.entity.id), ...revision.deleted],
      lockRoles: [...revision.endedRoles.map((e) => e.id), ...(revision.reopenedRoles ?? [])],
      lockLinks: [...revision.endedLinks.map((e) => e.id), ...(revision.reopenedLinks ?? [])],
      entityIds,
      roleIds,
      linkIds,
    })
  ).records;
  const roles = (row!.get('roles') as Node[]).map(nodeToRole);
  const links = (row!.get('links') as { l: Relationship; fromId: string; toId: string }[]).map(({ l, fromId, toId }) =>
    relationshipToLink(l, fromId, toId),
  );
  const current = (row!.get('current') as Node[]).map(nodeToRole);
  const entities = (row!.get('entities') as Node[]).map(nodeToEntity);
  const dependants = new Map<string, Dependant[]>();
  for (const id of deletedIds) dependants.set(id, await dependantsOf(tx, id));
  return new RevisionFacts(entities, current, roles, links, dependants);
}

async function dependantsOf(tx: ManagedTransaction, id: string): Promise<Dependant[]> {
  const result = await tx.run(
    `CALL { MATCH (r:RoleAssignment) WHERE (r.personId = $id OR r.scopeId = $id) AND r.until IS NULL RETURN count(r) AS roles }
     CALL { MATCH (:Entity {id: $id})-[l:${LINK_PATTERN}]-() WHERE l.until IS NULL RETURN count(l) AS links }
     CALL { MATCH (r:RoleAssignment) WHERE (r.personId = $id OR r.scopeId = $id) AND r.until IS NOT NULL RETURN count(r) AS endedRoles }
     CALL { MATCH (:Entity {id: $id})-[l:${LINK_PATTERN}]-() WHERE l.until IS NOT NULL RETURN count(l) AS endedLinks }
     CALL { MATCH (i:Institution) WHERE i.municipalityId = $id RETURN count(i) AS institutions }
     CALL { MATCH (p:Project) WHERE p.municipalityId = $id OR p.contactPersonId = $id RETURN count(p) AS projects }
     CALL { MATCH (e:Entity) WHERE $id IN coalesce(e.topicIds, []) RETURN count(e) AS records }
     CALL { MATCH (q:Request) WHERE q.requesterId = $id OR q.handlerId = $id OR q.data CONTAINS $quoted RETURN count(q) AS requests }
     CALL { MATCH (m:Meeting) WHERE EXISTS { MATCH (m)-[:WITH]->(:MeetingPerson {personId: $id}) } OR m.data CONTAINS $quoted RETURN count(m) AS meetings }
     RETURN roles, links, endedRoles + endedLinks AS history, institutions, projects, records, requests, meetings`,
    { id, quoted: JSON.stringify(id) },
  );
  const row = result.records[0]!;
  const whats: Dependant['what'][] = [
    'roles',
    'links',
    'history',
    'institutions',
    'projects',
    'records',
    'requests',
    'meetings',
  ];
  return whats.map((what) => ({ what, count: fromNeo4j(row.get(what)) as number })).filter((d) => d.count > 0);
}

/**
 * The revision's writes. `stored` gives the version of an updated record read in this
 * transaction: relationships that follow from fields are drawn anew only where those fields
 * changed, since redrawing a town's PART_OF locks its district, and every edit of a town in that
 * district then waited for the others to commit.
 */
export function writeRevision(
  statements: Statements,
  revision: NetworkRevision,
  stored: (id: string) => Entity | undefined = () => undefined,
): Statements {
  if (revision.addedRecords.length) writeEntities(statements, bundleOf(revision.addedRecords));
  const updated = revision.updates.map((u) => u.entity);
  if (updated.length) {
    // Labels stay; properties are replaced whole.
    statements.add('UNWIND $rows AS row MATCH (e:Entity {id: row.id}) SET e = row', {
      rows: updated.map(entityToProps),
    });
    const redrawn = updated.filter((e) => {
      const before = stored(e.id);
      return !before || !sameStructuralEdges(before, e);
    });
    if (redrawn.length) {
      statements.add(`MATCH (e:Entity)-[s:${STRUCTURAL_TYPES.join('|')}]->() WHERE e.id IN $ids DELETE s`, {
        ids: redrawn.map((e) => e.id),
      });
      writeStructuralEdges(statements, redrawn);
    }
  }
  if (revision.endedRoles.length)
    statements.add('UNWIND $rows AS row MATCH (r:RoleAssignment {id: row.id}) SET r.until = row.until', {
      rows: revision.endedRoles,
    });
  if (revision.endedLinks.length)
    statements.add(`UNWIND $rows AS row MATCH ()-[l:${LINK_PATTERN}]->() WHERE l.id = row.id SET l.until = row.until`, {
      rows: revision.endedLinks,
    });
  if (revision.reopenedRoles?.length)
    statements.add('MATCH (r:RoleAssignment) WHERE r.id IN $ids SET r.until = null', { ids: revision.reopenedRoles });
  if (revision.reopenedLinks?.length)
    statements.add(`MATCH ()-[l:${LINK_PATTERN}]->() WHERE l.id IN $ids SET l.until = null`, {
      ids: revision.reopenedLinks,
    });
  writeRolesAndLinks(statements, revision.addedRoles, revision.addedLinks);
  if (revision.deleted.length) {
    statements.add('MATCH (r:RoleAssignment) WHERE r.personId IN $ids OR r.scopeId IN $ids DETACH DELETE r', {
      ids: revision.deleted,
    });
    statements.add('MATCH (e:Entity) WHERE e.id IN $ids DETACH DELETE e', { ids: revision.deleted });
  }
  return statements;
}

export const HISTORY_QUERIES = {
  rolesByIds: 'MATCH (r:RoleAssignment) WHERE r.id IN $ids RETURN r',
  linksByIds: `MATCH (a)-[l:${LINK_PATTERN}]->(b) WHERE l.id IN $ids RETURN l, a.id AS fromId, b.id AS toId`,
  rolesOfPersons: 'MATCH (r:RoleAssignment) WHERE r.personId IN $ids RETURN r ORDER BY r.role, r.id',
  rolesInScopes: 'MATCH (r:RoleAssignment) WHERE r.scopeId IN $ids RETURN r ORDER BY r.role, r.id',
  linksOf: `MATCH (e:Entity) WHERE e.id IN $ids MATCH (e)-[l:${LINK_PATTERN}]-()
            WITH DISTINCT l RETURN l, startNode(l).id AS fromId, endNode(l).id AS toId ORDER BY type(l), l.id`,
};
