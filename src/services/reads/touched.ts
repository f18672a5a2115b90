import { entitiesOf } from '../../domain/changes.js';
import { districtId } from '../../domain/ids.js';
import type { Entity, NetworkBundle } from '../../domain/model.js';
import type { NetworkRevision, RevisionFacts } from '../lifecycle/domain/revisions.js';
import type { TouchedRecords } from './network-events.js';

// What a write touched, for the read models that follow changes: every record whose fields,
// roles or links changed (a role touches its person and its place, a link both ends) and the
// district of a municipality (whose list of municipalities changed with it).

function addRecord(ids: Set<string>, entity: Entity | undefined): void {
  if (!entity) return;
  ids.add(entity.id);
  if (entity.kind === 'Municipality') ids.add(districtId(entity.districtAgs));
}

export function touchedByBundle(bundle: NetworkBundle): TouchedRecords {
  const ids = new Set<string>();
  for (const e of entitiesOf(bundle)) addRecord(ids, e);
  for (const r of bundle.roles) {
    ids.add(r.personId);
    if (r.scopeId) ids.add(r.scopeId);
  }
  for (const l of bundle.links) {
    ids.add(l.fromId);
    ids.add(l.toId);
  }
  return { entityIds: [...ids] };
}

/** `facts` are those the store read for the revision, before it was written. */
export function touchedByRevision(revision: NetworkRevision, facts: RevisionFacts): TouchedRecords {
  const ids = new Set<string>();
  for (const e of revision.addedRecords) addRecord(ids, e);
  for (const { entity } of revision.updates) {
    addRecord(ids, entity);
    addRecord(ids, facts.entity(entity.id));
  }
  for (const id of revision.deleted) {
    ids.add(id);
    addRecord(ids, facts.entity(id));
  }
  const roles = [
    ...revision.addedRoles,
    ...[...revision.endedRoles.map((e) => e.id), ...(revision.reopenedRoles ?? [])].map((id) => facts.role(id)),
  ];
  for (const r of roles) {
    if (!r) continue;
    ids.add(r.personId);
    if (r.scopeId) ids.add(r.scopeId);
  }
  const links = [
    ...revision.addedLinks,
    ...[...revision.endedLinks.map((e) => e.id), ...(revision.reopenedLinks ?? [])].map((id) => facts.link(id)),
  ];
  for (const l of links) {
    if (!l) continue;
    ids.add(l.fromId);
    ids.add(l.toId);
  }
  return { entityIds: [...ids] };
}
