import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../services/access/domain/access.js';
import { NotInvited, type Meeting, type RsvpAnswer } from './domain/meetings.js';
import type { CoordinationStore, MeetingStore } from '../../domain/ports/graph-store.port.js';
import {
  expandRule,
  parseRecurrence,
  ruleCount,
  ruleEndingBefore,
  ruleReanchored,
  type Recurrence,
} from './recurrence.js';
import type { HubNotice } from '../../services/chat/notifiers.js';
import { berlinWallTime, parseWhen } from './when.js';
import { CLAIMS } from '../../domain/ports/state-slots.js';

// Recurring series: each occurrence is a meeting of its own (own answers, reminders, minutes),
// tied to the others by `series`. Occurrences exist a year ahead; a daily run adds the next ones.
// A change to "this and the following" occurrences splits the series: the part before keeps the
// old rule, ended by UNTIL, and the rest continues as a new series with the new rule.

const SERIES_HORIZON_DAYS = 365;
const MAX_OCCURRENCES = 60;
const DAY_MS = 86_400_000;

export type ChangeScope = 'THIS' | 'FOLLOWING';

/** The occurrences of a new series, from its first date up to the horizon. */
export function seriesOccurrences(template: Meeting, recurrence: Recurrence, now: Date): Meeting[] {
  const seriesId = `series:${randomUUID().slice(0, 8)}`;
  return occurrencesFrom(
    template,
    seriesId,
    recurrence.rule,
    recurrence.first,
    recurrence.first,
    horizonOf(now, recurrence.first),
  );
}

/** A year ahead; at least up to a series' first date, so a series starting later still has one. */
function horizonOf(now: Date, first?: Date): Date {
  return new Date(Math.max(now.getTime() + SERIES_HORIZON_DAYS * DAY_MS, (first?.getTime() ?? 0) + 60_000));
}

function occurrencesFrom(
  template: Meeting,
  seriesId: string,
  rule: string,
  start: Date,
  from: Date,
  to: Date,
): Meeting[] {
  return expandRule(rule, start, from, to, MAX_OCCURRENCES).map((at) => ({
    ...template,
    id: occurrenceId(seriesId, at),
    startsAt: at.toISOString(),
    rsvps: {},
    state: 'SCHEDULED' as const,
    version: 1,
    series: { id: seriesId, rule, start: start.toISOString(), recurrenceId: at.toISOString() },
  }));
}

/** Deterministic, so two instances extending the same series cannot both add an occurrence. */
function occurrenceId(seriesId: string, at: Date): string {
  const { year, month, day } = berlinWallTime(at);
  return `meeting:${seriesId.slice('series:'.length)}-${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

export class MeetingSeries {
  constructor(
    private readonly store: { readonly meetings: MeetingStore } & { readonly coordination: CoordinationStore },
    private readonly now: () => Date,
    /** Saves the meetings with the notice of the change to `told`'s invitees in one transaction; false when stale. */
    private readonly saveAndTell: (meetings: readonly Meeting[], told: Meeting, notice: HubNotice) => Promise<boolean>,
  ) {}

  /** Moves this and the following occurrences: to a new rule, or to the rule re-anchored on a new date. */
  async rescheduleFollowing(meeting: Meeting, when: string): Promise<Meeting> {
    const now = this.now();
    const { earlier, following } = await this.split(meeting);
    const recurrence = parseRecurrence(when, now);
    const start = recurrence?.first ?? parseWhen(when, now);
    const left = ruleCount(meeting.series!.rule);
    const rule =
      recurrence?.rule ?? ruleReanchored(meeting.series!.rule, start, left === null ? null : left - earlier.length);
    const seriesId = `series:${randomUUID().slice(0, 8)}`;
    const origin = meeting.series!.origin ?? meeting.series!.id;
    const fresh = occurrencesFrom({ ...meeting, version: 1 }, seriesId, rule, start, start, horizonOf(now, start)).map(
      (m) => ({ ...m, series: { ...m.series!, origin } }),
    );
    const reused = fresh.map((occurrence, i) =>
      following[i]
        ? {
            ...occurrence,
            id: following[i]!.id,
            createdAt: following[i]!.createdAt,
            version: following[i]!.version + 1,
          }
        : occurrence,
    );
    const dropped = following.slice(fresh.length).map((m) => ({ ...m, state: 'CANCELLED' as const }));
    const first = reused[0]!;
    const saved = await this.saveAndTell([...this.ended([...earlier, ...dropped], meeting), ...reused], first, {
      type: 'seriesRescheduled',
      meetingId: first.id,
      title: meeting.title,
      from: meeting.startsAt,
      rule,
      next: first.startsAt,
    });
    if (!saved) return this.rescheduleFollowing((await this.store.meetings.meetingById(meeting.id))!, when);
    return first;
  }

  /** Cancels this and the following occurrences; the earlier ones stay. */
  async cancelFollowing(meeting: Meeting): Promise<Meeting> {
    const { earlier, following } = await this.split(meeting);
    const cancelled = this.ended(
      following.map((m) => ({ ...m, state: 'CANCELLED' as const })),
      meeting,
    );
    const saved = await this.saveAndTell([...this.ended(earlier, meeting), ...cancelled], cancelled[0]!, {
      type: 'seriesCancelled',
      title: meeting.title,
      from: meeting.startsAt,
    });
    if (!saved) return this.cancelFollowing((await this.store.meetings.meetingById(meeting.id))!);
    return cancelled[0]!;
  }

  /** One answer for every upcoming occurrence of the series. */
  async rsvpAll(meeting: Meeting, answer: RsvpAnswer, viewer: Viewer): Promise<Meeting> {
    if (!viewer.personId || !meeting.inviteeIds.includes(viewer.personId)) throw new NotInvited(meeting.title);
    const now = this.now().toISOString();
    const upcoming = (await this.store.meetings.meetingsOfSeries([meeting.series!.id])).filter(
      (m) => m.state === 'SCHEDULED' && (m.startsAt >= now || m.id === meeting.id),
    );
    const answered = upcoming.map((m) => ({
      ...m,
      rsvps: { ...m.rsvps, [viewer.personId!]: answer },
      version: m.version + 1,
    }));
    if (!(await this.store.meetings.saveMeetings(answered))) return this.rsvpAll(meeting, answer, viewer);
    return answered.find((m) => m.id === meeting.id) ?? answered[0] ?? meeting;
  }

  /**
   * Adds the occurrences that came within the horizon since the last run, once a day. No rule
   * repeats less often than monthly, so every series still running has an occurrence in the last
   * 190 days of the horizon: that is where they are found.
   */
  async extend(): Promise<number> {
    const now = this.now();
    if (!(await this.store.coordination.claimOnce(CLAIMS.seriesExtension.key(now.toISOString().slice(0, 10)))))
      return 0;
    const horizon = horizonOf(now);
    const window = await this.store.meetings.meetingsStarting(
      new Date(horizon.getTime() - 190 * DAY_MS).toISOString(),
      horizon.toISOString(),
    );
    const seriesIds = [...new Set(window.filter((m) => m.series).map((m) => m.series!.id))];
    const bySeries = new Map<string, Meeting[]>();
    for (const m of await this.store.meetings.meetingsOfSeries(seriesIds)) {
      const known = bySeries.get(m.series!.id);
      if (known) known.push(m);
      else bySeries.set(m.series!.id, [m]);
    }
    let added = 0;
    for (const occurrences of bySeries.values()) {
      const last = occurrences.reduce((a, b) => (a.series!.recurrenceId > b.series!.recurrenceId ? a : b));
      const after = new Date(Date.parse(last.series!.recurrenceId) + 60_000);
      const next = occurrencesFrom(
        { ...last, version: 1 },
        last.series!.id,
        last.series!.rule,
        new Date(last.series!.start),
        after,
        horizon,
      ).map((m) => ({ ...m, series: { ...last.series!, ...m.series! } }));
      if (next.length && (await this.store.meetings.saveMeetings(next))) added += next.length;
    }
    return added;
  }

  private async split(meeting: Meeting): Promise<{ earlier: Meeting[]; following: Meeting[] }> {
    const all = await this.store.meetings.meetingsOfSeries([meeting.series!.id]);
    const from = meeting.series!.recurrenceId;
    return {
      earlier: all.filter((m) => m.series!.recurrenceId < from),
      following: all.filter((m) => m.series!.recurrenceId >= from),
    };
  }

  /** The old series now ends before the change (also on its dropped dates, so it is not extended again). */
  private ended(earlier: Meeting[], at: Meeting): Meeting[] {
    const rule = ruleEndingBefore(at.series!.rule, new Date(at.series!.recurrenceId));
    return earlier.map((m) => ({ ...m, series: { ...m.series!, rule }, version: m.version + 1 }));
  }
}
