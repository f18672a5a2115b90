import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../bots/core/identities.js';
import { MatrixBot } from '../../bots/matrix/matrix-bot.js';
import { berlinWallTime, formatWhen } from '../../src/features/meetings/when.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { inMinutes } from '../support/when.js';
import { MatrixUser, type MatrixMessage } from '../support/synapse/matrix-user.js';

// A meeting's own room on Matrix, through the real Synapse: its people invited, date, agenda
// and video link in the topic and a pinned message that follows every change, and minutes
// taken in the room going to that meeting. And finding a date with a native Matrix poll.

describe('meeting rooms and date polls on Matrix', () => {
  let hub: TestHub;
  let bot: MatrixBot;
  let botUserId: string;
  let organiser: MatrixUser;
  let kik: MatrixUser;
  let organiserDirect: string;
  let meetingRoom: string;
  let meetingId: string;
  let startBot: () => Promise<void>;

  const ask = (user: MatrixUser, roomId: string, text: string) => user.ask(roomId, text);
  const pinnedText = async () => {
    const { pinned } = (await kik.state<{ pinned: string[] }>(meetingRoom, 'm.room.pinned_events', ''))!;
    const edits = await kik.edits(meetingRoom, pinned[0]!);
    const latest: MatrixMessage = edits.length
      ? { ...edits[edits.length - 1]!, content: edits[edits.length - 1]!.content['m.new_content'] }
      : await kik.event(meetingRoom, pinned[0]!);
    return String(latest.content.body);
  };
  const topic = async () => (await kik.state<{ topic: string }>(meetingRoom, 'm.room.topic', ''))?.topic ?? '';

  beforeAll(async () => {
    hub = await demoHub(undefined, { videoBaseUrl: 'https://video.test/' });
    const identities = new ChatIdentities(hub.store);
    const botAccount = await MatrixUser.registerWithToken('hubbot-rooms');
    botUserId = botAccount.userId;
    organiser = await MatrixUser.register('kk-rooms');
    kik = await MatrixUser.register('kik-rooms');
    for (const [user, personId] of [
      [organiser, 'person:demo-14627-koordinationskraft'],
      [kik, 'person:demo-14627-kik-1'],
    ] as const) {
      await identities.requestLink({ transport: 'matrix', userId: user.userId }, personId);
      await identities.confirm(
        { transport: 'matrix', userId: user.userId },
        await identities.viewerOfPerson('person:demo-admin'),
      );
    }
    const storagePath = join(mkdtempSync(join(tmpdir(), 'hub-rooms-')), 'sync.json');
    startBot = async () => {
      if (bot) {
        await bot.stop();
        hub.services.meetings.removeNotifier(bot);
      }
      const dispatcher = new Dispatcher(COMMANDS, {
        services: hub.services,
        identities,
        publicUrl: 'http://hub.test',
        status: () => bot.status(),
      });
      bot = new MatrixBot(
        {
          homeserverUrl: inject('synapseUrl'),
          accessToken: botAccount.accessToken,
          allowedInviters: [],
          storagePath,
          // Read here with a plain client; the encrypted meeting room: matrix-e2ee.test.ts.
          encryptMeetingRooms: false,
        },
        dispatcher,
        identities,
        hub.store,
        () => {},
      );
      await bot.start();
      hub.services.meetings.addNotifier(bot);
    };
    await startBot();
    organiserDirect = await organiser.createRoom([botUserId], { is_direct: true });
    await organiser.waitFor(async () => (await organiser.members(organiserDirect)).includes(botUserId));
  });
  afterAll(() => bot?.stop());

  it('opens a room for a new meeting: its people invited, date, agenda and video link in topic and pinned message', async () => {
    const scheduled = await ask(
      organiser,
      organiserDirect,
      `!treffen "Austausch Wohnen" ${inMinutes(40)} Coswig --online --tagesordnung "1. Wohnraum 2. Sprachkurse" --trotzdem`,
    );
    meetingId = /(meeting:[0-9a-f]+)/.exec(String(scheduled.content.body))![1]!;
    meetingRoom = await kik.waitFor(() => kik.invitedRoomNamed('Austausch Wohnen'));
    await kik.join(meetingRoom);
    expect(await organiser.waitFor(() => organiser.invitedRoomNamed('Austausch Wohnen'))).toBe(meetingRoom);
    await organiser.join(meetingRoom);
    expect(
      (await kik.state<{ users: Record<string, number> }>(meetingRoom, 'm.room.power_levels', ''))!.users[
        organiser.userId
      ],
    ).toBe(50);

    expect(await topic()).toMatch(
      /^\w+, \d+\. \w+ 2026 um \d\d:\d\d · Tagesordnung: 1\. Wohnraum 2\. Sprachkurse · Online: https:\/\/video\.test\/Integration-14627-[0-9a-f]{16}$/,
    );
    const pin = await pinnedText();
    expect(pin).toContain(`Erfahrungsaustausch „Austausch Wohnen“ (${meetingId})`);
    expect(pin).toContain('Gemeinden: Coswig');
    expect(pin).toContain('Tagesordnung: 1. Wohnraum 2. Sprachkurse');
    expect(pin).toMatch(/Online: https:\/\/video\.test\/Integration-14627-/);
    expect(pin).not.toMatch(/Telefon|@|\+49/);
    // The video conference is a widget of the room, named like it (issue 19).
    const widget = await kik.waitFor(() =>
      kik.state<{ type: string; url: string; name: string; data: { conferenceId: string; roomName: string } }>(
        meetingRoom,
        'im.vector.modular.widgets',
        'integration-hub-video',
      ),
    );
    expect(widget).toMatchObject({
      type: 'jitsi',
      name: 'Austausch Wohnen',
      url: expect.stringMatching(/^https:\/\/video\.test\/Integration-14627-[0-9a-f]{16}$/),
      data: { conferenceId: expect.stringMatching(/^Integration-14627-/), roomName: 'Austausch Wohnen' },
    });
  });

  it('keeps topic and pinned message current when the meeting moves or its agenda changes', async () => {
    const later = inMinutes(50);
    await ask(organiser, organiserDirect, `!verschieben ${meetingId} ${later}`);
    const [, time] = later.split(' ');
    await kik.waitFor(async () => (await topic()).includes(`um ${time}`));
    await kik.waitFor(async () => (await pinnedText()).includes(`um ${time}`));
    await ask(organiser, meetingRoom, `!tagesordnung ${meetingId} "1. Wohnraum 2. Sprachkurse 3. Kita"`);
    await kik.waitFor(async () => (await pinnedText()).includes('Tagesordnung: 1. Wohnraum 2. Sprachkurse 3. Kita'));
    expect(await topic()).toContain('Tagesordnung: 1. Wohnraum 2. Sprachkurse 3. Kita');
  });

  it('takes the minutes given in the room for its meeting and posts them there', async () => {
    expect((await ask(kik, meetingRoom, '!info Die Sprachkurse starten im Januar.')).content.body).toBe(
      'Notiert für „Austausch Wohnen“.',
    );
    expect((await ask(organiser, meetingRoom, '!beschluss Wir teilen uns die Dolmetscherliste.')).content.body).toBe(
      'Notiert für „Austausch Wohnen“.',
    );
    const task = String(
      (await ask(organiser, meetingRoom, `!aufgabe ${kik.userId} bis 15.12.: Raumliste schicken`)).content.body,
    );
    expect(task).toMatch(/^Aufgabe für [^@]+ bis 15\.12\.20\d\d: Raumliste schicken$/);
    const minutes = String((await ask(organiser, meetingRoom, '!protokoll')).content.body);
    expect(minutes).toMatch(
      /^Protokoll: Austausch Wohnen\nTermin: .+\nTagesordnung: 1\. Wohnraum 2\. Sprachkurse 3\. Kita\nOnline: .+\nZum Drucken: http\S+\nBeschlüsse:\n• Wir teilen uns die Dolmetscherliste\.\nAufgaben:\n• Raumliste schicken \([^@]+, bis 15\.12\.20\d\d\)\nInformationen:\n• Die Sprachkurse starten im Januar\./,
    );
  });

  it('marks the room when the meeting is cancelled', async () => {
    const preview = String((await ask(organiser, organiserDirect, `!absagen ${meetingId}`)).content.body);
    expect(preview).toMatch(/^Vorschau: „Austausch Wohnen“ am .+ wird abgesagt; alle 2 Eingeladenen erfahren es\./);
    expect(await topic()).not.toMatch(/ABGESAGT/);
    expect(String((await ask(organiser, organiserDirect, '!ja')).content.body)).toMatch(
      /^„Austausch Wohnen“ ist abgesagt/,
    );
    await kik.waitFor(async () => (await topic()).startsWith('ABGESAGT · '));
    expect(await pinnedText()).toMatch(/ABGESAGT – dieses Treffen findet nicht statt\./);
  });

  it('gives a series one room that shows its rule and next date', async () => {
    await ask(
      organiser,
      organiserDirect,
      '!treffen "Runder Tisch Coswig" jeden ersten Donnerstag im Monat 10 Uhr Coswig --trotzdem',
    );
    const room = await kik.waitFor(() => kik.invitedRoomNamed('Runder Tisch Coswig'));
    await kik.join(room);
    const series = (await kik.state<{ topic: string }>(room, 'm.room.topic', ''))!.topic;
    expect(series).toMatch(
      /^jeden ersten Donnerstag im Monat, 10:00 Uhr; nächster Termin Donnerstag, \d+\. \w+ 20\d\d um 10:00$/,
    );
    // The invitation stands for the whole series: its calendar file carries the rule, a ✅ answers every date.
    const invitation = await kik.waitFor(async () => {
      for (const room of (await kik.api<{ joined_rooms: string[] }>('GET', '/joined_rooms')).joined_rooms) {
        const messages = await kik.messages(room);
        const found = messages.find((m) =>
          String(m.content.body).startsWith('Einladung zur Reihe „Runder Tisch Coswig“'),
        );
        const file = messages.find(
          (m) => m.content.msgtype === 'm.file' && m.content.body === 'Runder-Tisch-Coswig.ics',
        );
        if (found && file) return { ...found, room, file };
      }
      for (const room of await kik.invitedRooms()) await kik.join(room);
      return null;
    });
    expect(await kik.download(String(invitation.file.content.url))).toMatch(
      /RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=\+1TH\r\n/,
    );
    await kik.api('PUT', `/rooms/${encodeURIComponent(invitation.room)}/send/m.reaction/${Date.now()}`, {
      'm.relates_to': { rel_type: 'm.annotation', event_id: invitation.event_id, key: '✅' },
    });
    await kik.repliesTo(invitation.room, invitation.event_id);
    const seriesId =
      /\((meeting:[0-9a-f]+-\d{8})\)/.exec(String(invitation.content.body))?.[1] ??
      /!zusage (meeting:\S+)/.exec(String(invitation.content.body))![1]!;
    const dates = await hub.services.meetings.occurrences((await hub.services.meetings.byId(seriesId))!);
    expect(dates.length).toBeGreaterThan(10);
    expect(dates.every((m) => m.rsvps['person:demo-14627-kik-1'] === 'YES')).toBe(true);

    const listed = String((await ask(organiser, organiserDirect, '!termine')).content.body);
    expect(listed).toMatch(
      /Runder Tisch Coswig \(meeting:[0-9a-f]+-\d{8}\)\n[\s\S]*Runder Tisch Coswig[^\n]*\n {2}… und \d+ weitere Termine: jeden ersten Donnerstag im Monat, 10:00 Uhr/,
    );
    expect(listed).not.toContain('Austausch Wohnen');

    // Moving the rest of the series to Fridays at 11 keeps its room, which now shows the new rule.
    const second = dates[1]!;
    const friday = new Date(Date.parse(second.startsAt) + 86_400_000);
    const w = berlinWallTime(friday);
    await ask(organiser, organiserDirect, `!verschieben ${second.id} ${w.day}.${w.month}.${w.year} 11 Uhr --folgende`);
    const moved = await kik.waitFor(async () => {
      const { topic } = (await kik.state<{ topic: string }>(room, 'm.room.topic', ''))!;
      return topic.includes('Freitag im Monat, 11:00 Uhr') && topic;
    });
    // The first date, before the change, is still the next one.
    expect(moved).toContain(`nächster Termin ${formatWhen(new Date(dates[0]!.startsAt), 'de')}`);
  });

  it('offers the dates of a date poll as a native Matrix poll, counts a vote given in it and closes it when fixed', async () => {
    const offered = await ask(
      organiser,
      organiserDirect,
      '!terminfindung "Austausch Kita" Coswig: 8.12. 10 Uhr | 9.12. 14 Uhr | 10.12. 9 Uhr',
    );
    const pollId = /(poll:[0-9a-f]+)/.exec(String(offered.content.body))![1]!;
    const direct = await kik.waitFor(async () => {
      for (const room of await kik.invitedRooms()) await kik.join(room);
      const rooms = await kik.api<{ joined_rooms: string[] }>('GET', '/joined_rooms');
      for (const room of rooms.joined_rooms) {
        if ((await kik.messages(room)).some((m) => m.type === 'org.matrix.msc3381.poll.start')) return room;
      }
      return null;
    });
    const poll = (await kik.messages(direct)).find((m) => m.type === 'org.matrix.msc3381.poll.start')!;
    const start = poll.content['org.matrix.msc3381.poll.start'];
    expect(start.question['org.matrix.msc1767.text']).toBe('Welche Termine passen Ihnen für „Austausch Kita“?');
    expect(start.answers.map((a: Record<string, string>) => a['org.matrix.msc1767.text'])).toEqual([
      expect.stringMatching(/^\w+, 8\. Dezember 20\d\d um 10:00$/),
      expect.stringMatching(/9\. Dezember 20\d\d um 14:00$/),
      expect.stringMatching(/10\. Dezember 20\d\d um 09:00$/),
    ]);
    expect(start.max_selections).toBe(3);
    expect(poll.content.body).toContain(`!abstimmen ${pollId} <Nummern>`);

    await kik.api('PUT', `/rooms/${encodeURIComponent(direct)}/send/org.matrix.msc3381.poll.response/${Date.now()}`, {
      'm.relates_to': { rel_type: 'm.reference', event_id: poll.event_id },
      'org.matrix.msc3381.poll.response': { answers: ['2', '3'] },
    });
    const [thanks] = await kik.repliesTo(direct, poll.event_id);
    expect(thanks!.content.body).toBe('Danke, Ihre Stimme zu „Austausch Kita“ ist gespeichert.');
    expect((await hub.services.store.polls.datePollById(pollId))!.votes).toEqual({ 'person:demo-14627-kik-1': [2, 3] });

    expect((await ask(organiser, organiserDirect, `!festlegen ${pollId}`)).content.body).toMatch(
      /ist festgelegt auf \w+, 9\. Dezember 20\d\d um 14:00/,
    );
    const end = await kik.waitFor(async () =>
      (await kik.messages(direct)).find((m) => m.type === 'org.matrix.msc3381.poll.end'),
    );
    expect(end.content['m.relates_to']).toEqual({ rel_type: 'm.reference', event_id: poll.event_id });
    expect(end.content.body).toMatch(
      /^Die Abstimmung ist beendet: „Austausch Kita“ findet am \w+, 9\. Dezember 20\d\d um 14:00 statt\.$/,
    );
  });

  it('counts a poll vote given while the bot was down, once, after it is back', async () => {
    const offered = await ask(
      organiser,
      organiserDirect,
      '!terminfindung "Austausch Schule" Coswig: 14.12. 10 Uhr | 15.12. 10 Uhr',
    );
    const pollId = /(poll:[0-9a-f]+)/.exec(String(offered.content.body))![1]!;
    const pollEvent = async () => {
      for (const room of (await kik.api<{ joined_rooms: string[] }>('GET', '/joined_rooms')).joined_rooms) {
        const found = (await kik.messages(room)).find(
          (m) => m.type === 'org.matrix.msc3381.poll.start' && String(m.content.body).includes(pollId),
        );
        if (found) return { ...found, room };
      }
      return null;
    };
    const poll = await kik.waitFor(pollEvent);
    await bot.stop();
    await kik.api('PUT', `/rooms/${encodeURIComponent(poll.room)}/send/m.poll.response/${Date.now()}`, {
      'm.relates_to': { rel_type: 'm.reference', event_id: poll.event_id },
      'm.selections': ['2'],
    });
    await startBot();
    const [thanks] = await kik.repliesTo(poll.room, poll.event_id);
    expect(thanks!.content.body).toBe('Danke, Ihre Stimme zu „Austausch Schule“ ist gespeichert.');
    expect((await hub.services.store.polls.datePollById(pollId))!.votes).toEqual({ 'person:demo-14627-kik-1': [2] });
    await startBot();
    await new Promise((r) => setTimeout(r, 2000));
    expect(await kik.repliesTo(poll.room, poll.event_id, 2, 500)).toHaveLength(1);
  });

  it('gives the successor the room of a meeting they take over with an ended role (issue 15)', async () => {
    const scheduled = await ask(
      organiser,
      organiserDirect,
      `!treffen "Übergabetreffen" ${inMinutes(300)} Coswig --trotzdem`,
    );
    const id = /(meeting:[0-9a-f]+)/.exec(String(scheduled.content.body))![1]!;
    const room = await kik.waitFor(() => kik.invitedRoomNamed('Übergabetreffen'));
    await kik.join(room);
    const successor = await MatrixUser.register('successor-rooms');
    const person = await hub.services.writer.addPerson({ name: 'Sara Nachfolgerin' }, SYSTEM);
    await hub.services.identities.requestLink({ transport: 'matrix', userId: successor.userId }, person.id);
    await hub.services.identities.confirm(
      { transport: 'matrix', userId: successor.userId },
      await hub.services.identities.viewerOfPerson('person:demo-admin'),
    );
    const [roles] = await hub.store.rolesOfPersons(['person:demo-14627-koordinationskraft']);
    const ending = await hub.services.handover.endRole(
      { id: roles!.find((r) => r.role === 'KOORDINATIONSKRAFT')!.id },
      person.id,
      SYSTEM,
    );
    expect(ending.meetingIds).toContain(id);
    // The successor is invited to the meeting's room and moderates it.
    const invited = await successor.waitFor(() => successor.invitedRoomNamed('Übergabetreffen'));
    expect(invited).toBe(room);
    await successor.join(room);
    const power = await successor.waitFor(async () => {
      const levels = await successor.state<{ users: Record<string, number> }>(room, 'm.room.power_levels', '');
      return levels?.users[successor.userId] === 50 ? levels : null;
    });
    expect(power.users[successor.userId]).toBe(50);
  });
});
