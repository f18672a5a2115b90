import type { CoordinationStore, MeetingStore } from '../../domain/ports/graph-store.port.js';
import { CLAIMS } from '../../domain/ports/state-slots.js';
import type { HubNotice } from '../../services/chat/notifiers.js';
import type { PendingNotices } from '../../services/chat/pending-notices.js';

// Reminders of meetings: for each meeting and each lead time (24 h and 1 h by default) once. A
// claim in the store makes that hold across restarts and several instances; what fell due while
// the hub was down goes out at the next run, as long as the meeting is still ahead.

/**
 * Sends the reminders that are due: for each meeting and each lead time, once. A claim in the
 * store makes that hold across restarts and several instances; what fell due while the hub
 * was down goes out at the next run, as long as the meeting is still ahead.
 */
export async function sendDueReminders(deps: {
  store: { readonly meetings: Pick<MeetingStore, 'meetingsStarting'> } & {
    readonly coordination: Pick<CoordinationStore, 'claimOnce'>;
  };
  notices: PendingNotices;
  leadTimes: readonly number[];
  now: Date;
}): Promise<number> {
  const { store, notices: pending, now } = deps;
  let sent = 0;
  const leadTimes = [...deps.leadTimes].sort((a, b) => b - a);
  for (const [i, hours] of leadTimes.entries()) {
    const until = new Date(now.getTime() + hours * 3_600_000).toISOString();
    // A meeting already inside a shorter lead time gets that reminder only: one set up less
    // than an hour ahead is reminded once, not once per lead time at the same moment.
    const shorter = leadTimes[i + 1];
    const from =
      shorter === undefined ? now.toISOString() : new Date(now.getTime() + shorter * 3_600_000).toISOString();
    for (const meeting of await store.meetings.meetingsStarting(from, until)) {
      if (meeting.state !== 'SCHEDULED') continue;
      const notice: HubNotice = {
        type: 'meetingReminder',
        title: meeting.title,
        startsAt: meeting.startsAt,
        meetingId: meeting.id,
        ...(meeting.place ? { place: meeting.place } : {}),
        ...(meeting.agenda ? { agenda: meeting.agenda } : {}),
        ...(meeting.videoUrl ? { videoUrl: meeting.videoUrl } : {}),
      };
      const people = [meeting.organiserId, ...meeting.inviteeIds.filter((id) => meeting.rsvps[id] !== 'NO')];
      // The reminders are written with their claim: a crash right after it loses none.
      const notices = pending.entries(people.map((personId) => ({ personId, notice })));
      if (
        !(await store.coordination.claimOnce(
          CLAIMS.meetingReminder.key(meeting.id, meeting.startsAt, `${hours}h`),
          notices,
        ))
      )
        continue;
      await pending.deliver(notices);
      sent++;
    }
  }
  return sent;
}
