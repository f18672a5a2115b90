import type { Role, RoleAssignment } from '../../../domain/model.js';
import type { AccessRole, AccessToken } from './access.js';
import { levelOfRole, levelOfRoles } from './policy.js';

// Rights follow roles: a token names the highest level its person may use, and each request
// recomputes what the person's roles support now. A KIK whose role ended keeps a volunteer's
// reading rights at most, whatever their token says. Only an admin token for someone who never
// held the ADMIN role stands on its own: the first admin of a deployment comes from the command
// line (`npm run token`) for a person who may hold no role in the network.

export interface RolesOfTokenPerson {
  /** The roles the person holds today. */
  current: readonly RoleAssignment[];
  /** Whether they held the ADMIN role before and hold it no longer. */
  lostAdmin: boolean;
  /** The district of each current role's scope, by role id. */
  districtOfRole(roleId: string): string | null;
}

export function effectiveAccess(
  token: Pick<AccessToken, 'access' | 'districtAgs'>,
  roles: RolesOfTokenPerson,
): AccessRole {
  const held = roles.current.map((r) => r.role);
  const coordinating = (r: RoleAssignment) => levelOfRole(r.role) === 'COORDINATOR';
  switch (token.access) {
    case 'ADMIN':
      return held.includes('ADMIN') || !roles.lostAdmin ? 'ADMIN' : below(held);
    case 'ANALYST':
      return held.includes('ANALYST') || held.includes('ADMIN') ? 'ANALYST' : 'VOLUNTEER';
    case 'DISTRICT_COORDINATOR':
      if (roles.current.some((r) => coordinating(r) && roles.districtOfRole(r.id) === token.districtAgs))
        return 'DISTRICT_COORDINATOR';
      return roles.current.some(coordinating) ? 'COORDINATOR' : 'VOLUNTEER';
    case 'COORDINATOR':
      return roles.current.some(coordinating) ? 'COORDINATOR' : 'VOLUNTEER';
    case 'VOLUNTEER':
      return 'VOLUNTEER';
  }
}

/** What a former admin's roles still support, never more than a coordinator, at least a volunteer's reading. */
function below(held: readonly Role[]): AccessRole {
  const level = levelOfRoles(held.filter((r) => r !== 'ADMIN'));
  return level === 'COORDINATOR' ? 'COORDINATOR' : 'VOLUNTEER';
}
