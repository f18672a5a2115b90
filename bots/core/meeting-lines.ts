import type { Language } from '../../src/domain/errors.js';
import { decisionTally, type DecisionPoll, type Meeting } from '../../src/features/meetings/domain/meetings.js';

// Lines shared by invitations, meeting rooms and minutes.

/** Place, agenda and video link as lines of an invitation, a reminder or a room's pinned message. */
export function meetingDetails(meeting: Pick<Meeting, 'agenda' | 'videoUrl' | 'place'>, language: Language): string[] {
  return [
    ...(meeting.place ? [`${language === 'de' ? 'Ort' : 'Place'}: ${meeting.place}`] : []),
    ...(meeting.agenda ? [`${language === 'de' ? 'Tagesordnung' : 'Agenda'}: ${meeting.agenda}`] : []),
    ...(meeting.videoUrl ? [`Online: ${meeting.videoUrl}`] : []),
  ];
}

/** "Frage: Ja 3, Nein 1" (and "läuft noch" while open). */
export function decisionResult(poll: DecisionPoll, de: boolean): string {
  const tally = decisionTally(poll);
  const counts = poll.answers.map((a, i) => `${a} ${tally[i]}`).join(', ');
  return `${poll.question}: ${counts}${poll.closedAt ? '' : de ? ' (läuft noch)' : ' (still open)'}`;
}
