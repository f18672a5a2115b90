import type { ManagedTransaction, Node } from 'neo4j-driver';
import type { AuditEntry } from '../../src/services/access/domain/access.js';
import { entitiesOf, FactsSnapshot, referencedIds } from '../../src/domain/changes.js';
import { districtId } from '../../src/domain/ids.js';
import {
  ENTITY_KINDS,
  LINK_TYPES,
  type Entity,
  type Link,
  type NetworkBundle,
  type RoleAssignment,
} from '../../src/domain/model.js';
import type { Statements } from './statements.js';
import { auditToProps, entityToProps, linkToProps, nodeToEntity, nodeToRole, roleToProps } from './mapper.js';

// The write path inside a transaction: reading the facts a bundle refers to, writing the bundle
// and its audit entry. Labels and relationship
// types in query text come only from the domain's constants, never from input.

/** Whether the bundle names a stored record (or a district its roles count in) the rules must see. */
export function needsFacts(changes: NetworkBundle, fresh: readonly string[]): boolean {
  const { entityIds, roleIds, linkIds } = referencedIds(changes);
  const known = new Set(fresh);
  return (
    roleIds.length > 0 ||
    linkIds.length > 0 ||
    changes.roles.some((r) => r.scopeId !== null) ||
    entityIds.some((id) => !known.has(id))
  );
}

/**
 * The facts a bundle refers to, read in its transaction in one statement (the rules check them):
 * the open roles of the people and districts named, the roles and links asked for by id, and the
 * entities, including the districts those roles are held in.
 */
export async function readFacts(
  tx: ManagedTransaction,
  changes: NetworkBundle,
  fresh: readonly string[] = [],
): Promise<FactsSnapshot> {
  const { roleIds, linkIds, ...referenced } = referencedIds(changes);
  // Records with new random ids have nothing stored about them yet.
  const known = new Set(fresh);
  const entityIds = referenced.entityIds.filter((id) => !known.has(id));
  // Writing to the districts a role is held in locks them until commit, so two concurrent
  // assignments cannot both see room under the KIK limit.
  const scopes = changes.roles.map((r) => r.scopeId).filter((id): id is string => id !== null);
  if (scopes.length)
    await tx.run('MATCH (d:District) WHERE d.id IN $ids SET d.lock = true REMOVE d.lock', { ids: scopes });
  if (!entityIds.length && !roleIds.length && !linkIds.length) return new FactsSnapshot([], [], [], []);
  const [record] = (
    await tx.run(FACTS_STATEMENTS[+(roleIds.length > 0)]![+(linkIds.length > 0)]!, { ids: entityIds, roleIds, linkIds })
  ).records;
  const roleList = (record!.get('roles') as Node[]).map(nodeToRole);
  return new FactsSnapshot(
    (record!.get('entities') as Node[]).map(nodeToEntity),
    roleList.filter((r) => !r.until),
    roleList.map((r) => r.id),
    record!.get('linkIds') as string[],
  );
}

/** The statement for what the bundle names: parts for roles or links asked for by id only when some are. */
function factsStatement(byRoleId: boolean, byLinkId: boolean): string {
  const links = LINK_TYPES.map((t) => `MATCH ()-[l:${t}]->() WHERE l.id IN $linkIds RETURN l.id AS id`);
  return `CALL () {
    CALL () {
      MATCH (r:RoleAssignment) WHERE r.personId IN $ids AND r.until IS NULL RETURN r
      UNION MATCH (r:RoleAssignment) WHERE r.scopeId IN $ids AND r.until IS NULL RETURN r
      ${byRoleId ? 'UNION MATCH (r:RoleAssignment) WHERE r.id IN $roleIds RETURN r' : ''}
    }
    RETURN collect(r) AS roles
  }
  CALL (roles) {
    WITH $ids + [r IN roles WHERE r.scopeId IS NOT NULL | r.scopeId] AS wanted
    MATCH (e:Entity) WHERE e.id IN wanted
    RETURN collect(DISTINCT e) AS entities
  }
  ${byLinkId ? `CALL () { CALL () { ${links.join(' UNION ')} } RETURN collect(id) AS linkIds }` : 'WITH roles, entities, [] AS linkIds'}
  RETURN roles, entities, linkIds`;
}

const FACTS_STATEMENTS = [false, true].map((byRoleId) =>
  [false, true].map((byLinkId) => factsStatement(byRoleId, byLinkId)),
);

/** The audit entry of a write, and with it (countChange) the change counter's step. */
export function appendAudit(statements: Statements, audit: AuditEntry, countChange = true): Statements {
  return statements.add(
    `${countChange ? 'CREATE (:HubChange) ' : ''}CREATE (a:AuditEntry) SET a = $props
     WITH a UNWIND $subjects AS subject CREATE (a)-[:NAMES]->(:AuditSubject {subjectId: subject})`,
    { props: auditToProps(audit), subjects: [...new Set(audit.subjectIds)] },
  );
}

export function writeChanges(statements: Statements, changes: NetworkBundle): Statements {
  writeEntities(statements, changes);
  return writeRolesAndLinks(statements, changes.roles, changes.links);
}

export function writeEntities(statements: Statements, changes: NetworkBundle): Statements {
  statements.unwind(
    'UNWIND $rows AS row MERGE (e:Entity {id: row.id}) SET e:District, e += row',
    changes.districts.map(entityToProps),
  );
  for (const kind of ENTITY_KINDS) {
    if (kind === 'District') continue;
    const rows = entitiesOf(changes).filter((e) => e.kind === kind);
    statements.unwind(`UNWIND $rows AS row CREATE (e:Entity:${kind}) SET e = row`, rows.map(entityToProps));
  }
  return writeStructuralEdges(statements, entitiesOf(changes));
}

export function writeStructuralEdges(statements: Statements, entities: readonly Entity[]): Statements {
  for (const [type, edges] of Object.entries(structuralEdges(entities)))
    statements.unwind(
      `UNWIND $rows AS x MATCH (a:Entity {id: x.from}) MATCH (b:Entity {id: x.to}) CREATE (a)-[:${type}]->(b)`,
      edges,
    );
  return statements;
}

export function writeRolesAndLinks(
  statements: Statements,
  roles: readonly RoleAssignment[],
  links: readonly Link[],
): Statements {
  statements.unwind(
    `UNWIND $rows AS row MATCH (p:Entity {id: row.personId}) CREATE (p)-[:HOLDS]->(r:RoleAssignment) SET r = row
     WITH r, row OPTIONAL MATCH (s:Entity {id: row.scopeId}) FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | CREATE (r)-[:IN]->(s))`,
    roles.map(roleToProps),
  );
  for (const type of LINK_TYPES)
    statements.unwind(
      `UNWIND $rows AS row MATCH (a:Entity {id: row.fromId}) MATCH (b:Entity {id: row.toId})
       CREATE (a)-[l:${type}]->(b) SET l.id = row.id, l.since = row.since, l.note = row.note, l.until = row.until`,
      links.filter((l) => l.type === type).map(linkToProps),
    );
  return statements;
}

type StructuralType = 'PART_OF' | 'BASED_IN' | 'LOCATED_IN' | 'ABOUT';

/** Whether two versions of a record draw the same relationships from their fields. */
export function sameStructuralEdges(before: Entity, after: Entity): boolean {
  const keys = (e: Entity) =>
    Object.entries(structuralEdges([e]))
      .flatMap(([type, edges]) => edges.map((x) => `${type}>${x.to}`))
      .sort()
      .join(' ');
  return keys(before) === keys(after);
}

/** Relationships that follow from entity fields, so Cypher users can traverse them. */
export const STRUCTURAL_TYPES = ['PART_OF', 'BASED_IN', 'LOCATED_IN', 'ABOUT'] as const;

function structuralEdges(entities: readonly Entity[]): Record<StructuralType, { from: string; to: string }[]> {
  const out: Record<StructuralType, { from: string; to: string }[]> = {
    PART_OF: [],
    BASED_IN: [],
    LOCATED_IN: [],
    ABOUT: [],
  };
  for (const e of entities) {
    if (e.kind === 'Municipality') out.PART_OF.push({ from: e.id, to: districtId(e.districtAgs) });
    if (e.kind === 'Alliance') out.BASED_IN.push({ from: e.id, to: districtId(e.districtAgs) });
    if (e.kind === 'Institution' || e.kind === 'Project')
      out.LOCATED_IN.push({ from: e.id, to: e.municipalityId ?? districtId(e.districtAgs) });
    if ('topicIds' in e) for (const t of e.topicIds) out.ABOUT.push({ from: e.id, to: t });
  }
  return out;
}
