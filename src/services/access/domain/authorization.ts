import type { Viewer } from './access.js';
import { entitiesOf } from '../../../domain/changes.js';
import { NotAllowed } from '../../../domain/errors.js';
import type { Entity, NetworkBundle } from '../../../domain/model.js';
import { ADMIN_GRANTED_ROLES } from './policy.js';
import type { WriteFacts } from '../../../domain/rules.js';

// Who may write what, decided on the facts the store read inside the write's transaction.
// ADMIN writes everything; a DISTRICT_COORDINATOR writes only what lies in their district; a
// COORDINATOR keeps the network current (people and links) but not its structure.

export const SYSTEM: Viewer = { personId: null, access: 'ADMIN', districtAgs: null, personalData: true, roles: [] };

/**
 * `actorDistricts`: where a COORDINATOR works (their token's district and their roles'
 * districts), read before the transaction; they write people, alliances, institutions and
 * links there only.
 */
export function authorizeChanges(
  viewer: Viewer,
  changes: NetworkBundle,
  facts: WriteFacts,
  actorDistricts: ReadonlySet<string> = new Set(),
): void {
  if (viewer.access === 'ADMIN') return;
  if (changes.roles.some((r) => ADMIN_GRANTED_ROLES.includes(r.role))) {
    throw new NotAllowed(
      'grant the ADMIN or ANALYST role (admins do)',
      'keine Rollen ADMIN oder ANALYST vergeben (das tun Admins)',
    );
  }
  if (viewer.access === 'COORDINATOR') {
    const structural =
      changes.districts.length +
      changes.municipalities.length +
      changes.topics.length +
      changes.fundingPrograms.length +
      changes.roles.length;
    if (structural > 0)
      throw new NotAllowed(
        'change districts, municipalities, topics or roles',
        'keine Kreise, Gemeinden, Themen oder Rollen ändern',
      );
    const outside = touchedDistricts(changes, facts).filter((ags) => !actorDistricts.has(ags));
    if (outside.length === 0) return;
    throw new NotAllowed(
      `write outside the districts you work in (${outside.join(', ')})`,
      `nur in den Kreisen schreiben, in denen Sie arbeiten, nicht in ${outside.join(', ')}`,
    );
  }
  if (viewer.access === 'DISTRICT_COORDINATOR' && viewer.districtAgs) {
    if (changes.districts.length || changes.topics.length || changes.fundingPrograms.length)
      throw new NotAllowed(
        'change districts, topics or funding programmes',
        'keine Kreise, Themen oder Förderprogramme ändern',
      );
    const outside = touchedDistricts(changes, facts).filter((ags) => ags !== viewer.districtAgs);
    if (outside.length === 0) return;
    throw new NotAllowed(
      `write outside your district (${outside.join(', ')})`,
      `nur in Ihrem eigenen Kreis schreiben, nicht in ${outside.join(', ')}`,
    );
  }
  throw new NotAllowed('change the network', 'das Netzwerk nicht ändern');
}

/** The districts a bundle writes in; people count as belonging to the districts of their roles. */
function touchedDistricts(changes: NetworkBundle, facts: WriteFacts): string[] {
  const found = new Set<string>();
  const add = (id: string | null) => {
    if (!id) return;
    for (const ags of districtsOf(facts.entity(id), facts)) found.add(ags);
  };
  for (const e of entitiesOf(changes)) if (e.kind !== 'Person') for (const ags of districtsOf(e, facts)) found.add(ags);
  for (const r of changes.roles) add(r.scopeId);
  for (const l of changes.links) {
    add(l.fromId);
    add(l.toId);
  }
  return [...found];
}

function districtsOf(entity: Entity | undefined, facts: WriteFacts): string[] {
  if (!entity) return [];
  switch (entity.kind) {
    case 'District':
      return [entity.ags];
    case 'Municipality':
    case 'Alliance':
    case 'Institution':
    case 'Project':
      return [entity.districtAgs];
    case 'Person':
      return facts.rolesOf(entity.id).flatMap((r) => (r.scopeId ? districtsOf(facts.entity(r.scopeId), facts) : []));
    default:
      return [];
  }
}
