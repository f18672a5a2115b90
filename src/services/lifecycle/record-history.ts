import type { AuditEntry } from '../access/domain/access.js';
import { kindOfId } from '../../domain/ids.js';
import type { RoleAssignment } from '../../domain/model.js';
import type { NetworkLifecycleStore, NetworkWriteStore } from '../../domain/ports/graph-store.port.js';

// A record's history: its changes (the audit) and who held its roles when.

export interface RecordHistory {
  /** Changes, newest first. */
  entries: AuditEntry[];
  /** Roles the person held, or held in the place (a town: its KIK by their serving), ended ones included, oldest first. */
  roles: RoleAssignment[];
}

export async function recordHistory(
  store: { readonly writes: NetworkWriteStore } & { readonly lifecycle: NetworkLifecycleStore },
  id: string,
  limit: number,
): Promise<RecordHistory> {
  const bounded = Math.min(Math.max(limit, 1), 200);
  const kind = kindOfId(id);
  const [entries, roles, links] = await Promise.all([
    store.writes.auditOf(id, bounded),
    kind === 'Person' ? store.lifecycle.allRolesOfPersons([id]) : store.lifecycle.allRolesInScopes([id]),
    kind === 'Municipality' ? store.lifecycle.allLinksOf([id]) : Promise.resolve([[]]),
  ]);
  // A town's KIK hold their role in the district and serve the town by a link: each serving is
  // the town's KIK from the link's start to its end.
  const served: RoleAssignment[] = (links[0] ?? [])
    .filter((l) => l.type === 'SERVES' && l.toId === id)
    .map((l) => ({
      id: l.id,
      personId: l.fromId,
      role: 'KIK',
      scopeId: id,
      since: l.since ?? null,
      ...(l.until ? { until: l.until } : {}),
    }));
  const all = [...(roles[0] ?? []), ...served].sort(
    (a, b) => (a.since ?? '').localeCompare(b.since ?? '') || a.id.localeCompare(b.id),
  );
  return { entries, roles: all };
}
