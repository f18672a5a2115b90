import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { toPlainText } from '../../bots/core/render.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../src/services/chat/chat-identities.js';
import { createHubServer } from '../../src/server/http.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { expandCalendar } from '../support/ical.js';

// A person's calendar feed: a secret address that a calendar program subscribes to, with the
// meetings they are invited to; a new address or a revocation ends the old one.

describe('the personal calendar feed', () => {
  let hub: TestHub;
  let server: Server;
  let base: string;
  let kik: Record<string, string>;

  beforeAll(async () => {
    hub = await demoHub();
    server = createHubServer(hub.yoga, { maxBodyBytes: 10_000, calendars: hub.services.calendars });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    kik = bearer(await hub.token('COORDINATOR', 'person:demo-14627-kik-1'));
    const organiser = await new ChatIdentities(hub.store).viewerOfPerson('person:demo-14627-koordinationskraft');
    await hub.services.meetings.schedule(
      {
        title: 'Austausch Kita-Plätze',
        when: 'in 5 Tagen um 10 Uhr',
        invite: ['person:demo-14627-kik-1'],
        confirmed: true,
      },
      organiser,
    );
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('serves the invited meetings at a secret address until it is replaced or revoked', async () => {
    const created = await gql(
      hub.yoga,
      'mutation { createCalendarFeed { ... on MutationCreateCalendarFeedSuccess { data } } }',
      {},
      kik,
    );
    const path = created.data!.createCalendarFeed.data as string;
    expect(path).toMatch(/^\/calendar\/cal_[\w-]+\.ics$/);
    const feed = await fetch(`${base}${path}`);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('SUMMARY:Austausch Kita-Plätze');

    const replaced = (
      await gql(
        hub.yoga,
        'mutation { createCalendarFeed { ... on MutationCreateCalendarFeedSuccess { data } } }',
        {},
        kik,
      )
    ).data!.createCalendarFeed.data as string;
    expect((await fetch(`${base}${path}`)).status).toBe(404);
    expect((await fetch(`${base}${replaced}`)).status).toBe(200);
    expect(
      (
        await gql(
          hub.yoga,
          'mutation { revokeCalendarFeed { ... on MutationRevokeCalendarFeedSuccess { data } } }',
          {},
          kik,
        )
      ).data!.revokeCalendarFeed.data,
    ).toBe(true);
    expect((await fetch(`${base}${replaced}`)).status).toBe(404);
    expect((await fetch(`${base}/calendar/cal_guessed.ics`)).status).toBe(404);
  });

  it('carries a series as one event with its rule and its cancelled dates, as calendar programs expand it', async () => {
    const organiser = await new ChatIdentities(hub.store).viewerOfPerson('person:demo-14627-koordinationskraft');
    const first = await hub.services.meetings.schedule(
      {
        title: 'Jour fixe Kita',
        when: 'jeden dritten Mittwoch im Monat 15 Uhr',
        invite: ['person:demo-14627-kik-1'],
        confirmed: true,
      },
      organiser,
    );
    const dates = await hub.services.meetings.occurrences(first);
    await hub.services.meetings.cancel(dates[1]!.id, organiser);
    const path = (
      await gql(
        hub.yoga,
        'mutation { createCalendarFeed { ... on MutationCreateCalendarFeedSuccess { data } } }',
        {},
        kik,
      )
    ).data!.createCalendarFeed.data as string;
    const ics = await (await fetch(`${base}${path}`)).text();
    expect(ics).toContain('RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=+3WE');
    const until = new Date(Date.parse(dates[3]!.startsAt) + 60_000).toISOString();
    const series = expandCalendar(ics, until).find((e) => e.summary === 'Jour fixe Kita')!;
    expect(series.starts).toEqual([dates[0]!.startsAt, dates[2]!.startsAt, dates[3]!.startsAt]);
  });

  it('gives the address in chat, as a private answer only', async () => {
    const identities = new ChatIdentities(hub.store);
    const user = { transport: 'matrix' as const, userId: '@kik:hub.test' };
    await identities.requestLink(user, 'person:demo-14627-kik-1');
    await identities.confirm(user, await identities.viewerOfPerson('person:demo-admin'));
    const dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: base,
      status: () => ({ transport: 'matrix', connected: true, syncLagSeconds: 0, lastError: null }),
    });
    const answer = (await dispatcher.handle({ user, text: '!kalender', inGroupRoom: true }))!;
    expect(answer.reply.privateDetails).toBe(true);
    const url = /(http:\/\/\S+\.ics)/.exec(toPlainText(answer.reply))![1]!;
    expect(await (await fetch(url)).text()).toContain('SUMMARY:Austausch Kita-Plätze');
    const off = (await dispatcher.handle({ user, text: '!kalender aus', inGroupRoom: false }))!;
    expect(toPlainText(off.reply)).toBe('Ihre Kalender-Adresse gilt nicht mehr.');
    expect((await fetch(url)).status).toBe(404);
  });
});
