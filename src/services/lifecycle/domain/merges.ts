import { newLinkId, newRoleId } from '../../../domain/ids.js';
import type { Entity, Institution, Link, Project, RoleAssignment } from '../../../domain/model.js';
import { emptyRevision, versionOf, type NetworkRevision } from './revisions.js';

// Two records of the same person, alliance or institution, or municipalities that merged
// (Gemeindefusion), become one. What the merged records held moves to the survivor from the day
// of the merge: their current roles and links end and start anew on the survivor (unless it has
// them already); the merged records end with a pointer to the survivor, so their history stays
// readable. The rules check the result inside the revision's transaction.

export interface MergedRecord {
  entity: Entity;
  /** Current roles the record holds (a person) or that are held in it (a place, an alliance, an institution). */
  roles: RoleAssignment[];
  /** Current links touching the record. */
  links: Link[];
  /**
   * Records naming this one in a field: institutions and projects located in it (a municipality),
   * projects whose contact it is (a person). They name the survivor from the merge on.
   */
  referring: (Institution | Project)[];
}

export interface MergePlan {
  survivor: Entity;
  /** The survivor is a new record (municipalities merging into a new one). */
  survivorIsNew: boolean;
  survivorRoles: RoleAssignment[];
  survivorLinks: Link[];
  merged: MergedRecord[];
  /** YYYY-MM-DD, the first day of the merged record. */
  day: string;
  actorId: string | null;
  at: string;
  /** Towns: the one KIK who serves the merged town; the others' serving ends with the merger. */
  servedBy?: string | null;
}

export function mergeRevision(plan: MergePlan): NetworkRevision {
  const revision = emptyRevision();
  const target = plan.survivor.id;
  const mergedIds = new Set(plan.merged.map((m) => m.entity.id));
  const swap = (id: string) => (mergedIds.has(id) ? target : id);
  const roleKey = (r: Pick<RoleAssignment, 'personId' | 'role' | 'scopeId'>) => `${r.personId}|${r.role}|${r.scopeId}`;
  const linkKey = (l: Pick<Link, 'type' | 'fromId' | 'toId'>) => `${l.type}|${l.fromId}|${l.toId}`;
  const roles = new Set(plan.survivorRoles.map(roleKey));
  const links = new Set(plan.survivorLinks.map(linkKey));
  const endedRoles = new Set<string>();
  const endedLinks = new Set<string>();
  const movedRecords = new Set<string>();
  if (plan.survivorIsNew) revision.addedRecords.push(plan.survivor);
  // The merged town is served by the KIK chosen; whoever else served the town that remains stops.
  for (const link of plan.survivorLinks)
    if (plan.servedBy && link.type === 'SERVES' && link.toId === target && link.fromId !== plan.servedBy) {
      endedLinks.add(link.id);
      revision.endedLinks.push({ id: link.id, until: plan.day });
      links.delete(linkKey(link));
    }

  for (const record of plan.merged) {
    const ended = {
      ...record.entity,
      until: plan.day,
      mergedInto: target,
      version: versionOf(record.entity) + 1,
      changedBy: plan.actorId,
      changedAt: plan.at,
    } as Entity;
    revision.updates.push({ entity: ended, expectedVersion: versionOf(record.entity) });
    for (const role of record.roles) {
      if (endedRoles.has(role.id)) continue;
      endedRoles.add(role.id);
      revision.endedRoles.push({ id: role.id, until: plan.day });
      const moved = {
        personId: swap(role.personId),
        role: role.role,
        scopeId: role.scopeId ? swap(role.scopeId) : null,
      };
      if (roles.has(roleKey(moved))) continue;
      roles.add(roleKey(moved));
      // What moves keeps the day it began: a merger does not make old collaboration new.
      revision.addedRoles.push({ id: newRoleId(), ...moved, since: role.since ?? plan.day });
    }
    for (const link of record.links) {
      if (endedLinks.has(link.id)) continue;
      endedLinks.add(link.id);
      revision.endedLinks.push({ id: link.id, until: plan.day });
      const moved = { type: link.type, fromId: swap(link.fromId), toId: swap(link.toId) };
      if (moved.fromId === moved.toId || links.has(linkKey(moved))) continue;
      if (plan.servedBy && link.type === 'SERVES' && link.fromId !== plan.servedBy) continue;
      links.add(linkKey(moved));
      revision.addedLinks.push({ id: newLinkId(), ...moved, since: link.since ?? null, note: link.note });
    }
    for (const referring of record.referring) {
      if (movedRecords.has(referring.id)) continue;
      movedRecords.add(referring.id);
      const renamed = { ...referring, municipalityId: referring.municipalityId && swap(referring.municipalityId) };
      if (renamed.kind === 'Project' && renamed.contactPersonId)
        renamed.contactPersonId = swap(renamed.contactPersonId);
      revision.updates.push({
        entity: { ...renamed, version: versionOf(referring) + 1, changedBy: plan.actorId, changedAt: plan.at },
        expectedVersion: versionOf(referring),
      });
    }
  }
  return revision;
}
