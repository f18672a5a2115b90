import { createEvents, type EventAttributes } from 'ics';
import type { Meeting } from './domain/meetings.js';
import { berlinWallTime } from './when.js';

// Meetings as iCalendar, for Outlook, Thunderbird and phones. A series is one event with its
// RRULE; cancelled occurrences are EXDATEs, moved ones override it by RECURRENCE-ID. Times carry
// TZID=Europe/Berlin (with its VTIMEZONE) so the rule repeats at the same wall-clock time in
// summer and winter; the ics library writes UTC only, so those lines are rewritten afterwards.

const PRODUCT = 'integration-hub';

/** One meeting, or the whole series when the occurrences of its series are given. */
export function meetingIcs(meeting: Meeting, organiserName: string | null, seriesOccurrences: Meeting[] = []): string {
  const meetings = meeting.series ? [meeting, ...seriesOccurrences.filter((m) => m.id !== meeting.id)] : [meeting];
  return write(eventsOf(meetings, organiserName), null);
}

export interface CalendarPerson {
  name: string;
  email: string;
}

/**
 * An iTIP message for one invitee (RFC 6047, sent by mail): REQUEST adds or updates the event in
 * their calendar (same UID, higher SEQUENCE), CANCEL removes it. Only the invitee is named as
 * attendee: nobody learns the other invitees' addresses from it.
 */
export function meetingInvitationIcs(
  meeting: Meeting,
  seriesOccurrences: Meeting[],
  method: 'REQUEST' | 'CANCEL',
  organiser: CalendarPerson,
  attendee: CalendarPerson,
): string {
  const meetings = meeting.series ? [meeting, ...seriesOccurrences.filter((m) => m.id !== meeting.id)] : [meeting];
  const events = eventsOf(meetings, organiser.name).map((event): EventAttributes => ({
    ...event,
    organizer: { name: organiser.name, email: organiser.email },
    attendees: [
      { name: attendee.name, email: attendee.email, rsvp: true, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' },
    ],
    ...(method === 'CANCEL' ? { status: 'CANCELLED' as const } : {}),
  }));
  return write(events, null, method);
}

/** A file name for the meeting's calendar file, from its title. */
export function icsFileName(meeting: Meeting): string {
  return `${
    meeting.title
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'treffen'
  }.ics`;
}

/** Several meetings in one calendar: a person's subscribed feed. */
export function calendarIcs(meetings: Meeting[], calendarName: string): string {
  if (meetings.length === 0)
    return [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      `PRODID:${PRODUCT}`,
      `X-WR-CALNAME:${calendarName}`,
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  return write(eventsOf(meetings, null), calendarName);
}

function write(events: EventAttributes[], calendarName: string | null, method?: 'REQUEST' | 'CANCEL'): string {
  const { error, value } = createEvents(events, {
    productId: PRODUCT,
    ...(calendarName ? { calName: calendarName } : {}),
    ...(method ? { method } : {}),
  });
  if (error || !value) throw error ?? new Error('The calendar could not be written');
  return inBerlinTime(value);
}

function eventsOf(meetings: Meeting[], organiserName: string | null): EventAttributes[] {
  const single = meetings.filter((m) => !m.series).map((m) => eventOf(m, organiserName));
  const series = new Map<string, Meeting[]>();
  for (const m of meetings.filter((x) => x.series)) series.set(m.series!.id, [...(series.get(m.series!.id) ?? []), m]);
  return [...single, ...[...series.values()].flatMap((occurrences) => seriesEvents(occurrences, organiserName))];
}

function seriesEvents(occurrences: Meeting[], organiserName: string | null): EventAttributes[] {
  const { series } = occurrences[0]!;
  const master = occurrences.find((m) => m.series!.recurrenceId === series!.start) ?? occurrences[0]!;
  const uid = `${series!.id}@${PRODUCT}`;
  const sequence = Math.max(...occurrences.map((m) => m.version));
  const cancelled = occurrences.filter((m) => m.state === 'CANCELLED').map((m) => Date.parse(m.series!.recurrenceId));
  const moved = occurrences.filter((m) => m.state === 'SCHEDULED' && m.startsAt !== m.series!.recurrenceId);
  return [
    {
      ...eventOf(master, organiserName),
      uid,
      start: Date.parse(series!.start),
      status: 'CONFIRMED',
      sequence,
      recurrenceRule: series!.rule,
      ...(cancelled.length ? { exclusionDates: cancelled } : {}),
    },
    ...moved.map((m) => ({
      ...eventOf(m, organiserName),
      uid,
      sequence,
      recurrenceId: Date.parse(m.series!.recurrenceId),
    })),
  ];
}

function eventOf(meeting: Meeting, organiserName: string | null): EventAttributes {
  return {
    uid: `${meeting.id}@${PRODUCT}`,
    title: meeting.title,
    start: Date.parse(meeting.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: meeting.durationMinutes },
    status: meeting.state === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
    sequence: meeting.version,
    productId: PRODUCT,
    ...(meeting.place ? { location: meeting.place } : meeting.videoUrl ? { location: meeting.videoUrl } : {}),
    ...(meeting.agenda ? { description: meeting.agenda } : {}),
    ...(organiserName ? { organizer: { name: organiserName } } : {}),
  };
}

const BERLIN_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** Start, recurrence id and exceptions in Berlin wall time (UNTIL and stamps stay in UTC, as RFC 5545 asks). */
function inBerlinTime(ics: string): string {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out = lines.map((line) => {
    const match = line.match(/^(DTSTART|RECURRENCE-ID|EXDATE):(\d{8}T\d{6}Z(?:,\d{8}T\d{6}Z)*)$/);
    return match ? `${match[1]};TZID=Europe/Berlin:${match[2]!.split(',').map(wallTimeOf).join(',')}` : line;
  });
  const firstEvent = out.indexOf('BEGIN:VEVENT');
  if (firstEvent >= 0) out.splice(firstEvent, 0, ...BERLIN_TIMEZONE);
  return out.map(fold).join('\r\n');
}

function wallTimeOf(utc: string): string {
  const at = new Date(
    `${utc.slice(0, 4)}-${utc.slice(4, 6)}-${utc.slice(6, 8)}T${utc.slice(9, 11)}:${utc.slice(11, 13)}:${utc.slice(13, 15)}Z`,
  );
  const w = berlinWallTime(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}${two(w.month)}${two(w.day)}T${two(w.hour)}${two(w.minute)}00`;
}

/** Lines of at most 75 octets, continued with a space, never splitting a character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (Buffer.byteLength(current + char) > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
