// Lines shared by invitations and meeting rooms.

import type { Meeting } from '../../domain/meetings.js';

/** Agenda and video link as lines of an invitation or a room's pinned message. */
export function meetingDetails(meeting: Meeting, language: 'de' | 'en'): string[] {
  return [
    ...(meeting.agenda ? [`${language === 'de' ? 'Tagesordnung' : 'Agenda'}: ${meeting.agenda}`] : []),
    ...(meeting.videoUrl ? [`Online: ${meeting.videoUrl}`] : []),
  ];
}
