import { bundleOf } from '../../../domain/changes.js';
import type { Entity, Link, NetworkBundle, RoleAssignment } from '../../../domain/model.js';
import type { WriteFacts } from '../../../domain/rules.js';
import { RevisionFacts, type NetworkRevision } from './revisions.js';

/**
 * The revision seen as what it touches, so the same district-bounded permissions as for additions
 * apply; the people whose own record it changes (a merged person's survivor among them) are named apart.
 */
export function asBundle(
  revision: NetworkRevision,
  facts: WriteFacts,
): { bundle: NetworkBundle; changedPeople: string[] } {
  const touched: Entity[] = [
    ...revision.addedRecords,
    ...revision.updates.flatMap((u) => [u.entity, facts.entity(u.entity.id)]),
    ...revision.deleted.map((id) => facts.entity(id)),
  ].filter((e): e is Entity => e !== undefined);
  const bundle = bundleOf(touched.filter((e) => e.kind !== 'Person'));
  const changedPeople = new Set<string>();
  for (const e of touched)
    if (e.kind === 'Person') {
      changedPeople.add(e.id);
      if (e.mergedInto) changedPeople.add(e.mergedInto);
    }
  const known = facts instanceof RevisionFacts ? facts : null;
  bundle.roles.push(
    ...[...revision.endedRoles.map((e) => e.id), ...(revision.reopenedRoles ?? [])]
      .map((id) => known?.role(id))
      .filter((r): r is RoleAssignment => r !== undefined),
    ...revision.addedRoles,
  );
  bundle.links.push(
    ...[...revision.endedLinks.map((e) => e.id), ...(revision.reopenedLinks ?? [])]
      .map((id) => known?.link(id))
      .filter((l): l is Link => l !== undefined),
    ...revision.addedLinks,
  );
  return { bundle, changedPeople: [...changedPeople] };
}
