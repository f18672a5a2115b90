import neo4j, { type Integer, type Node, type Relationship } from 'neo4j-driver';
import type { AccessRole, AccessToken, AuditEntry } from '../../src/services/access/domain/access.js';
import type { ContactChannel, Entity, Link, LinkType, Role, RoleAssignment } from '../../src/domain/model.js';
import { nameKey } from '../../src/domain/names.js';

// Domain objects <-> Neo4j properties. Scalars and string lists are real properties (so analysts
// can query them in Cypher); contact channels, a list of maps, are kept as a JSON string.

const INTEGER_FIELDS = new Set(['population']);

export function entityToProps(e: Entity): Record<string, unknown> {
  const props: Record<string, unknown> = { nameKey: nameKey(e.name) };
  for (const [key, value] of Object.entries(e)) {
    if (key === 'channels') props.channelsJson = JSON.stringify(value);
    else if (INTEGER_FIELDS.has(key) && typeof value === 'number') props[key] = neo4j.int(value);
    else props[key] = value;
  }
  return props;
}

export function nodeToEntity(node: Node): Entity {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node.properties)) {
    if (key === 'nameKey') continue;
    if (key === 'channelsJson') out.channels = JSON.parse(String(value)) as ContactChannel[];
    else out[key] = fromNeo4j(value);
  }
  // Optional fields that are null are not stored as properties in Neo4j.
  if (out.kind === 'District') {
    out.population ??= null;
    out.areaKm2 ??= null;
  }
  if (out.kind === 'Municipality') out.ags ??= null;
  if (out.kind === 'Institution') out.municipalityId ??= null;
  if (out.kind === 'Project') {
    for (const key of ['municipalityId', 'fundingCallId', 'startsOn', 'endsOn', 'results', 'contactPersonId'])
      out[key] ??= null;
  }
  return out as unknown as Entity;
}

// since and until appear only where set, so roles and links read the same as before they existed.
export function nodeToRole(node: Node): RoleAssignment {
  const p = node.properties as Record<string, unknown>;
  const role: RoleAssignment = {
    id: String(p.id),
    personId: String(p.personId),
    role: p.role as Role,
    scopeId: (p.scopeId as string | undefined) ?? null,
  };
  if (typeof p.since === 'string') role.since = p.since;
  if (typeof p.until === 'string') role.until = p.until;
  return role;
}

export function roleToProps(r: RoleAssignment): Record<string, unknown> {
  return { ...r, since: r.since ?? null, until: r.until ?? null };
}

export function linkToProps(l: Link): Record<string, unknown> {
  return { ...l, until: l.until ?? null };
}

export function relationshipToLink(rel: Relationship, fromId: string, toId: string): Link {
  const p = rel.properties as Record<string, unknown>;
  const link: Link = {
    id: String(p.id),
    type: rel.type as LinkType,
    fromId,
    toId,
    since: (p.since as string | undefined) ?? null,
    note: (p.note as string | undefined) ?? null,
  };
  if (typeof p.until === 'string') link.until = p.until;
  return link;
}

/** Integers come back as neo4j Integers; refuse to silently lose precision. */
export function fromNeo4j(value: unknown): unknown {
  if (neo4j.isInt(value)) {
    const int = value as Integer;
    if (!int.inSafeRange()) throw new RangeError(`Integer ${int.toString()} is beyond JavaScript's safe range`);
    return int.toNumber();
  }
  if (Array.isArray(value)) return value.map(fromNeo4j);
  return value;
}

export function nodeToToken(node: Node): AccessToken {
  const p = node.properties as Record<string, unknown>;
  return {
    id: String(p.id),
    hash: String(p.hash),
    personId: String(p.personId),
    access: p.access as AccessRole,
    districtAgs: (p.districtAgs as string | undefined) ?? null,
    personalData: p.personalData === true,
    label: String(p.label),
    createdAt: String(p.createdAt),
    revokedAt: (p.revokedAt as string | undefined) ?? null,
  };
}

export function auditToProps(a: AuditEntry): Record<string, unknown> {
  return {
    id: a.id,
    at: a.at,
    actorId: a.actorId,
    action: a.action,
    subjectIds: a.subjectIds,
    detailsJson: JSON.stringify(a.details),
  };
}

export function nodeToAudit(node: Node): AuditEntry {
  const p = node.properties as Record<string, unknown>;
  return {
    id: String(p.id),
    at: String(p.at),
    actorId: (p.actorId as string | undefined) ?? null,
    action: String(p.action),
    subjectIds: (p.subjectIds as string[] | undefined) ?? [],
    details: JSON.parse(String(p.detailsJson)) as Record<string, unknown>,
  };
}
