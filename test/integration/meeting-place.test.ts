import { beforeAll, describe, expect, it } from 'vitest';
import { expandCommandRefs } from '../../bots/core/command-refs.js';
import { COMMANDS } from '../../bots/commands/index.js';
import type { Viewer } from '../../src/services/access/domain/access.js';
import { consoleChat } from '../support/console-chat.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { inGerman } from '../support/told.js';

// Issue 35: meetings carry a place, shown wherever people look for where to go: the invitation,
// the calendar file, the reminder and the minutes (with their date, agenda and printable link).

const KIK = 'person:demo-14627-kik-1';

describe('the place of a meeting', () => {
  let hub: TestHub;
  const told: { personId: string; text: string }[] = [];

  beforeAll(async () => {
    hub = await demoHub(undefined, { publicUrl: 'http://hub.test' });
    hub.services.meetings.addNotifier({
      notify: async (personId, notice) => void told.push({ personId, text: inGerman(notice) }),
      invite: async (personId, _meeting, notice) => void told.push({ personId, text: inGerman(notice) }),
    });
  });

  it('is taken in chat and shown in the invitation and the calendar file', async () => {
    const say = consoleChat(hub, { kik: KIK });
    const answer = await say(
      'kik',
      '!treffen "Austausch Wohnen" 3.3.2031 10 Uhr Radebeul Coswig --ort "Rathaus Radebeul, Saal 2" --tagesordnung "Wohnungsmarkt"',
    );
    expect(answer).toContain('„Austausch Wohnen“ ist angelegt');
    const invitation = told.find((t) => t.text.includes('Austausch Wohnen'))!.text;
    expect(invitation).toContain('Ort: Rathaus Radebeul, Saal 2');
    expect(invitation).toContain('Tagesordnung: Wohnungsmarkt');
    const kik = bearer(await hub.token('COORDINATOR', KIK));
    const meetings = await gql(hub.yoga, '{ myMeetings { title place ics } }', {}, kik);
    const meeting = meetings.data!.myMeetings.find((m: { title: string }) => m.title === 'Austausch Wohnen');
    expect(meeting.place).toBe('Rathaus Radebeul, Saal 2');
    expect(meeting.ics.replace(/\r\n /g, '')).toContain('LOCATION:Rathaus Radebeul\\, Saal 2');
  });

  it('is in the reminder, with the agenda and where to find one’s meetings', () => {
    const text = expandCommandRefs(
      inGerman({
        type: 'meetingReminder',
        title: 'Austausch Wohnen',
        startsAt: '2031-03-03T09:00:00.000Z',
        meetingId: 'meeting:1',
        place: 'Rathaus Radebeul, Saal 2',
        agenda: 'Wohnungsmarkt',
      }),
      'de',
      COMMANDS,
    );
    expect(text).toBe(
      'Erinnerung: „Austausch Wohnen“ beginnt am Montag, 3. März 2031 um 10:00.\nOrt: Rathaus Radebeul, Saal 2\nTagesordnung: Wohnungsmarkt\nIhre Treffen: !termine',
    );
  });

  it('is in the minutes, with their date, agenda and printable link', async () => {
    const kik = await hub.services.identities.viewerOfPerson(KIK);
    await hub.services.meetings.schedule(
      {
        title: 'Sprechstunde Wohnen',
        when: '',
        startsAt: new Date(Date.now() + 30 * 60_000),
        invite: ['Radebeul'],
        confirmed: true,
        place: 'Bürgerhaus Coswig',
        agenda: 'Fragen der Woche',
      },
      kik as Viewer,
    );
    const protocol = await consoleChat(hub, { kik: KIK })('kik', '!protokoll');
    expect(protocol).toContain('Protokoll: Sprechstunde Wohnen');
    expect(protocol).toMatch(/Termin: \w+, \d+\. \w+ \d{4} um \d\d:\d\d/);
    expect(protocol).toContain('Ort: Bürgerhaus Coswig');
    expect(protocol).toContain('Tagesordnung: Fragen der Woche');
    expect(protocol).toMatch(/Zum Drucken: http:\/\/hub\.test\/minutes\/meeting%3A[0-9a-f]+\?t=/);
  });
});
