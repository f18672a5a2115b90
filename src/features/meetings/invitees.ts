import { InvalidInput, NotFound } from '../../domain/errors.js';
import { districtId } from '../../domain/ids.js';
import { matchName } from '../../domain/names.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { NameIndex } from '../../services/reads/name-index.js';
import { MeetingOutsideDistrict } from './domain/meetings.js';

// Who a meeting invites: the KIK serving each named town of the district, the district's
// Beauftragte, the volunteers of the alliances active there (on request), and people named by id.

export async function resolveInvitees(
  store: NetworkStore,
  names: Pick<NameIndex, 'municipalities'>,
  request: { words: string[]; districtAgs: string; organiser: string; includeAlliances: boolean },
): Promise<{ municipalityIds: string[]; inviteeIds: string[] }> {
  const { words, districtAgs, organiser, includeAlliances } = request;
  if (words.length === 0)
    throw new InvalidInput('invite', 'name at least one municipality or person', {
      field: 'Einladung',
      problem: 'bitte mindestens eine Gemeinde oder Person nennen',
    });
  const towns = await names.municipalities();
  const municipalityIds: string[] = [];
  const people = new Set<string>();
  for (const word of words) {
    if (word.startsWith('person:')) {
      people.add(word);
      continue;
    }
    const found = matchName(word, towns, (t) => t.name);
    if (!found.match)
      throw new NotFound(
        'Municipality',
        word,
        found.suggestions.map((t) => t.name),
      );
    if (found.match.districtAgs !== districtAgs) throw new MeetingOutsideDistrict(found.match.name);
    municipalityIds.push(found.match.id);
  }
  const [links, scopeRoles] = await Promise.all([
    store.linksOf(municipalityIds),
    store.rolesInScopes([...municipalityIds, districtId(districtAgs)]),
  ]);
  municipalityIds.forEach((id, i) =>
    links[i]!.filter((l) => l.type === 'SERVES' && l.toId === id).forEach((l) => people.add(l.fromId)),
  );
  scopeRoles
    .flat()
    .filter((r) => r.role === 'BEAUFTRAGTE')
    .forEach((r) => people.add(r.personId));
  if (includeAlliances) {
    const alliances = [
      ...new Set(
        municipalityIds.flatMap((id, i) =>
          links[i]!.filter((l) => l.type === 'ACTIVE_IN' && l.toId === id).map((l) => l.fromId),
        ),
      ),
    ];
    (await store.rolesInScopes(alliances))
      .flat()
      .filter((r) => r.role === 'VOLUNTEER')
      .forEach((r) => people.add(r.personId));
  }
  const found = await store.entitiesByIds([...people]);
  const missing = [...people].find((id, i) => found[i]?.kind !== 'Person');
  if (missing) throw new NotFound('Person', missing);
  people.delete(organiser);
  return { municipalityIds, inviteeIds: [...people] };
}
