import type { RoleAssignment } from '../../domain/model.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';

/** The districts (AGS) in which these roles are held: of their district, town, alliance or institution. */
export async function districtsOfRoles(store: NetworkStore, roles: readonly RoleAssignment[]): Promise<Set<string>> {
  const scopes = await store.entitiesByIds(roles.map((r) => r.scopeId).filter((id): id is string => id !== null));
  return new Set(
    scopes.flatMap((s) => (s && 'districtAgs' in s ? [s.districtAgs] : s?.kind === 'District' ? [s.ags] : [])),
  );
}

/** Where a viewer works: the district of their token and the districts of their roles. */
export async function districtsOfPerson(
  store: NetworkStore,
  personId: string,
  tokenDistrict: string | null = null,
): Promise<Set<string>> {
  const [roles] = await store.rolesOfPersons([personId]);
  const found = await districtsOfRoles(store, roles ?? []);
  if (tokenDistrict) found.add(tokenDistrict);
  return found;
}
