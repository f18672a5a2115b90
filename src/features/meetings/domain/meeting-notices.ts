import type { DecisionPoll, Meeting } from './meetings.js';

// What the meeting planner, date polls, series and minutes tell people, as typed notices: the
// chat layer words them (bots/core/notice-texts.ts) in the reader's language, with the answers
// that follow. Times are ISO instants, days YYYY-MM-DD (Berlin).

/** What an invitation shows of a meeting. */
export interface InvitedMeeting {
  id: string;
  title: string;
  startsAt: string;
  durationMinutes: number;
  agenda?: string;
  place?: string;
  videoUrl?: string;
  /** The series' recurrence rule (RRULE) when the invitation stands for all its dates. */
  seriesRule?: string;
}

/** The closed minutes as the people of a meeting receive them. */
export interface ClosedMinutes {
  title: string;
  decisions: string[];
  tasks: { text: string; ownerName: string; due: string; done: boolean }[];
  polls: DecisionPoll[];
  infos: string[];
  presentNames: string[];
  /** The person's signed link to the printable minutes, where the hub has a public address. */
  printUrl: string | null;
}

export type MeetingNotice =
  | { type: 'meetingInvitation'; meeting: InvitedMeeting }
  | { type: 'meetingRescheduled'; meetingId: string; title: string; startsAt: string }
  | { type: 'meetingCancelled'; title: string; startsAt: string }
  /** This and the following dates of a series run by a new rule from `from`; `meetingId` is the next date. */
  | { type: 'seriesRescheduled'; meetingId: string; title: string; from: string; rule: string; next: string }
  | { type: 'seriesCancelled'; title: string; from: string }
  | { type: 'meetingHandedOver'; title: string; organiserName: string }
  | {
      type: 'meetingReminder';
      title: string;
      startsAt: string;
      /** Where, what and the invitation's link (reminders written before these were added have none). */
      place?: string;
      agenda?: string;
      videoUrl?: string;
      meetingId?: string;
    }
  | { type: 'datesOffered'; pollId: string; title: string; slots: string[] }
  | { type: 'actionItemDue'; text: string; due: string; overdue: boolean }
  | { type: 'actionItemHandedOver'; meetingTitle: string; text: string; due: string | null }
  | { type: 'minutesClosed'; minutes: ClosedMinutes };

/** What an invitation to this meeting shows (for a series: the series, from this date on). */
export function invitedMeeting(meeting: Meeting): InvitedMeeting {
  return {
    id: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt,
    durationMinutes: meeting.durationMinutes,
    ...(meeting.agenda ? { agenda: meeting.agenda } : {}),
    ...(meeting.place ? { place: meeting.place } : {}),
    ...(meeting.videoUrl ? { videoUrl: meeting.videoUrl } : {}),
    ...(meeting.series ? { seriesRule: meeting.series.rule } : {}),
  };
}
