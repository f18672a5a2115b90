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
import { auditToProps, entityToProps, linkToProps, nodeToEntity, nodeToRole, roleToProps } from './mapper.js';

// The write path inside a transaction: reading the facts a bundle refers to, writing the bundle
// and its audit entry. Labels and relationship
// types in query text come only from the domain's constants, never from input.

/** The facts a bundle refers to, read in its transaction (the rules check them). */
export async function readFacts(tx: ManagedTransaction, changes: NetworkBundle): Promise<FactsSnapshot> {
  const { entityIds, roleIds, linkIds } = referencedIds(changes);
  // Writing to the districts a role is held in locks them until commit, so two concurrent
  // assignments cannot both see room under the KIK limit.
  const scopes = changes.roles.map((r) => r.scopeId).filter((id): id is string => id !== null);
  if (scopes.length)
    await tx.run('MATCH (d:District) WHERE d.id IN $ids SET d.lock = true REMOVE d.lock', { ids: scopes });
  const roles = await tx.run(
    `MATCH (r:RoleAssignment) WHERE r.personId IN $ids AND r.until IS NULL RETURN r
     UNION MATCH (r:RoleAssignment) WHERE r.scopeId IN $ids AND r.until IS NULL RETURN r
     UNION MATCH (r:RoleAssignment) WHERE r.id IN $roleIds RETURN r`,
    { ids: entityIds, roleIds },
  );
  const scopeIds = roles.records
    .map((r) => (r.get('r') as Node).properties.scopeId as string | undefined)
    .filter((id) => id !== undefined);
  const entities = await tx.run('MATCH (e:Entity) WHERE e.id IN $ids RETURN e', {
    ids: [...new Set([...entityIds, ...scopeIds])],
  });
  const links = await tx.run(
    LINK_TYPES.map((t) => `MATCH ()-[l:${t}]->() WHERE l.id IN $linkIds RETURN l.id AS id`).join(' UNION '),
    { linkIds },
  );
  const roleList = roles.records.map((r) => nodeToRole(r.get('r') as Node));
  return new FactsSnapshot(
    entities.records.map((r) => nodeToEntity(r.get('e'))),
    roleList.filter((r) => !r.until),
    roleList.map((r) => r.id),
    links.records.map((r) => r.get('id') as string),
  );
}

export async function appendAudit(tx: ManagedTransaction, audit: AuditEntry): Promise<void> {
  await tx.run(
    `CREATE (a:AuditEntry) SET a = $props
     WITH a UNWIND $subjects AS subject CREATE (a)-[:NAMES]->(:AuditSubject {subjectId: subject})`,
    { props: auditToProps(audit), subjects: [...new Set(audit.subjectIds)] },
  );
}

const CHUNK = 5_000;

/** Runs an UNWIND query over rows in chunks, so one statement never carries a huge parameter. */
async function unwind(tx: ManagedTransaction, query: string, rows: unknown[], name = 'rows'): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.run(query, { [name]: rows.slice(i, i + CHUNK) });
}

export async function writeChanges(tx: ManagedTransaction, changes: NetworkBundle): Promise<void> {
  await writeEntities(tx, changes);
  await writeRolesAndLinks(tx, changes.roles, changes.links);
}

export async function writeEntities(tx: ManagedTransaction, changes: NetworkBundle): Promise<void> {
  await unwind(
    tx,
    'UNWIND $rows AS row MERGE (e:Entity {id: row.id}) SET e:District, e += row',
    changes.districts.map(entityToProps),
  );
  for (const kind of ENTITY_KINDS) {
    if (kind === 'District') continue;
    const rows = entitiesOf(changes).filter((e) => e.kind === kind);
    await unwind(tx, `UNWIND $rows AS row CREATE (e:Entity:${kind}) SET e = row`, rows.map(entityToProps));
  }
  await writeStructuralEdges(tx, entitiesOf(changes));
}

export async function writeStructuralEdges(tx: ManagedTransaction, entities: readonly Entity[]): Promise<void> {
  for (const [type, edges] of Object.entries(structuralEdges(entities))) {
    await unwind(
      tx,
      `UNWIND $rows AS x MATCH (a:Entity {id: x.from}) MATCH (b:Entity {id: x.to}) CREATE (a)-[:${type}]->(b)`,
      edges,
    );
  }
}

export async function writeRolesAndLinks(
  tx: ManagedTransaction,
  roles: readonly RoleAssignment[],
  links: readonly Link[],
): Promise<void> {
  await unwind(
    tx,
    `UNWIND $rows AS row MATCH (p:Entity {id: row.personId}) CREATE (p)-[:HOLDS]->(r:RoleAssignment) SET r = row
     WITH r, row OPTIONAL MATCH (s:Entity {id: row.scopeId}) FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | CREATE (r)-[:IN]->(s))`,
    roles.map(roleToProps),
  );
  for (const type of LINK_TYPES) {
    await unwind(
      tx,
      `UNWIND $rows AS row MATCH (a:Entity {id: row.fromId}) MATCH (b:Entity {id: row.toId})
       CREATE (a)-[l:${type}]->(b) SET l.id = row.id, l.since = row.since, l.note = row.note, l.until = row.until`,
      links.filter((l) => l.type === type).map(linkToProps),
    );
  }
}

type StructuralType = 'PART_OF' | 'BASED_IN' | 'LOCATED_IN' | 'ABOUT';

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
