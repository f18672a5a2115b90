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
}

export interface LinkRow {
  id: string;
  type: string;
  from_id: string;
  to_id: string;
  since: string | null;
  note: string | null;
}

export function entityToRow(e: Entity): EntityRow {
  let districtAgs: string | null = null;
  if (e.kind === 'District') districtAgs = e.ags;
  else if ('districtAgs' in e) districtAgs = e.districtAgs;
  return { id: e.id, kind: e.kind, name: e.name, name_key: nameKey(e.name), district_ags: districtAgs, data: JSON.stringify(e) };
}

export function rowToEntity(row: Pick<EntityRow, 'data'>): Entity {
  return JSON.parse(row.data) as Entity;
}

export function roleToRow(r: RoleAssignment): RoleRow {
  return { id: r.id, person_id: r.personId, role: r.role, scope_id: r.scopeId };
}

export function rowToRole(row: RoleRow): RoleAssignment {
  return { id: row.id, personId: row.person_id, role: row.role as Role, scopeId: row.scope_id };
}

export function linkToRow(l: Link): LinkRow {
  return { id: l.id, type: l.type, from_id: l.fromId, to_id: l.toId, since: l.since, note: l.note };
}

export function rowToLink(row: LinkRow): Link {
  return { id: row.id, type: row.type as LinkType, fromId: row.from_id, toId: row.to_id, since: row.since, note: row.note };
}
