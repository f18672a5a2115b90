import { createHash } from 'node:crypto';
import type { Viewer } from './access.js';
import type { ContactChannel, Role, Visibility } from './model.js';

// Who may see what of a person. People choose a visibility per contact channel; analysts see
// pseudonyms unless granted personal data; anonymous callers see the names of people in public
// roles only. Every read path (GraphQL, chat, map) filters through here.

const COORDINATING_ACCESS = new Set(['COORDINATOR', 'DISTRICT_COORDINATOR', 'ADMIN']);
const COORDINATING_ROLES: readonly Role[] = ['KIK', 'KOORDINATIONSKRAFT', 'BEAUFTRAGTE'];
const PUBLIC_ROLES: readonly Role[] = ['KIK', 'KOORDINATIONSKRAFT', 'BEAUFTRAGTE', 'INSTITUTION_CONTACT'];

function pseudonymised(viewer: Viewer): boolean {
  return viewer.access === 'ANALYST' && !viewer.personalData;
}

export function isCoordinator(viewer: Viewer): boolean {
  return (viewer.access !== null && COORDINATING_ACCESS.has(viewer.access)) || viewer.roles.some((r) => COORDINATING_ROLES.includes(r));
}

export function maySee(viewer: Viewer, visibility: Visibility, ownerId: string): boolean {
  if (viewer.personId !== null && viewer.personId === ownerId) return true;
  if (pseudonymised(viewer)) return false;
  switch (visibility) {
    case 'PUBLIC':
      return true;
    case 'NETWORK':
      return viewer.access !== null;
    case 'COORDINATORS':
      return isCoordinator(viewer);
    case 'PRIVATE':
      return false;
  }
}

export function visibleChannels(viewer: Viewer, ownerId: string, channels: readonly ContactChannel[]): ContactChannel[] {
  return channels.filter((c) => maySee(viewer, c.visibility, ownerId));
}

/** Whether the viewer may learn that this person is in the network at all (the map, search). */
export function mayListPerson(viewer: Viewer, personId: string, roles: readonly Role[]): boolean {
  return viewer.access !== null || viewer.personId === personId || roles.some((r) => PUBLIC_ROLES.includes(r));
}

/** The name to show for a person: their own, or a stable pseudonym where the viewer may not know it. */
export function displayName(viewer: Viewer, person: { id: string; name: string }, roles: readonly Role[]): string {
  if (viewer.personId === person.id) return person.name;
  const hidden = pseudonymised(viewer) || (viewer.access === null && !roles.some((r) => PUBLIC_ROLES.includes(r)));
  return hidden ? pseudonym(person.id) : person.name;
}

export function pseudonym(personId: string): string {
  return `Person ${createHash('sha256').update(personId).digest('hex').slice(0, 6)}`;
}
