import { InvalidInput } from '../../domain/errors.js';
import type { NetworkStore } from '../../domain/ports/network-store.port.js';
import type { HubRequest } from '../../features/requests/domain/requests.js';
import type { NetworkGraph } from './network-graph.js';

// Figures over time for analysts: what the coordination did in a period, per district and topic.
// Counts only, no people, so pseudonymised callers get the same figures.

export interface PeriodFigures {
  districtAgs: string;
  /** null: all topics together (and the meetings, which have no topic). */
  topicId: string | null;
  requestsFiled: number;
  requestsAccepted: number;
  requestsResolved: number;
  requestsEscalated: number;
  /** Median hours from filing to acceptance, for requests accepted in the period. */
  medianHoursToAccept: number | null;
  medianHoursToResolve: number | null;
  meetingsHeld: number;
  /** Municipalities a request was filed for or a meeting invited, in the period. */
  municipalitiesReached: number;
}

const MAX_DAYS = 3_700;

export class Statistics {
  constructor(
    private readonly network: NetworkGraph,
    private readonly now: () => Date = () => new Date(),
    /** Reads which town an old one merged into, so a merged town counts once. */
    private readonly store?: Pick<NetworkStore, 'entitiesByIds'>,
  ) {}

  async figures(districtAgs: string | null, from: string, to: string): Promise<PeriodFigures[]> {
    if (to < from)
      throw new InvalidInput('to', 'must not be before from', { field: 'bis', problem: 'darf nicht vor „von“ liegen' });
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS)
      throw new InvalidInput('to', 'the period may span at most ten years', {
        field: 'bis',
        problem: 'der Zeitraum darf höchstens zehn Jahre umfassen',
      });
    const start = `${from}T00:00:00.000Z`;
    const end = `${to}T23:59:59.999Z`;
    const within = (at: string | undefined) => at !== undefined && at >= start && at <= end;
    const snapshot = await this.network.snapshot();
    const groups = new Map<
      string,
      { districtAgs: string; topicId: string | null; requests: HubRequest[]; meetings: number; towns: Set<string> }
    >();
    const group = (ags: string, topicId: string | null) => {
      const key = `${ags}|${topicId ?? ''}`;
      let found = groups.get(key);
      if (!found) groups.set(key, (found = { districtAgs: ags, topicId, requests: [], meetings: 0, towns: new Set() }));
      return found;
    };
    for (const request of snapshot.requests) {
      if (districtAgs && request.districtAgs !== districtAgs) continue;
      const touched = within(request.createdAt) || request.hops.some((h) => within(h.at));
      if (!touched) continue;
      for (const g of [
        group(request.districtAgs, null),
        ...(request.topicId ? [group(request.districtAgs, request.topicId)] : []),
      ]) {
        g.requests.push(request);
        if (within(request.createdAt) && request.municipalityId) g.towns.add(request.municipalityId);
      }
    }
    // A district asked for has its row even in a period when nothing happened: zeros, not nothing.
    if (districtAgs) group(districtAgs, null);
    const now = this.now().toISOString();
    for (const meeting of snapshot.meetings) {
      if (
        (districtAgs && meeting.districtAgs !== districtAgs) ||
        meeting.state !== 'SCHEDULED' ||
        !within(meeting.startsAt) ||
        meeting.startsAt > now
      )
        continue;
      const g = group(meeting.districtAgs, null);
      g.meetings++;
      meeting.municipalityIds.forEach((id) => g.towns.add(id));
    }
    const townOf = await this.mergedTowns(new Set([...groups.values()].flatMap((g) => [...g.towns])));
    return [...groups.values()]
      .map((g) => {
        const hop = (r: HubRequest, kind: string) => r.hops.find((h) => h.kind === kind && within(h.at));
        const accepted = g.requests.filter((r) => hop(r, 'ACCEPTED'));
        const resolved = g.requests.filter((r) => hop(r, 'RESOLVED'));
        const hours = (r: HubRequest, kind: string) =>
          (Date.parse(hop(r, kind)!.at) - Date.parse(r.createdAt)) / 3_600_000;
        return {
          districtAgs: g.districtAgs,
          topicId: g.topicId,
          requestsFiled: g.requests.filter((r) => within(r.createdAt)).length,
          requestsAccepted: accepted.length,
          requestsResolved: resolved.length,
          requestsEscalated: g.requests.filter((r) => hop(r, 'ESCALATED')).length,
          medianHoursToAccept: median(accepted.map((r) => hours(r, 'ACCEPTED'))),
          medianHoursToResolve: median(resolved.map((r) => hours(r, 'RESOLVED'))),
          meetingsHeld: g.meetings,
          municipalitiesReached: new Set([...g.towns].map((id) => townOf.get(id) ?? id)).size,
        };
      })
      .sort((a, b) => a.districtAgs.localeCompare(b.districtAgs) || (a.topicId ?? '').localeCompare(b.topicId ?? ''));
  }

  /** Each town as it is today: one merged away counts as the town it became (issue 34). */
  private async mergedTowns(ids: Set<string>): Promise<Map<string, string>> {
    const today = new Map([...ids].map((id) => [id, id]));
    for (let depth = 0; depth < MERGE_DEPTH && this.store && today.size; depth++) {
      const current = [...new Set(today.values())];
      const merged = new Map(
        (await this.store.entitiesByIds(current))
          .filter((e) => e?.mergedInto)
          .map((e) => [e!.id, e!.mergedInto!] as const),
      );
      if (merged.size === 0) break;
      for (const [id, town] of today) if (merged.has(town)) today.set(id, merged.get(town)!);
    }
    return today;
  }
}

/** How deep mergers of mergers are followed (one read each). */
const MERGE_DEPTH = 5;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 10) / 10;
}
