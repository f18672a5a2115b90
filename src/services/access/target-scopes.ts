import { kindOfId } from '../../domain/ids.js';
import type { Entity } from '../../domain/model.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { NetworkLifecycleStore } from '../lifecycle/domain/network-lifecycle.port.js';
import type { Viewer } from './domain/access.js';
import type { AccessStore } from './domain/access-store.port.js';
import {
  NO_TARGETS,
  PRIVILEGED_ROLES,
  TargetScopeTable,
  type PersonHistory,
  type TargetScopes,
} from './domain/target-scope.js';

export type TargetScopeStore = NetworkStore & {
  readonly lifecycle: Pick<NetworkLifecycleStore, 'allRolesOfPersons' | 'allLinksOf'>;
} & { readonly tokens: Pick<AccessStore, 'listTokens'> };

const PRIVILEGED_ACCESS = new Set(['ADMIN', 'ANALYST']);

/**
 * The past of the existing people a write touches (see domain/target-scope.ts), in three reads
 * whatever their number. Admins write everything, so nothing is read for them.
 */
export async function readTargetScopes(
  store: TargetScopeStore,
  actor: Viewer,
  personIds: Iterable<string>,
): Promise<TargetScopes> {
  const ids = [...new Set(personIds)].filter((id) => kindOfId(id) === 'Person');
  if (actor.access === 'ADMIN' || ids.length === 0) return NO_TARGETS;
  const [roles, links, tokens] = await Promise.all([
    store.lifecycle.allRolesOfPersons(ids),
    store.lifecycle.allLinksOf(ids),
    store.tokens.listTokens(),
  ]);
  const others = new Set<string>();
  roles.flat().forEach((r) => r.scopeId && others.add(r.scopeId));
  links.flat().forEach((l) => [l.fromId, l.toId].forEach((id) => kindOfId(id) !== 'Person' && others.add(id)));
  const records = new Map(
    (await store.entitiesByIds([...others])).filter((e): e is Entity => e !== null).map((e) => [e.id, e]),
  );
  const districtOf = (id: string | null) => {
    const e = id ? records.get(id) : undefined;
    return e?.kind === 'District' ? [e.ags] : e && 'districtAgs' in e ? [e.districtAgs] : [];
  };
  const privilegedByToken = new Set(tokens.filter((t) => PRIVILEGED_ACCESS.has(t.access)).map((t) => t.personId));
  const people = new Map<string, PersonHistory>(
    ids.map((id, i) => [
      id,
      {
        endedRoleDistricts: roles[i]!.filter((r) => r.until).flatMap((r) => districtOf(r.scopeId)),
        linkedDistricts: links[i]!.flatMap((l) => districtOf(l.fromId === id ? l.toId : l.fromId)),
        privileged: privilegedByToken.has(id) || roles[i]!.some((r) => PRIVILEGED_ROLES.includes(r.role)),
      },
    ]),
  );
  return new TargetScopeTable(people);
}
