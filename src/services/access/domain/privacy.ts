import type { Viewer } from './access.js';
import { NotAllowed } from '../../../domain/errors.js';
import type { ContactChannel, Role, Visibility } from '../../../domain/model.js';
import { PERSON_VISIBILITY, principalOf, PUBLIC_ROLES } from './policy.js';

// Who may see what of a person, read from the access policy's PERSON_VISIBILITY table. People
// choose a visibility per contact channel; analysts see keyed pseudonyms unless granted personal
// data; anonymous callers see the names of people in public roles only. Every read path
// (GraphQL, chat, map) filters through here.

/** Turns a person id into a stable pseudonym nobody can undo without the server's secret. */
export interface Pseudonyms {
  pseudonym(personId: string): string;
}

export function isPseudonymised(viewer: Viewer): boolean {
  return PERSON_VISIBILITY[principalOf(viewer)].names === 'pseudonyms';
}

export function isCoordinator(viewer: Viewer): boolean {
  return PERSON_VISIBILITY[principalOf(viewer)].channels.includes('COORDINATORS') && viewer.access !== 'ANALYST';
}

function maySee(viewer: Viewer, visibility: Visibility, ownerId: string): boolean {
  if (viewer.personId !== null && viewer.personId === ownerId) return true;
  return PERSON_VISIBILITY[principalOf(viewer)].channels.includes(visibility);
}

export function visibleChannels(
  viewer: Viewer,
  ownerId: string,
  channels: readonly ContactChannel[],
): ContactChannel[] {
  return channels.filter((c) => maySee(viewer, c.visibility, ownerId));
}

/** Whether the viewer may learn that this person is in the network at all (the map, search, node). */
export function mayListPerson(viewer: Viewer, personId: string, roles: readonly Role[]): boolean {
  return viewer.access !== null || viewer.personId === personId || roles.some((r) => PUBLIC_ROLES.includes(r));
}

/** The name to show for a person: their own, or a stable pseudonym where the viewer may not know it. */
export function displayName(
  viewer: Viewer,
  person: { id: string; name: string },
  roles: readonly Role[],
  keys: Pseudonyms,
): string {
  if (viewer.personId === person.id) return person.name;
  const names = PERSON_VISIBILITY[principalOf(viewer)].names;
  const hidden = names === 'pseudonyms' || (names === 'publicRoles' && !roles.some((r) => PUBLIC_ROLES.includes(r)));
  return hidden ? keys.pseudonym(person.id) : person.name;
}

/** Listing people tells who is in the network: signed-in members only, and by name only with names. */
export function checkPeopleListing(viewer: Viewer, text: string | null | undefined): void {
  if (viewer.access === null)
    throw new NotAllowed('list people without signing in', 'Personen nur angemeldet auflisten');
  if (isPseudonymised(viewer) && text)
    throw new NotAllowed(
      'search people by name without access to personal data',
      'Personen ohne Zugriff auf personenbezogene Daten nicht nach Namen suchen',
    );
}
