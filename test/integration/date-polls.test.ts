import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { expandCommandRefs } from '../../bots/core/command-refs.js';
import { consoleChat } from '../support/console-chat.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { inGerman } from '../support/told.js';

// Finding a date: the organiser offers slots in chat, invitees vote in chat or through GraphQL,
// the organiser fixes the most voted one and the meeting is created with its invitations.

describe('finding a date for an exchange meeting', () => {
  let hub: TestHub;
  let say: (who: 'kk' | 'kik' | 'volunteer', text: string) => Promise<string>;
  const told: { personId: string; text: string }[] = [];
  const invited: string[] = [];

  beforeAll(async () => {
    hub = await demoHub();
    const people = {
      kk: 'person:demo-14627-koordinationskraft',
      kik: 'person:demo-14627-kik-2',
      volunteer: 'person:demo-14627-alliance-1-volunteer-1',
    };
    say = consoleChat(hub, people);
    hub.services.meetings.addNotifier({
      notify: async (personId, message) => void told.push({ personId, text: inGerman(message) }),
      invite: async (personId) => void invited.push(personId),
    });
  });

  it('offers slots, flags a holiday, collects votes from chat and GraphQL, and fixes the most voted', async () => {
    const offered = await say(
      'kk',
      '!terminfindung "Austausch Wohnen" Radebeul: 8.12.2026 10 Uhr | 9.12.2026 14 Uhr | 25.12.2026 9 Uhr',
    );
    const pollId = /Terminfindung (poll:[0-9a-f]+)/.exec(offered)![1]!;
    expect(offered).toContain('3. Freitag, 25. Dezember 2026 um 09:00 (Feiertag: 1. Weihnachtstag)');
    expect(told.map((t) => t.personId).sort()).toEqual(['person:demo-14627-beauftragte', 'person:demo-14627-kik-2']);
    // Services name commands by reference; the chat layer writes them in the reader's language.
    expect(expandCommandRefs(told[0]!.text, 'de', COMMANDS)).toContain(`!abstimmen ${pollId} <Nummern>`);

    expect(await say('kik', `!abstimmen ${pollId} 2 3`)).toBe(
      'Danke, Ihre Stimme zu „Austausch Wohnen“ ist gespeichert.',
    );
    // A changed vote is acknowledged as a change (issue 35); the same answer again is no change.
    expect(await say('kik', `!abstimmen ${pollId} 3`)).toBe(
      'Ihre Stimme zu „Austausch Wohnen“ ist geändert: vorher 2, 3, jetzt 3.',
    );
    expect(await say('kik', `!abstimmen ${pollId} 2 3`)).toBe(
      'Ihre Stimme zu „Austausch Wohnen“ ist geändert: vorher 3, jetzt 2, 3.',
    );
    expect(await say('kik', `!abstimmen ${pollId} 3 2`)).toBe(
      'Danke, Ihre Stimme zu „Austausch Wohnen“ ist gespeichert.',
    );
    const beauftragte = bearer(await hub.token('COORDINATOR', 'person:demo-14627-beauftragte'));
    const voted = await gql(
      hub.yoga,
      `mutation { voteMeetingDates(id: "${pollId}", choices: [2]) { ... on MutationVoteMeetingDatesSuccess { data { votes holidays } } } }`,
      {},
      beauftragte,
    );
    expect(voted.data!.voteMeetingDates.data).toEqual({ votes: [0, 2, 1], holidays: [null, null, '1. Weihnachtstag'] });
    expect(await say('volunteer', `!abstimmen ${pollId} 1`)).toMatch(/nicht eingeladen/i);
    expect(await say('kik', `!abstimmen ${pollId} 7`)).toBe(
      'Bitte die Termine mit ihren Nummern angeben, zwischen 1 und 3.',
    );

    const fixed = await say('kk', `!festlegen ${pollId}`);
    expect(fixed).toMatch(
      /^„Austausch Wohnen“ ist festgelegt auf Mittwoch, 9\. Dezember 2026 um 14:00 \(meeting:[0-9a-f]+\); die Einladungen sind verschickt\.$/,
    );
    expect(invited.sort()).toEqual(['person:demo-14627-beauftragte', 'person:demo-14627-kik-2']);
    expect(await say('kk', `!festlegen ${pollId} 1`)).toBe('Der Termin für „Austausch Wohnen“ ist bereits festgelegt.');
  });
});
