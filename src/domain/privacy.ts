import type { ContactChannel, Role, Visibility } from './model.js';

// Who may see which contact channel. People choose a visibility per channel; every read path
// filters through here.

export interface Viewer {
  /** The person behind the request, when signed in. */
  personId: string | null;
  /** Roles the viewer holds anywhere in the network. */
  roles: readonly Role[];
}

export const ANONYMOUS: Viewer = { personId: null, roles: [] };

const COORDINATING_ROLES: readonly Role[] = ['KIK', 'KOORDINATIONSKRAFT', 'BEAUFTRAGTE', 'ADMIN'];

export function maySee(viewer: Viewer, visibility: Visibility, ownerId: string): boolean {
  if (viewer.personId !== null && viewer.personId === ownerId) return true;
  switch (visibility) {
    case 'PUBLIC':
      return true;
    case 'NETWORK':
      return viewer.personId !== null;
    case 'COORDINATORS':
      return viewer.roles.some((r) => COORDINATING_ROLES.includes(r));
    case 'PRIVATE':
      return false;
  }
}

export function visibleChannels(viewer: Viewer, ownerId: string, channels: readonly ContactChannel[]): ContactChannel[] {
  return channels.filter((c) => maySee(viewer, c.visibility, ownerId));
}
