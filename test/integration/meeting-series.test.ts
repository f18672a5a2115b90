import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saxonyDemo } from '../../graph/data/saxony-demo.js';
import type { Viewer } from '../../src/services/access/domain/access.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import type { Meeting } from '../../src/features/meetings/domain/meetings.js';
import { createServices, type HubServices } from '../../src/services/hub-services.js';
import { calendarIcs, meetingIcs } from '../../src/features/meetings/meeting-ics.js';
import { expandCalendar } from '../support/ical.js';
import { storeFactories } from '../support/stores.js';
import { inGerman } from '../support/told.js';

// Recurring exchange meetings on each store, on a clock the test sets (Wednesday 25 November
// 2026). What calendars make of the series is read back with Mozilla's ical.js.

const viewer = (personId: string, roles: Viewer['roles']): Viewer => ({
  personId,
  access: 'COORDINATOR',
  districtAgs: null,
  personalData: false,
  roles,
});
const KK_MEISSEN = viewer('person:demo-14627-koordinationskraft', ['KOORDINATIONSKRAFT']);
const KIK_RADEBEUL = viewer('person:demo-14627-kik-2', ['KIK']);
const START = new Date('2026-11-25T12:00:00.000Z');

describe.each(storeFactories)('recurring meetings on the $name store', (factory) => {
  let services: HubServices;
  let now = START;
  let dispose: () => Promise<void>;
  const invited: { personId: string; meeting: Meeting; text: string }[] = [];
  const told: { personId: string; text: string }[] = [];
  let series: Meeting;

  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    services = createServices(opened.store, { rules: { kikLimitPerLandkreis: 10 }, now: () => now });
    await services.writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
    services.meetings.addNotifier({
      notify: async (personId, message) => void told.push({ personId, text: inGerman(message) }),
      invite: async (personId, meeting, message) => void invited.push({ personId, meeting, text: inGerman(message) }),
    });
  });
  afterAll(async () => dispose());

  it('schedules "jeden ersten Dienstag im Monat 14 Uhr" as one series, at 14:00 Berlin time in winter and summer', async () => {
    series = await services.meetings.schedule(
      {
        title: 'Runder Tisch Integration',
        when: 'jeden ersten Dienstag im Monat 14 Uhr',
        invite: ['Radebeul', 'Coswig'],
      },
      KK_MEISSEN,
    );
    expect(series.startsAt).toBe('2026-12-01T13:00:00.000Z');
    expect(series.series?.rule).toBe('FREQ=MONTHLY;INTERVAL=1;BYDAY=+1TU');
    const occurrences = await services.meetings.occurrences(series);
    expect(occurrences).toHaveLength(12);
    expect(occurrences.map((m) => m.startsAt).slice(0, 6)).toEqual([
      '2026-12-01T13:00:00.000Z',
      '2027-01-05T13:00:00.000Z',
      '2027-02-02T13:00:00.000Z',
      '2027-03-02T13:00:00.000Z',
      '2027-04-06T12:00:00.000Z',
      '2027-05-04T12:00:00.000Z',
    ]);
    // One invitation per person for the whole series, naming the rule.
    expect(invited.map((i) => i.personId).sort()).toEqual([...series.inviteeIds].sort());
    expect(invited[0]!.text).toContain(
      'Einladung zur Reihe „Runder Tisch Integration“: jeden ersten Dienstag im Monat, 14:00 Uhr',
    );
    // A calendar program sees the same dates from the RRULE.
    const [entry] = expandCalendar(meetingIcs(series, null, occurrences), '2027-11-25T00:00:00.000Z');
    expect(entry!.starts).toEqual(occurrences.map((m) => m.startsAt));
    expect(meetingIcs(series, null, occurrences)).toMatch(/DTSTART;TZID=Europe\/Berlin:20261201T140000\r\n/);
  });

  it('asks for the time or the weekday a rule lacks, and reports holidays and clashes among the dates', async () => {
    await expect(
      services.meetings.schedule({ title: 'X', when: 'jeden Dienstag', invite: ['Radebeul'] }, KK_MEISSEN),
    ).rejects.toMatchObject({ code: 'DATE_UNCLEAR', messageDe: '„jeden Dienstag“: Um wie viel Uhr?' });
    await expect(
      services.meetings.schedule({ title: 'X', when: 'wöchentlich 10 Uhr', invite: ['Radebeul'] }, KK_MEISSEN),
    ).rejects.toMatchObject({ messageDe: expect.stringContaining('An welchem Wochentag?') });
    const clash = services.meetings.schedule(
      { title: 'Sprechstunde', when: 'dienstags 14:30 bis 31.12.', invite: ['Radebeul'] },
      KK_MEISSEN,
    );
    await expect(clash).rejects.toMatchObject({
      code: 'MEETING_NEEDS_CONFIRMATION',
      messageDe: expect.stringContaining('„Runder Tisch Integration“ (Dienstag, 1. Dezember 2026 um 14:00)'),
    });
    const holidays = services.meetings.schedule(
      { title: 'Jour fixe', when: 'jeden Freitag 9 Uhr bis 31.12.', invite: ['Riesa'] },
      KK_MEISSEN,
    );
    await expect(holidays).rejects.toMatchObject({
      messageDe: expect.stringContaining('Freitag, 25. Dezember 2026 um 09:00 ist ein Feiertag (1. Weihnachtstag)'),
    });
  });

  it('schedules a series that starts more than a year ahead with its first date', async () => {
    const later = await services.meetings.schedule(
      {
        title: 'Jahresplanung',
        when: 'jeden ersten Montag im Monat 9 Uhr ab 1.2.2028',
        invite: ['Riesa'],
        confirmed: true,
      },
      KK_MEISSEN,
    );
    expect(later.startsAt).toBe('2028-02-07T08:00:00.000Z');
    expect(await services.meetings.occurrences(later)).toHaveLength(1);
  });

  it('refuses a change to "this and the following" dates of a single meeting', async () => {
    const single = await services.meetings.schedule(
      { title: 'Einzeltermin', when: '3.2.2027 10 Uhr', invite: ['Riesa'], confirmed: true },
      KK_MEISSEN,
    );
    await expect(services.meetings.cancel(single.id, KK_MEISSEN, 'FOLLOWING')).rejects.toMatchObject({
      code: 'NOT_A_SERIES',
      messageDe: '„Einzeltermin“ gehört zu keiner Reihe; ohne --folgende gilt die Änderung diesem Treffen.',
    });
    expect((await services.meetings.byId(single.id))!.state).toBe('SCHEDULED');
  });

  it('keeps answers per date: one answer for the series, another for one date', async () => {
    const occurrences = await services.meetings.occurrences(series);
    await services.meetings.rsvp(series.id, 'YES', KIK_RADEBEUL, 'FOLLOWING');
    await services.meetings.rsvp(occurrences[2]!.id, 'NO', KIK_RADEBEUL);
    const answers = (await services.meetings.occurrences(series)).map((m) => m.rsvps[KIK_RADEBEUL.personId!]);
    expect(answers.slice(0, 4)).toEqual(['YES', 'YES', 'NO', 'YES']);
    expect(answers.every((a) => a !== undefined)).toBe(true);
  });

  it('moves or cancels one date as an exception of the series, in the hub and in calendars', async () => {
    const occurrences = await services.meetings.occurrences(series);
    const moved = await services.meetings.reschedule(occurrences[1]!.id, '6.1.2027 15 Uhr', KK_MEISSEN);
    expect(moved.series?.recurrenceId).toBe('2027-01-05T13:00:00.000Z');
    await services.meetings.cancel(occurrences[2]!.id, KK_MEISSEN);
    const after = await services.meetings.occurrences(series);
    expect(
      after
        .filter((m) => m.state === 'SCHEDULED')
        .map((m) => m.startsAt)
        .slice(0, 3),
    ).toEqual(['2026-12-01T13:00:00.000Z', '2027-01-06T14:00:00.000Z', '2027-03-02T13:00:00.000Z']);
    const ics = meetingIcs(series, null, after);
    expect(ics).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20270105T140000');
    expect(ics).toContain('EXDATE;TZID=Europe/Berlin:20270202T140000');
    const [entry] = expandCalendar(ics, '2027-04-01T00:00:00.000Z');
    expect(entry!.starts).toEqual(['2026-12-01T13:00:00.000Z', '2027-01-06T14:00:00.000Z', '2027-03-02T13:00:00.000Z']);
  });

  it('moves this and the following dates: the series splits, earlier dates stay, everyone is told', async () => {
    const occurrences = await services.meetings.occurrences(series);
    const fourth = occurrences[3]!;
    told.length = 0;
    const moved = await services.meetings.reschedule(fourth.id, '3.3.2027 10 Uhr', KK_MEISSEN, 'FOLLOWING');
    expect(moved.id).toBe(fourth.id);
    expect(moved.startsAt).toBe('2027-03-03T09:00:00.000Z');
    expect(moved.series?.rule).toBe('FREQ=MONTHLY;INTERVAL=1;BYDAY=+1WE');
    expect(moved.series?.id).not.toBe(series.series!.id);
    expect(moved.rsvps).toEqual({});
    expect((await services.meetings.occurrences(moved)).map((m) => m.startsAt).slice(0, 3)).toEqual([
      '2027-03-03T09:00:00.000Z',
      '2027-04-07T08:00:00.000Z',
      '2027-05-05T08:00:00.000Z',
    ]);
    const earlier = await services.meetings.occurrences(series);
    expect(earlier).toHaveLength(3);
    expect(earlier.every((m) => m.series!.rule.includes('UNTIL=20270302T125959Z'))).toBe(true);
    expect(
      told
        .filter((t) =>
          t.text.includes('läuft ab Dienstag, 2. März 2027 um 14:00 jeden ersten Mittwoch im Monat, 10:00 Uhr'),
        )
        .map((t) => t.personId)
        .sort(),
    ).toEqual([...series.inviteeIds].sort());
    // Both parts in one feed: the old rule ends, the new one goes on.
    const feed = expandCalendar(
      calendarIcs([...earlier, ...(await services.meetings.occurrences(moved))], 'Treffen'),
      '2027-06-01T00:00:00.000Z',
    );
    expect(feed.flatMap((e) => e.starts).sort()).toEqual([
      '2026-12-01T13:00:00.000Z',
      '2027-01-06T14:00:00.000Z',
      '2027-03-03T09:00:00.000Z',
      '2027-04-07T08:00:00.000Z',
      '2027-05-05T08:00:00.000Z',
    ]);
  });

  it('cancels this and the following dates, and the daily run adds dates to running series only', async () => {
    const weekly = await services.meetings.schedule(
      { title: 'Sprechstunde', when: 'alle zwei Wochen donnerstags 16 Uhr', invite: ['Moritzburg'], confirmed: true },
      KK_MEISSEN,
    );
    expect(weekly.startsAt).toBe('2026-11-26T15:00:00.000Z');
    const count = async (m: Meeting) =>
      (await services.meetings.occurrences(m)).filter((x) => x.state === 'SCHEDULED').length;
    expect(await count(weekly)).toBe(26);
    const running = await services.meetings.occurrences(
      (await services.meetings.upcoming(KK_MEISSEN)).find(
        (m) => m.title === 'Runder Tisch Integration' && m.startsAt > '2027-03-01',
      )!,
    );

    now = new Date('2026-12-27T12:00:00.000Z');
    expect(await services.meetings.extendSeries()).toBe(4);
    expect(await services.meetings.extendSeries()).toBe(0);
    expect(await count(weekly)).toBe(29);
    expect((await services.meetings.occurrences(running[0]!)).length).toBe(running.length + 1);

    const third = (await services.meetings.occurrences(weekly))[2]!;
    const cancelled = await services.meetings.cancel(third.id, KK_MEISSEN, 'FOLLOWING');
    expect(cancelled.state).toBe('CANCELLED');
    expect(await count(weekly)).toBe(2);
    now = new Date('2027-01-27T12:00:00.000Z');
    expect(await services.meetings.extendSeries()).toBe(1);
    expect(await count(weekly)).toBe(2);
    now = START;
  });

  it('reminds of each date of a series on its own', async () => {
    const [first, second] = await services.meetings.occurrences(series);
    now = new Date(Date.parse(first!.startsAt) - 30 * 60_000);
    const sent = await services.meetings.sendDueReminders();
    expect(sent).toBeGreaterThanOrEqual(1);
    now = new Date(Date.parse(second!.startsAt) - 30 * 60_000);
    told.length = 0;
    await services.meetings.sendDueReminders();
    expect(
      told.some((t) =>
        t.text.startsWith('Erinnerung: „Runder Tisch Integration“ beginnt am Mittwoch, 6. Januar 2027 um 15:00'),
      ),
    ).toBe(true);
    now = START;
  });
});
