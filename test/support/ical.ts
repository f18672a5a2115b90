import ICAL from 'ical.js';

// Reads a calendar file the way Thunderbird does (Mozilla's ical.js): the dates every event
// stands for, series expanded with their exceptions, as ISO instants.

export interface CalendarEntry {
  uid: string;
  summary: string;
  starts: string[];
}

export function expandCalendar(ics: string, until: string): CalendarEntry[] {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  const masters = events.filter((e) => !e.isRecurrenceException());
  for (const exception of events.filter((e) => e.isRecurrenceException()))
    masters.find((m) => m.uid === exception.uid)?.relateException(exception);
  const end = Date.parse(until);
  return masters.map((event) => {
    if (!event.isRecurring())
      return { uid: event.uid, summary: event.summary, starts: [event.startDate.toJSDate().toISOString()] };
    const starts: string[] = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.toJSDate().getTime() < end; next = iterator.next()) {
      starts.push(event.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
    }
    return { uid: event.uid, summary: event.summary, starts };
  });
}
