import type { AccessRole, AccessToken, AuditEntry } from '../../src/services/access/domain/access.js';
import type { Entity, Link, LinkType, Role, RoleAssignment } from '../../src/domain/model.js';
import { nameKey } from '../../src/domain/names.js';

// Rows of the embedded store <-> domain objects. An entity is kept whole as JSON; the columns
// beside it exist for lookups and indexes.

export interface EntityRow {
  id: string;
  kind: string;
  name: string;
  name_key: string;
  district_ags: string | null;
  data: string;
}

export interface RoleRow {
  id: string;
  person_id: string;
  role: string;
  scope_id: string | null;
  since: string | null;
  until: string | null;
}

export interface LinkRow {
  id: string;
  type: string;
  from_id: string;
  to_id: string;
  since: string | null;
  note: string | null;
  until: string | null;
}

export function entityToRow(e: Entity): EntityRow {
  let districtAgs: string | null = null;
  if (e.kind === 'District') districtAgs = e.ags;
  else if ('districtAgs' in e) districtAgs = e.districtAgs;
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    name_key: nameKey(e.name),
    district_ags: districtAgs,
    data: JSON.stringify(e),
  };
}

export function rowToEntity(row: Pick<EntityRow, 'data'>): Entity {
  return JSON.parse(row.data) as Entity;
}

export function roleToRow(r: RoleAssignment): RoleRow {
  return {
    id: r.id,
    person_id: r.personId,
    role: r.role,
    scope_id: r.scopeId,
    since: r.since ?? null,
    until: r.until ?? null,
  };
}

// since and until appear only where set, so roles and links read the same as before they existed.
export function rowToRole(row: RoleRow): RoleAssignment {
  const role: RoleAssignment = { id: row.id, personId: row.person_id, role: row.role as Role, scopeId: row.scope_id };
  if (row.since) role.since = row.since;
  if (row.until) role.until = row.until;
  return role;
}

export function linkToRow(l: Link): LinkRow {
  return {
    id: l.id,
    type: l.type,
    from_id: l.fromId,
    to_id: l.toId,
    since: l.since,
    note: l.note,
    until: l.until ?? null,
  };
}

export function rowToLink(row: LinkRow): Link {
  const link: Link = {
    id: row.id,
    type: row.type as LinkType,
    fromId: row.from_id,
    toId: row.to_id,
    since: row.since,
    note: row.note,
  };
  if (row.until) link.until = row.until;
  return link;
}

export interface TokenRow {
  id: string;
  hash: string;
  person_id: string;
  access: string;
  district_ags: string | null;
  personal_data: number;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export function tokenToRow(t: AccessToken): TokenRow {
  return {
    id: t.id,
    hash: t.hash,
    person_id: t.personId,
    access: t.access,
    district_ags: t.districtAgs,
    personal_data: t.personalData ? 1 : 0,
    label: t.label,
    created_at: t.createdAt,
    revoked_at: t.revokedAt,
  };
}

export function rowToToken(r: TokenRow): AccessToken {
  return {
    id: r.id,
    hash: r.hash,
    personId: r.person_id,
    access: r.access as AccessRole,
    districtAgs: r.district_ags,
    personalData: r.personal_data === 1,
    label: r.label,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

export interface AuditRow {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  subject_ids: string;
  details: string;
}

export function auditToRow(a: AuditEntry): AuditRow {
  return {
    id: a.id,
    at: a.at,
    actor_id: a.actorId,
    action: a.action,
    subject_ids: JSON.stringify(a.subjectIds),
    details: JSON.stringify(a.details),
  };
}

export function rowToAudit(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    subjectIds: JSON.parse(r.subject_ids) as string[],
    details: JSON.parse(r.details) as Record<string, unknown>,
  };
}
