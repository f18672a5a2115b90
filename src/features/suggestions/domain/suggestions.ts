import { createHash } from 'node:crypto';
import { isCoordinatingRole } from '../../../domain/model.js';
import type { NetworkSnapshot } from '../../../domain/ports/network-store.port.js';
import { isClosed } from '../../requests/domain/requests.js';

// Introductions the network does not make by itself (issue 38): computed from the read model's
// snapshot, each with the facts behind it and one next step. A suggestion's id names what it is
// about (its kind and subjects); its facts key names the facts, so a dismissed suggestion comes
// back only when its facts change.

export const SUGGESTION_KINDS = [
  'EXCHANGE_MEETING',
  'UNLINKED_ACTOR',
  'FUNDING_CALL',
  'WAITING_REQUEST',
  'STRUCTURAL_GAP',
] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export interface Suggestion {
  id: string;
  kind: SuggestionKind;
  districtAgs: string;
  /** The towns to bring together, or the alliance or institution to introduce. */
  subjectIds: string[];
  /** EXCHANGE_MEETING: the topics both towns have open or recent requests on. */
  topicIds: string[];
  /** Who the next step brings together: the towns' KIK, or the district's coordinators. */
  peopleIds: string[];
  factsKey: string;
  /** EXCHANGE_MEETING: how many months back no meeting of both towns was found. */
  quietMonths: number;
  /** Higher first; see rank(). */
  score: number;
  /** FUNDING_CALL: the call to share (subjects and people: those whose requests or project ideas fit). */
  fundingCall?: { id: string; title: string; closesOn: string };
  /** WAITING_REQUEST: the request waiting (people: who resolved requests on its topic elsewhere). */
  request?: { id: string; waitingDays: number };
  /** STRUCTURAL_GAP: a town without KIK, or a broker whose leaving leaves `groups` groups. */
  gap?: { kind: 'NO_KIK' | 'BROKER'; groups: number };
}

export interface SuggestionSettings {
  /** Towns that met within this many months are not suggested to meet (HUB_SUGGEST_QUIET_MONTHS). */
  quietMonths: number;
  /** Requests waiting longer than this are offered help from elsewhere (HUB_ESCALATE_AFTER_HOURS / 2). */
  waitingHours: number;
}

export const fingerprint = (parts: readonly string[]) =>
  createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 16);

/** Every suggestion for one district, unranked and before feedback. */
export function suggestionsFor(
  snapshot: NetworkSnapshot,
  districtAgs: string,
  now: Date,
  settings: SuggestionSettings,
): Suggestion[] {
  return [...exchangeMeetings(snapshot, districtAgs, now, settings), ...unlinkedActors(snapshot, districtAgs)];
}

/**
 * Two towns of the district with open or recent requests on the same topic whose KIK have not
 * met (no meeting of both towns) within the quiet months.
 */
function exchangeMeetings(
  snapshot: NetworkSnapshot,
  districtAgs: string,
  now: Date,
  settings: SuggestionSettings,
): Suggestion[] {
  const since = new Date(now);
  since.setMonth(since.getMonth() - settings.quietMonths);
  const towns = snapshot.entities.filter((e) => e.kind === 'Municipality' && e.districtAgs === districtAgs && !e.until);
  const townIds = new Set(towns.map((t) => t.id));
  const topicsOf = new Map<string, Set<string>>();
  for (const r of snapshot.requests) {
    if (!r.municipalityId || !townIds.has(r.municipalityId) || !r.topicId) continue;
    if (isClosed(r) && r.createdAt < since.toISOString()) continue;
    const set = topicsOf.get(r.municipalityId) ?? new Set<string>();
    set.add(r.topicId);
    topicsOf.set(r.municipalityId, set);
  }
  const met = new Set<string>();
  for (const m of snapshot.meetings) {
    if (m.state === 'CANCELLED' || m.startsAt < since.toISOString()) continue;
    for (const a of m.municipalityIds) for (const b of m.municipalityIds) if (a < b) met.add(`${a}|${b}`);
  }
  const kikOf = new Map<string, string[]>();
  for (const l of snapshot.links)
    if (l.type === 'SERVES' && !l.until && townIds.has(l.toId))
      kikOf.set(l.toId, [...(kikOf.get(l.toId) ?? []), l.fromId]);
  const found: Suggestion[] = [];
  const withTopics = [...topicsOf.keys()].sort();
  for (const [i, a] of withTopics.entries())
    for (const b of withTopics.slice(i + 1)) {
      if (met.has(`${a}|${b}`)) continue;
      const shared = [...topicsOf.get(a)!].filter((t) => topicsOf.get(b)!.has(t)).sort();
      if (shared.length === 0) continue;
      found.push({
        id: `suggestion:${fingerprint(['EXCHANGE_MEETING', a, b])}`,
        kind: 'EXCHANGE_MEETING',
        districtAgs,
        subjectIds: [a, b],
        topicIds: shared,
        peopleIds: [...new Set([...(kikOf.get(a) ?? []), ...(kikOf.get(b) ?? [])])].sort(),
        factsKey: fingerprint(shared),
        quietMonths: settings.quietMonths,
        score: shared.length,
      });
    }
  return found;
}

/** The district's Koordinationskraft (or those sharing the role), who introduce and close gaps. */
export function districtCoordinationOf(snapshot: NetworkSnapshot, districtAgs: string): string[] {
  return snapshot.roles
    .filter((r) => !r.until && r.role === 'KOORDINATIONSKRAFT' && r.scopeId === `district:${districtAgs}`)
    .map((r) => r.personId)
    .sort();
}

/** An alliance or institution of the district without a link to any of its coordinators. */
function unlinkedActors(snapshot: NetworkSnapshot, districtAgs: string): Suggestion[] {
  const districtId = `district:${districtAgs}`;
  const places = new Set([
    districtId,
    ...snapshot.entities.filter((e) => e.kind === 'Municipality' && e.districtAgs === districtAgs).map((e) => e.id),
  ]);
  const coordinators = new Set(
    snapshot.roles
      .filter((r) => !r.until && isCoordinatingRole(r.role) && r.scopeId && places.has(r.scopeId))
      .map((r) => r.personId),
  );
  const district = districtCoordinationOf(snapshot, districtAgs);
  const linked = new Set<string>();
  for (const l of snapshot.links) {
    if (l.until) continue;
    if (coordinators.has(l.fromId)) linked.add(l.toId);
    if (coordinators.has(l.toId)) linked.add(l.fromId);
  }
  return snapshot.entities
    .filter(
      (e) =>
        (e.kind === 'Alliance' || e.kind === 'Institution') &&
        e.districtAgs === districtAgs &&
        !e.until &&
        !linked.has(e.id),
    )
    .map((e) => ({
      id: `suggestion:${fingerprint(['UNLINKED_ACTOR', e.id])}`,
      kind: 'UNLINKED_ACTOR' as const,
      districtAgs,
      subjectIds: [e.id],
      topicIds: [],
      peopleIds: district,
      factsKey: fingerprint([e.id, 'unlinked']),
      quietMonths: 0,
      score: 1,
    }));
}
