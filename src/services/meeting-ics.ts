import { createEvent, createEvents, type EventAttributes } from 'ics';
import type { Meeting } from '../domain/meetings.js';

// One meeting as an iCalendar file, for Outlook, Thunderbird and phones.

export function meetingIcs(meeting: Meeting, organiserName: string | null): string {
  const { error, value } = createEvent(eventOf(meeting, organiserName));
  if (error || !value) throw error ?? new Error('The calendar file could not be written');
  return value;
}

/** Several meetings in one calendar: a person's subscribed feed. */
export function calendarIcs(meetings: Meeting[], calendarName: string): string {
  if (meetings.length === 0) return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:integration-hub', `X-WR-CALNAME:${calendarName}`, 'END:VCALENDAR', ''].join('\r\n');
  const { error, value } = createEvents(meetings.map((m) => eventOf(m, null)), { calName: calendarName, productId: 'integration-hub' });
  if (error || !value) throw error ?? new Error('The calendar could not be written');
  return value;
}

function eventOf(meeting: Meeting, organiserName: string | null): EventAttributes {
  return {
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
  };
}
