import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saxonyDemo } from '../../graph/data/saxony-demo.js';
import type { Viewer } from '../../src/services/access/domain/access.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { emptyBundle } from '../../src/domain/model.js';
import type { Meeting } from '../../src/features/meetings/domain/meetings.js';
import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';
import { createServices, type HubServices } from '../../src/services/hub-services.js';
import { storeFactories } from '../support/stores.js';

// Exchange meetings on each store, on a clock the test sets (Wednesday 25 November 2026).

const viewer = (personId: string, roles: Viewer['roles']): Viewer => ({
  personId,
  access: 'COORDINATOR',
  districtAgs: null,
  personalData: false,
  roles,
});
const KK_MEISSEN = viewer('person:demo-14627-koordinationskraft', ['KOORDINATIONSKRAFT']);
const KIK_RADEBEUL = viewer('person:demo-14627-kik-2', ['KIK']);
const VOLUNTEER = viewer('person:demo-14627-alliance-1-volunteer-1', ['VOLUNTEER']);

describe.each(storeFactories)('exchange meetings on the $name store', (factory) => {
  let services: HubServices;
  let now = new Date('2026-11-25T12:00:00.000Z');
  const reminded: string[] = [];
  let dispose: () => Promise<void>;
  let store: GraphStore;
  const invited: { personId: string; meeting: Meeting }[] = [];

  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    store = opened.store;
    services = createServices(opened.store, { rules: { kikLimitPerLandkreis: 10 }, now: () => now });
    await services.writer.apply(saxonyDemo(), { actor: SYSTEM, action: 'seed' });
    services.meetings.addNotifier({
      notify: async (personId) => void reminded.push(personId),
      invite: async (personId, meeting) => void invited.push({ personId, meeting }),
    });
  });
  afterAll(async () => dispose());

  it('invites the KIK and Beauftragte of the named towns, on a date in natural German', async () => {
    const meeting = await services.meetings.schedule(
      { title: 'Austausch Schulanmeldung', when: 'nächsten Dienstag 14 Uhr', invite: ['Radebeul', 'Coswig'] },
      KK_MEISSEN,
    );
    expect(meeting.startsAt).toBe('2026-12-01T13:00:00.000Z');
    expect(meeting.inviteeIds.sort()).toEqual([
      'person:demo-14627-beauftragte',
      'person:demo-14627-kik-1',
      'person:demo-14627-kik-2',
    ]);
    expect(invited.map((i) => i.personId).sort()).toEqual(meeting.inviteeIds.sort());
    const answered = await services.meetings.rsvp(meeting.id, 'YES', KIK_RADEBEUL);
    expect(answered.rsvps).toEqual({ 'person:demo-14627-kik-2': 'YES' });
    await expect(services.meetings.rsvp(meeting.id, 'YES', VOLUNTEER)).rejects.toMatchObject({ code: 'NOT_INVITED' });
  });

  it('also invites the members of the alliances active in the towns, when asked to', async () => {
    const meeting = await services.meetings.schedule(
      {
        title: 'Runder Tisch Ehrenamt',
        when: 'am 20.3.2027 um 10 Uhr',
        invite: ['Radebeul'],
        includeAlliances: true,
        confirmed: true,
      },
      KK_MEISSEN,
    );
    const volunteers = meeting.inviteeIds.filter((id) => id.startsWith('person:demo-14627-alliance-1-volunteer-'));
    expect(volunteers.length).toBeGreaterThan(0);
    expect(meeting.inviteeIds).toContain('person:demo-14627-kik-2');
    expect(meeting.inviteeIds.some((id) => id.startsWith('person:demo-14627-alliance-2-'))).toBe(false);
  });

  it('strengthens the link between the municipalities once the meeting was held', async () => {
    const edge = async () =>
      (
        await services.network.view({ districtAgs: '14627', depth: 0, kinds: ['Municipality'], aggregate: false })
      ).edges.find(
        (e) =>
          [e.source, e.target].sort().join() === ['municipality:14627-coswig', 'municipality:14627-radebeul'].join(),
      );
    expect(await edge()).toBeUndefined();
    now = new Date('2026-12-02T12:00:00.000Z');
    await services.writer.apply({ ...emptyBundle() }, { actor: SYSTEM, action: 'refresh' });
    expect(await edge()).toMatchObject({ type: 'MET', weight: 1 });
    now = new Date('2026-11-25T12:00:00.000Z');
  });

  it("reports a clash with invitees' meetings and a public holiday before saving, and saves when confirmed", async () => {
    const clash = services.meetings.schedule(
      { title: 'Zweiter Termin', when: 'am 1.12. um 14:30', invite: ['Radebeul'] },
      KK_MEISSEN,
    );
    await expect(clash).rejects.toMatchObject({
      code: 'MEETING_NEEDS_CONFIRMATION',
      messageDe: expect.stringContaining('Austausch Schulanmeldung'),
    });
    const holiday = services.meetings.schedule(
      { title: 'Weihnachtsrunde', when: '25.12. 10 Uhr', invite: ['Riesa'] },
      KK_MEISSEN,
    );
    await expect(holiday).rejects.toMatchObject({
      messageDe: expect.stringContaining('ist ein Feiertag (1. Weihnachtstag)'),
    });
    const confirmed = await services.meetings.schedule(
      { title: 'Weihnachtsrunde', when: '25.12. 10 Uhr', invite: ['Riesa'], confirmed: true },
      KK_MEISSEN,
    );
    expect(confirmed.startsAt).toBe('2026-12-25T09:00:00.000Z');
  });

  it('reminds the people of a meeting 24 hours and 1 hour ahead, each reminder once', async () => {
    const meeting = await services.meetings.schedule(
      { title: 'Runde Moritzburg', when: '10.12. 10 Uhr', invite: ['Moritzburg'], confirmed: true },
      KK_MEISSEN,
    );
    const start = Date.parse(meeting.startsAt);
    const remindersFor = () => reminded.filter((id) => id === KK_MEISSEN.personId).length;
    now = new Date(start - 25 * 3_600_000);
    expect(await services.meetings.sendDueReminders()).toBe(0);
    now = new Date(start - 23 * 3_600_000);
    const concurrent = await Promise.all([services.meetings.sendDueReminders(), services.meetings.sendDueReminders()]);
    expect(concurrent[0]! + concurrent[1]!).toBe(1);
    expect(remindersFor()).toBe(1);
    expect(reminded.slice(-1 - meeting.inviteeIds.length).sort()).toEqual(
      [KK_MEISSEN.personId, ...meeting.inviteeIds].sort(),
    );
    now = new Date(start - 30 * 60_000);
    expect(await services.meetings.sendDueReminders()).toBe(1);
    expect(await services.meetings.sendDueReminders()).toBe(0);
    now = new Date('2026-11-25T12:00:00.000Z');
  });

  it('reminds a meeting set up less than an hour ahead once, not once per lead time (issue 21, finding 6)', async () => {
    now = new Date('2026-12-14T09:20:00.000Z');
    const meeting = await services.meetings.schedule(
      { title: 'Kurzfristige Runde', when: '14.12. 10:45', invite: ['Riesa'], confirmed: true },
      KK_MEISSEN,
    );
    expect(Date.parse(meeting.startsAt) - now.getTime()).toBeLessThan(3_600_000);
    const before = reminded.filter((id) => id === KK_MEISSEN.personId).length;
    expect(await services.meetings.sendDueReminders()).toBe(1);
    expect(reminded.filter((id) => id === KK_MEISSEN.personId).length).toBe(before + 1);
    now = new Date('2026-11-25T12:00:00.000Z');
  });

  it('reminds at the hours the hub is configured for', async () => {
    const configured = createServices(store, {
      rules: { kikLimitPerLandkreis: 10 },
      now: () => now,
      reminderHours: [48],
    });
    const told: string[] = [];
    configured.meetings.addNotifier({ notify: async (personId) => void told.push(personId) });
    const meeting = await configured.meetings.schedule(
      { title: 'Runde Riesa', when: '15.1.2027 10 Uhr', invite: ['Riesa'], confirmed: true },
      KK_MEISSEN,
    );
    const start = Date.parse(meeting.startsAt);
    now = new Date(start - 47 * 3_600_000);
    expect(await configured.meetings.sendDueReminders()).toBe(1);
    expect(told).toContain(KK_MEISSEN.personId);
    now = new Date(start - 30 * 60_000);
    expect(await configured.meetings.sendDueReminders()).toBe(0);
    now = new Date('2026-11-25T12:00:00.000Z');
  });

  it('reschedules and cancels for the organiser only, telling everyone invited, and reminds again at the new time', async () => {
    const meeting = await services.meetings.schedule(
      { title: 'Runde Großenhain', when: '8.12. 10 Uhr', invite: ['Großenhain'], confirmed: true },
      KK_MEISSEN,
    );
    await expect(services.meetings.cancel(meeting.id, KIK_RADEBEUL)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    const before = reminded.length;
    const moved = await services.meetings.reschedule(meeting.id, '9.12. 10 Uhr', KK_MEISSEN);
    expect(moved.startsAt).toBe('2026-12-09T09:00:00.000Z');
    expect(reminded.length - before).toBe(meeting.inviteeIds.length);
    const cancelled = await services.meetings.cancel(meeting.id, KK_MEISSEN);
    expect(cancelled.state).toBe('CANCELLED');
    now = new Date(Date.parse(moved.startsAt) - 3_600_000);
    expect(await services.meetings.sendDueReminders()).toBe(0);
    now = new Date('2026-11-25T12:00:00.000Z');
  });

  it("asks back for an unclear or past date, and keeps meetings to the organiser's district and role", async () => {
    await expect(
      services.meetings.schedule({ title: 'X', when: 'morgen', invite: ['Radebeul'] }, KK_MEISSEN),
    ).rejects.toMatchObject({ code: 'DATE_UNCLEAR', messageDe: '„morgen“: Um wie viel Uhr?' });
    await expect(
      services.meetings.schedule({ title: 'X', when: 'gestern 10 Uhr', invite: ['Radebeul'] }, KK_MEISSEN),
    ).rejects.toMatchObject({ code: 'DATE_IN_PAST' });
    await expect(
      services.meetings.schedule({ title: 'X', when: 'übermorgen 10 Uhr', invite: ['Pirna'] }, KK_MEISSEN),
    ).rejects.toMatchObject({ code: 'MEETING_OUTSIDE_DISTRICT' });
    await expect(
      services.meetings.schedule({ title: 'X', when: 'übermorgen 10 Uhr', invite: ['Radebeul'] }, VOLUNTEER),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });
});
