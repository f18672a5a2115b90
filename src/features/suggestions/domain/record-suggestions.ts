import type { Project, Role } from '../../../domain/model.js';
import type { NetworkSnapshot } from '../../../domain/ports/network-store.port.js';
import { ERASED_NAME } from '../../../services/access/domain/access.js';
import { isOpen, openTo, type FundingCall } from '../../funding/domain/funding-calls.js';
import { isClosed } from '../../requests/domain/requests.js';
import { fingerprint, type Suggestion } from './suggestions.js';

// Suggestions from the district's records (issue 38): a funding call that fits what the district
// asks and plans, and people elsewhere who solved what one of its requests has been waiting for.

/** How many people a suggestion names at most. */
const PEOPLE_NAMED = 3;

/**
 * People a suggestion may name: they hold a role in the network now, were not erased, and hold no
 * administrating or analysing role (those are not actors of a district).
 */
function nameable(snapshot: NetworkSnapshot): Set<string> {
  const excluded = new Set([
    ...snapshot.entities.filter((e) => e.kind === 'Person' && e.name === ERASED_NAME).map((e) => e.id),
    ...snapshot.roles.filter((r) => !r.until && PRIVILEGED_ROLES.has(r.role)).map((r) => r.personId),
  ]);
  return new Set(snapshot.roles.filter((r) => !r.until && !excluded.has(r.personId)).map((r) => r.personId));
}

const PRIVILEGED_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'ANALYST']);

/** Requests of the district that are still open and name a topic. */
const openRequestsOf = (snapshot: NetworkSnapshot, districtAgs: string) =>
  snapshot.requests.filter((r) => r.districtAgs === districtAgs && !isClosed(r) && r.topicId && r.kind !== 'ADVICE');

/**
 * Calls open today to the district whose topics fit its open requests or its projects still at
 * IDEA: shared with whoever asked or plans (their contact person).
 */
export function fundingCallSuggestions(
  snapshot: NetworkSnapshot,
  districtAgs: string,
  today: string,
  calls: readonly FundingCall[],
  projects: readonly Project[],
): Suggestion[] {
  const people = nameable(snapshot);
  const askers = new Map<string, Set<string>>();
  const note = (topicId: string, personId: string | null) => {
    const set = askers.get(topicId) ?? new Set<string>();
    if (personId && people.has(personId)) set.add(personId);
    askers.set(topicId, set);
  };
  for (const r of openRequestsOf(snapshot, districtAgs)) note(r.topicId!, r.requesterId);
  for (const p of projects)
    if (p.districtAgs === districtAgs && p.status === 'IDEA') for (const t of p.topicIds) note(t, p.contactPersonId);
  const district = new Set([districtAgs]);
  return calls
    .filter((c) => isOpen(c, today) && openTo(c, district))
    .flatMap((call) => {
      const topicIds = call.topicIds.filter((t) => askers.has(t)).sort();
      if (topicIds.length === 0) return [];
      const peopleIds = [...new Set(topicIds.flatMap((t) => [...askers.get(t)!]))].sort().slice(0, PEOPLE_NAMED);
      return [
        {
          id: `suggestion:${fingerprint(['FUNDING_CALL', districtAgs, call.id])}`,
          kind: 'FUNDING_CALL' as const,
          districtAgs,
          subjectIds: [],
          topicIds,
          peopleIds,
          factsKey: fingerprint([...topicIds, '|', ...peopleIds]),
          quietMonths: 0,
          score: topicIds.length,
          fundingCall: { id: call.id, title: call.title, closesOn: call.closesOn },
        },
      ];
    });
}

/**
 * Requests of the district waiting longer than `waitingHours` whose topic people in other
 * districts have resolved requests on: those people (who still hold a role), for a question to
 * their coordination.
 */
export function waitingRequestSuggestions(
  snapshot: NetworkSnapshot,
  districtAgs: string,
  now: Date,
  waitingHours: number,
): Suggestion[] {
  const people = nameable(snapshot);
  const before = new Date(now.getTime() - waitingHours * 3_600_000).toISOString();
  const waiting = openRequestsOf(snapshot, districtAgs).filter((r) => r.createdAt <= before);
  if (waiting.length === 0) return [];
  const solvers = new Map<string, Map<string, number>>();
  for (const r of snapshot.requests) {
    if (r.state !== 'RESOLVED' || r.districtAgs === districtAgs || !r.topicId) continue;
    const by = r.hops.findLast((h) => h.kind === 'RESOLVED')?.fromId ?? r.handlerId;
    if (!people.has(by)) continue;
    const counts = solvers.get(r.topicId) ?? new Map<string, number>();
    counts.set(by, (counts.get(by) ?? 0) + 1);
    solvers.set(r.topicId, counts);
  }
  return waiting.flatMap((request) => {
    const counts = solvers.get(request.topicId!);
    if (!counts) return [];
    const peopleIds = [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, PEOPLE_NAMED)
      .map(([id]) => id);
    const waitingDays = Math.floor((now.getTime() - Date.parse(request.createdAt)) / 86_400_000);
    return [
      {
        id: `suggestion:${fingerprint(['WAITING_REQUEST', request.id])}`,
        kind: 'WAITING_REQUEST' as const,
        districtAgs,
        subjectIds: request.municipalityId ? [request.municipalityId] : [],
        topicIds: [request.topicId!],
        peopleIds,
        factsKey: fingerprint(peopleIds),
        quietMonths: 0,
        score: 1 + Math.min(waitingDays, 14) / 7,
        request: { id: request.id, waitingDays },
      },
    ];
  });
}

/** The coordinating people of the districts these people work in, for a question to them. */
export function coordinationOf(snapshot: NetworkSnapshot, personIds: readonly string[]): string[] {
  const districtOfScope = new Map<string, string>();
  for (const e of snapshot.entities)
    if (e.kind === 'District') districtOfScope.set(e.id, e.id.slice(e.id.indexOf(':') + 1));
    else if (e.districtAgs) districtOfScope.set(e.id, e.districtAgs);
  const wanted = new Set(personIds);
  const districts = new Set(
    snapshot.roles
      .filter((r) => !r.until && wanted.has(r.personId) && r.scopeId)
      .flatMap((r) => districtOfScope.get(r.scopeId!) ?? []),
  );
  return [
    ...new Set(
      snapshot.roles
        .filter(
          (r) =>
            !r.until &&
            r.role === 'KOORDINATIONSKRAFT' &&
            r.scopeId &&
            districts.has(districtOfScope.get(r.scopeId) ?? ''),
        )
        .map((r) => r.personId),
    ),
  ].sort();
}
