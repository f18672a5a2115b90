import { createEvent } from 'ics';
import type { Meeting } from '../domain/meetings.js';

// One meeting as an iCalendar file, for Outlook, Thunderbird and phones.

export function meetingIcs(meeting: Meeting, organiserName: string | null): string {
  const { error, value } = createEvent({
    uid: `${meeting.id}@integration-hub`,
    title: meeting.title,
    start: Date.parse(meeting.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: meeting.durationMinutes },
    status: meeting.state === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
    sequence: meeting.version,
    productId: 'integration-hub',
    ...(organiserName ? { organizer: { name: organiserName } } : {}),
  });
  if (error || !value) throw error ?? new Error('The calendar file could not be written');
  return value;
}
