import type { NetworkBundle } from '../src/domain/model.js';

// One state out of the Germany-scale network (Saxony: AGS 14…), consistent: roles and links
// only between what is kept, people only where they hold a role there.

export function stateSlice(bundle: NetworkBundle, statePrefix: string): NetworkBundle {
  const inState = (e: { districtAgs: string }) => e.districtAgs.startsWith(statePrefix);
  const districts = bundle.districts.filter((d) => d.ags.startsWith(statePrefix));
  const municipalities = bundle.municipalities.filter(inState);
  const alliances = bundle.alliances.filter(inState);
  const institutions = bundle.institutions.filter(inState);
  const projects = bundle.projects.filter(inState);
  const places = new Set(
    [...districts, ...municipalities, ...alliances, ...institutions, ...projects].map((e) => e.id),
  );
  const roles = bundle.roles.filter((r) => r.scopeId !== null && places.has(r.scopeId));
  const people = new Set(roles.map((r) => r.personId));
  const persons = bundle.persons.filter((p) => people.has(p.id));
  const kept = new Set([
    ...places,
    ...people,
    ...bundle.topics.map((t) => t.id),
    ...bundle.fundingPrograms.map((f) => f.id),
  ]);
  const links = bundle.links.filter((l) => kept.has(l.fromId) && kept.has(l.toId));
  return {
    districts,
    municipalities,
    alliances,
    institutions,
    projects,
    persons,
    roles,
    links,
    topics: bundle.topics,
    fundingPrograms: bundle.fundingPrograms,
  };
}
