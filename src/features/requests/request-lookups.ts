import { NotFound } from '../../domain/errors.js';
import { districtId } from '../../domain/ids.js';
import type { District, Municipality } from '../../domain/model.js';
import { matchName } from '../../domain/names.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import { matchTopic } from '../../domain/topic-match.js';
import type { NameIndex } from '../../services/reads/name-index.js';
import type { OwnRequestSubject, RequestAbout } from './domain/request-notices.js';
import { RequestNotRoutable, type ForwardTarget, type HubRequest, type RequestLevel } from './domain/requests.js';

// What routing a request looks up in the network: the place and topic named, who handles a new
// request, what kind of target a forward goes to, and how people see the request in their notices.

type Lookups = NetworkStore;
type Names = Pick<NameIndex, 'municipalities' | 'cities' | 'topics'>;

/** The request as its requester knows it, with who has it (or had it) now. */
export async function subjectOf(
  store: Lookups,
  request: HubRequest,
  handlerId: string | null,
): Promise<OwnRequestSubject> {
  const [place, district, handler] = await store.entitiesByIds([
    request.municipalityId ?? '',
    districtId(request.districtAgs),
    handlerId ?? '',
  ]);
  const text = request.text ?? '';
  return {
    place: place?.name ?? district?.name ?? request.districtAgs,
    excerpt: text.length > 60 ? `${text.slice(0, 59).trimEnd()}…` : text,
    handlerName: handler?.kind === 'Person' ? handler.name : null,
  };
}

/** Who asks about what, for the people handling it. */
export async function aboutOf(store: Lookups, request: HubRequest): Promise<RequestAbout> {
  const [requester, topic] = await store.entitiesByIds([request.requesterId, request.topicId ?? '']);
  return {
    topic: topic?.kind === 'Topic' ? { de: topic.name, en: topic.nameEn } : null,
    requesterName: requester?.kind === 'Person' ? requester.name : null,
  };
}

export async function firstHandler(
  store: Lookups,
  municipality: Municipality | null,
  district: District,
): Promise<{ handlerId: string; level: RequestLevel }> {
  if (municipality && district.districtKind === 'LANDKREIS') {
    const [links] = await store.linksOf([municipality.id]);
    const kik = links?.find((l) => l.type === 'SERVES' && l.toId === municipality.id);
    if (kik) return { handlerId: kik.fromId, level: 'KIK' };
  }
  const [roles] = await store.rolesInScopes([district.id]);
  const kk = roles?.find((r) => r.role === 'KOORDINATIONSKRAFT');
  if (kk) return { handlerId: kk.personId, level: 'KOORDINATIONSKRAFT' };
  throw new RequestNotRoutable(municipality?.name ?? district.name);
}

export async function targetKind(store: Lookups, request: HubRequest, personId: string): Promise<ForwardTarget | null> {
  const [roles] = await store.rolesOfPersons([personId]);
  if (!roles?.length) return null;
  if (roles.some((r) => r.role === 'KOORDINATIONSKRAFT' && r.scopeId === districtId(request.districtAgs)))
    return { kind: 'KOORDINATIONSKRAFT_OF_DISTRICT' };
  if (roles.some((r) => r.role === 'KOORDINATIONSKRAFT')) return { kind: 'OTHER_DISTRICT_COORDINATION' };
  if (roles.some((r) => r.role === 'INSTITUTION_CONTACT')) return { kind: 'INSTITUTION_CONTACT' };
  if (request.topicId) {
    const [links] = await store.linksOf([personId]);
    if (links?.some((l) => l.type === 'EXPERT_IN' && l.toId === request.topicId)) return { kind: 'EXPERT' };
  }
  return null;
}

/** A place is a municipality, or a kreisfreie Stadt (which has no municipalities of its own). */
export async function resolvePlace(
  store: Lookups,
  names: Names,
  name: string,
): Promise<{ municipality: Municipality | null; district: District }> {
  const towns = await names.municipalities();
  const cities = await names.cities();
  const places = [
    ...towns.map((t) => ({ name: t.name, id: t.id })),
    ...cities.map((c) => ({ name: c.name, id: c.id })),
  ];
  const found = matchName(name, places, (p) => p.name);
  if (!found.match)
    throw new NotFound(
      'Municipality',
      name,
      found.suggestions.map((p) => p.name),
    );
  const [entity] = await store.entitiesByIds([found.match.id]);
  if (entity?.kind === 'District') return { municipality: null, district: entity };
  const municipality = entity as Municipality;
  const [district] = await store.districtsByAgs([municipality.districtAgs]);
  return { municipality, district: district! };
}

export async function resolveTopic(names: Names, name: string): Promise<string> {
  const found = matchTopic(name, await names.topics());
  if (!found.match)
    throw new NotFound(
      'Topic',
      name,
      found.suggestions.map((t) => t.name),
    );
  return found.match.id;
}
