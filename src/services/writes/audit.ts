import { newAuditId } from '../../domain/ids.js';
import type { AuditEntry, Viewer } from '../access/domain/access.js';
import { entitiesOf } from '../../domain/changes.js';
import type { NetworkBundle } from '../../domain/model.js';

// One audit entry per write: who, when, what was created. It names ids and kinds, never
// personal details, so an erasure later leaves nothing personal behind in the log.

export function auditEntryFor(changes: NetworkBundle, actor: Viewer, action: string, at: Date): AuditEntry {
  const entities = entitiesOf(changes).filter((e) => e.kind !== 'District');
  const subjectIds = [
    ...entities.map((e) => e.id),
    ...changes.roles.flatMap((r) => [r.id, r.personId]),
    ...changes.links.flatMap((l) => [l.id, l.fromId, l.toId]),
  ];
  const details: Record<string, unknown> = {
    created: entities.map((e) => ({ id: e.id, kind: e.kind })),
    roles: changes.roles.map((r) => ({ id: r.id, role: r.role, personId: r.personId, scopeId: r.scopeId })),
    links: changes.links.map((l) => ({ id: l.id, type: l.type, fromId: l.fromId, toId: l.toId })),
  };
  if (changes.districts.length) details.districts = changes.districts.length;
  return {
    id: newAuditId(),
    at: at.toISOString(),
    actorId: actor.personId,
    action,
    subjectIds: [...new Set(subjectIds)],
    details,
  };
}
