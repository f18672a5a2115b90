import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatrixBot } from '../../bots/matrix/matrix-bot.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { inMinutes } from '../support/when.js';
import { MatrixUser, type MatrixMessage } from '../support/synapse/matrix-user.js';
import { startHubBot } from '../support/synapse/hub-bot.js';

// A meeting followed through on Matrix, through the real Synapse (issue 19): a decision poll as a
// native poll in the meeting's room, voted on in the poll, its result in the minutes; an action
// item closed by its owner leaves `!aufgaben`; the closed minutes reach the invitee in their
// direct chat and can still be read there a week later.

const KK = 'person:demo-14627-koordinationskraft';
const KIK = 'person:demo-14627-kik-1';

describe('a meeting followed through on Matrix', () => {
  let hub: TestHub;
  let bot: MatrixBot;
  let organiser: MatrixUser;
  let kik: MatrixUser;
  let organiserDirect: string;
  let kikDirect: string;
  let meetingRoom: string;
  let meetingId: string;
  let daysLater = 0;

  const ask = async (user: MatrixUser, roomId: string, text: string) =>
    String((await user.ask(roomId, text)).content.body);
  /** A message the user got in any room of theirs (joining what they are invited to). */
  const received = (user: MatrixUser, match: (m: MatrixMessage) => boolean) =>
    user.waitFor(async () => {
      for (const room of await user.invitedRooms()) await user.join(room);
      for (const room of (await user.api<{ joined_rooms: string[] }>('GET', '/joined_rooms')).joined_rooms) {
        const found = (await user.messages(room)).find(match);
        if (found) return { ...found, room };
      }
      return null;
    });

  beforeAll(async () => {
    hub = await demoHub(undefined, { now: () => new Date(Date.now() + daysLater * 86_400_000) });
    organiser = await MatrixUser.register('kk-minutes');
    kik = await MatrixUser.register('kik-minutes');
    let botAccount: { userId: string };
    ({ bot, botAccount } = await startHubBot(hub, 'hubbot-minutes', [
      [organiser, KK],
      [kik, KIK],
    ]));
    organiserDirect = await organiser.createRoom([botAccount.userId], { is_direct: true });
    kikDirect = await kik.createRoom([botAccount.userId], { is_direct: true });
    await organiser.waitFor(async () => (await organiser.members(organiserDirect)).includes(botAccount.userId));
    await kik.waitFor(async () => (await kik.members(kikDirect)).includes(botAccount.userId));

    const scheduled = await ask(
      organiser,
      organiserDirect,
      `!treffen "Austausch Kita" ${inMinutes(20)} Coswig --trotzdem`,
    );
    meetingId = /(meeting:[0-9a-f]+)/.exec(scheduled)![1]!;
    meetingRoom = await kik.waitFor(() => kik.invitedRoomNamed('Austausch Kita'));
    await kik.join(meetingRoom);
    await organiser.waitFor(() => organiser.invitedRoomNamed('Austausch Kita'));
    await organiser.join(meetingRoom);
  });
  afterAll(() => bot?.stop());

  it('puts a question to the room as a native poll and counts the votes given in it', async () => {
    await organiser.send(meetingRoom, '!abstimmung "Gemeinsamer Flyer?" | Ja | Nein | Enthaltung');
    const poll = await kik.waitFor(async () =>
      (await kik.messages(meetingRoom)).find((m) => m.type === 'org.matrix.msc3381.poll.start'),
    );
    const start = poll.content['org.matrix.msc3381.poll.start'] as {
      question: { body: string };
      max_selections: number;
      answers: { id: string; 'org.matrix.msc1767.text': string }[];
    };
    expect(start.question.body).toBe('Gemeinsamer Flyer?');
    expect(start.max_selections).toBe(1);
    expect(start.answers.map((a) => a['org.matrix.msc1767.text'])).toEqual(['Ja', 'Nein', 'Enthaltung']);
    expect(String(poll.content.body)).toMatch(/!abstimmen decision:[0-9a-f]{8} <Nr\.>/);

    for (const [user, answer] of [
      [kik, '2'],
      [kik, '1'],
      [organiser, '1'],
    ] as const)
      await user.api(
        'PUT',
        `/rooms/${encodeURIComponent(meetingRoom)}/send/org.matrix.msc3381.poll.response/${Date.now()}${answer}`,
        {
          'm.relates_to': { rel_type: 'm.reference', event_id: poll.event_id },
          'org.matrix.msc3381.poll.response': { answers: [answer] },
        },
      );
    const votes = await kik.waitFor(async () => {
      const [decision] = await hub.services.decisionPolls.of(meetingId);
      return decision && Object.keys(decision.votes).length === 2 && Object.values(decision.votes).every((v) => v === 1)
        ? decision.votes
        : null;
    });
    expect(votes).toEqual({ [KIK]: 1, [KK]: 1 });

    expect(await ask(organiser, meetingRoom, '!abstimmung schließen')).toBe(
      'Abstimmung beendet: Gemeinsamer Flyer? – Ja: 2, Nein: 0, Enthaltung: 0. Das Ergebnis steht im Protokoll von „Austausch Kita“.',
    );
    const end = await kik.waitFor(async () =>
      (await kik.messages(meetingRoom)).find((m) => m.type === 'org.matrix.msc3381.poll.end'),
    );
    expect(end.content['m.relates_to']).toEqual({ rel_type: 'm.reference', event_id: poll.event_id });
  });

  it('closes an action item by its owner, and it leaves their open list', async () => {
    const given = await ask(organiser, meetingRoom, `!aufgabe ${kik.userId} bis übermorgen: Raumliste schicken`);
    expect(given).toMatch(/^Aufgabe für .+: Raumliste schicken$/);
    expect(await ask(kik, kikDirect, '!aufgaben')).toMatch(/^1\. \d+\.\d+\.20\d\d: Raumliste schicken$/m);
    expect(await ask(kik, kikDirect, '!aufgabe erledigt 1')).toContain('Raumliste schicken');
    expect(await ask(kik, kikDirect, '!aufgaben')).not.toContain('Raumliste schicken');
  });

  it('sends the closed minutes to the invitee, who can still read them a week later', async () => {
    await ask(kik, meetingRoom, '!anwesend');
    expect(await ask(organiser, meetingRoom, '!protokoll schließen')).toMatch(
      /^Protokoll von „Austausch Kita“ abgeschlossen und an \d+ Personen verschickt\.$/,
    );
    const minutes = await received(kik, (m) => String(m.content.body).startsWith('Protokoll: Austausch Kita'));
    expect(String(minutes.content.body)).toContain('Abstimmungen:\n• Gemeinsamer Flyer?: Ja 2, Nein 0, Enthaltung 0');
    expect(String(minutes.content.body)).toContain('• ✓ Raumliste schicken');
    expect(minutes.room, 'never in the meeting room: it goes to each person').not.toBe(meetingRoom);

    daysLater = 7;
    const later = await ask(kik, kikDirect, '!protokoll Austausch Kita');
    expect(later).toContain('Protokoll: Austausch Kita');
    expect(later).toContain('• Gemeinsamer Flyer?: Ja 2, Nein 0, Enthaltung 0');
    expect(later).toMatch(/Anwesend: .+/);
  });
});
