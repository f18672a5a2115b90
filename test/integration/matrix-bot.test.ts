import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COMMANDS } from '../../bots/commands/index.js';
import { Dispatcher } from '../../bots/core/dispatcher.js';
import { ChatIdentities } from '../../bots/core/identities.js';
import { MatrixBot } from '../../bots/matrix/matrix-bot.js';
import { demoHub, type TestHub } from '../support/hub.js';
import { MatrixUser } from '../support/synapse/matrix-user.js';
import { plain } from '../support/told.js';

// Conversations with the bot through the real Synapse the test setup started.

describe('the Matrix bot through Synapse', () => {
  let hub: TestHub;
  let identities: ChatIdentities;
  let bot: MatrixBot;
  let botAccount: { userId: string; accessToken: string };
  let alice: MatrixUser;
  let coordinator: MatrixUser;
  let aliceRoom: string;
  const storagePath = join(mkdtempSync(join(tmpdir(), 'hub-matrix-')), 'sync.json');

  const startBot = async () => {
    const dispatcher = new Dispatcher(COMMANDS, {
      services: hub.services,
      identities,
      publicUrl: 'http://hub.test',
      status: () => bot.status(),
    });
    bot = new MatrixBot(
      { homeserverUrl: inject('synapseUrl'), accessToken: botAccount.accessToken, allowedInviters: [], storagePath },
      dispatcher,
      identities,
      hub.store,
      () => {},
    );
    await bot.start();
    hub.services.requests.addNotifier(bot);
    hub.services.meetings.addNotifier(bot);
  };
  const ask = (user: MatrixUser, roomId: string, text: string) => user.ask(roomId, text);

  beforeAll(async () => {
    hub = await demoHub();
    identities = new ChatIdentities(hub.store);
    botAccount = await MatrixUser.registerWithToken('hubbot');
    alice = await MatrixUser.register('alice');
    coordinator = await MatrixUser.register('kk');
    await identities.requestLink(
      { transport: 'matrix', userId: coordinator.userId },
      'person:demo-14627-koordinationskraft',
    );
    await identities.confirm(
      { transport: 'matrix', userId: coordinator.userId },
      await identities.viewerOfPerson('person:demo-admin'),
    );
    await startBot();
    aliceRoom = await alice.createRoom([botAccount.userId], { is_direct: true });
    await alice.waitFor(async () => (await alice.members(aliceRoom)).includes(botAccount.userId));
  });
  afterAll(() => bot?.stop());

  it('answers help as a notice replying to the question, with HTML and a mention', async () => {
    const answer = await ask(alice, aliceRoom, '!hilfe');
    expect(answer.sender).toBe(botAccount.userId);
    expect(answer.content).toMatchObject({
      msgtype: 'm.notice',
      format: 'org.matrix.custom.html',
      'm.mentions': { user_ids: [alice.userId] },
    });
    expect(answer.content.body).toContain('!kontakt <Gemeinde> [Thema] [am <Tag>]');
    expect(answer.content.formatted_body).toContain(
      '<strong>!kontakt &lt;Gemeinde&gt; [Thema] [am &lt;Tag&gt;]</strong>',
    );
    expect(answer.content.body).not.toMatch(/^> /);
  });

  it('answers a contact question, and an unknown municipality with the closest names', async () => {
    expect((await ask(alice, aliceRoom, '!kontakt Radbeul')).content.body).toMatch(
      /^Ansprechpersonen in Radebeul\n.+Kommunale Integrationskoordination für Radebeul/,
    );
    expect((await ask(alice, aliceRoom, '!kontakt Radeb')).content.body).toMatch(
      /^Die Gemeinde "Radeb" ist nicht bekannt\. Meinten Sie: Radeberg, Radebeul/,
    );
  });

  it('answers a sentence in a direct chat, and an edited command as the new command (issue 36)', async () => {
    const sentence = await ask(alice, aliceRoom, 'Hallo, wer ist für Radebeul zuständig?');
    expect(sentence.content.body).toMatch(/^Ansprechpersonen in Radebeul\n/);
    expect(sentence.content.body).toContain('(So gefragt: !kontakt Radebeul)');
    const typo = await alice.send(aliceRoom, '!kontakt Radeb');
    expect((await alice.repliesTo(aliceRoom, typo))[0]!.content.body).toMatch(/nicht bekannt/);
    const edit = await alice.send(aliceRoom, '* !kontakt Coswig', {
      'm.new_content': { msgtype: 'm.text', body: '!kontakt Coswig' },
      'm.relates_to': { rel_type: 'm.replace', event_id: typo },
    });
    const [answer] = await alice.repliesTo(aliceRoom, edit);
    expect(answer!.content.body).toMatch(/^Ansprechpersonen in Coswig\n/);
  });

  it('refuses a command the person may not use, and answers in the thread it was asked in', async () => {
    expect((await ask(alice, aliceRoom, '!status')).content.body).toMatch(/^!status ist Koordinator:innen vorbehalten/);
    const root = await alice.send(aliceRoom, 'Frage zum Netzwerk');
    const inThread = await alice.send(aliceRoom, '!netzwerk Radebeul', {
      'm.relates_to': {
        rel_type: 'm.thread',
        event_id: root,
        is_falling_back: true,
        'm.in_reply_to': { event_id: root },
      },
    });
    const [answer] = await alice.repliesTo(aliceRoom, inThread);
    expect(answer!.content['m.relates_to']).toEqual({
      rel_type: 'm.thread',
      event_id: root,
      is_falling_back: false,
      'm.in_reply_to': { event_id: inThread },
    });
    expect(answer!.content.body).toContain('Netzwerk von Radebeul');
  });

  it('adds the map of a district to a room as a widget, and says so where it may not', async () => {
    const room = await alice.createRoom([botAccount.userId], {
      power_level_content_override: { users: { [botAccount.userId]: 50 } },
    });
    await alice.waitFor(async () => (await alice.members(room)).includes(botAccount.userId));
    const answer = await ask(alice, room, '!karte Meisen');
    expect(answer.content.body).toContain('Netzwerkkarte Meißen');
    expect(answer.content.body).toContain('http://hub.test/?district=14627');
    const widget = await alice.waitFor(() =>
      alice.state<{ type: string; url: string; name: string }>(room, 'im.vector.modular.widgets', 'hub-map-14627'),
    );
    expect(widget).toMatchObject({
      type: 'm.custom',
      name: 'Netzwerkkarte Meißen',
      url: 'http://hub.test/?district=14627&widgetId=$matrix_widget_id',
    });

    const direct = await alice.send(aliceRoom, '!karte');
    const [link, note] = await alice.repliesTo(aliceRoom, direct, 2);
    expect(link!.content.body).toContain('Netzwerkkarte aller Kreise');
    expect(note!.content.body).toMatch(/^Die Karte konnte nicht als Widget in den Raum gelegt werden/);
  });

  it('keeps private contact details out of a group room and sends them in a direct chat', async () => {
    const group = await coordinator.createRoom([botAccount.userId, alice.userId]);
    await alice.join(group);
    await coordinator.waitFor(async () => (await coordinator.members(group)).length === 3);
    const note = await ask(coordinator, group, '!kontakt Radebeul');
    expect(note.content.body).toBe(
      `${coordinator.userId}, die Antwort enthält Kontaktdaten und kommt deshalb als Direktnachricht.`,
    );
    expect(JSON.stringify(await coordinator.messages(group))).not.toMatch(/Telefon/);
    const [direct] = await coordinator.waitFor(async () => {
      const invites = await coordinator.invitedRooms();
      return invites.length ? invites : null;
    });
    await coordinator.join(direct!);
    const details = await coordinator.waitFor(async () =>
      (await coordinator.messages(direct!)).find((m) => m.sender === botAccount.userId && m.type === 'm.room.message'),
    );
    expect(details.content.body).toMatch(/Ansprechpersonen in Radebeul[\s\S]*Telefon: \+49/);
    // The plain body names each address once; the link is in the HTML (issue 21, point 7).
    expect(details.content.body).toMatch(/E-Mail: \S+@\S+/);
    expect(details.content.body).not.toContain('(mailto:');
    expect(details.content.formatted_body).toMatch(/<a href="mailto:[^"]+">/);

    // When the third person leaves, the room is a two-person room (known from the sync stream, no
    // call per message): the answer comes right there.
    await alice.api('POST', `/rooms/${encodeURIComponent(group)}/leave`, {});
    const inRoom = await coordinator.waitFor(async () => {
      const answer = await ask(coordinator, group, '!kontakt Radebeul');
      return /Telefon: \+49/.test(String(answer.content.body)) ? answer : null;
    });
    expect(inRoom.content.body).toMatch(/^Ansprechpersonen in Radebeul/);
  });

  it("sends a person's data export as a JSON file beside a short summary (issue 21, finding 2)", async () => {
    const room = await coordinator.createRoom([botAccount.userId], { is_direct: true });
    await coordinator.waitFor(async () => (await coordinator.members(room)).includes(botAccount.userId));
    const summary = await ask(coordinator, room, '!meine-daten');
    expect(summary.content.body).toMatch(/Das speichert der Hub über .+ \(Art\. 15 DSGVO\)/);
    const file = await coordinator.waitFor(async () =>
      (await coordinator.messages(room)).find((m) => m.sender === botAccount.userId && m.content.msgtype === 'm.file'),
    );
    expect(file.content).toMatchObject({ body: 'meine-daten.json', info: { mimetype: 'application/json' } });
    const exported = JSON.parse(await coordinator.download(String(file.content.url))) as {
      person: { id: string };
      auditEntries: { subjectIds: string[] }[];
    };
    expect(exported.person.id).toBe('person:demo-14627-koordinationskraft');
    expect(exported.auditEntries.every((e) => e.subjectIds.length === 1)).toBe(true);
  });

  it('opens one direct chat for two notifications sent at once', async () => {
    const gina = await MatrixUser.register('gina');
    await identities.requestLink({ transport: 'matrix', userId: gina.userId }, 'person:demo-14627-beauftragte');
    await identities.confirm(
      { transport: 'matrix', userId: gina.userId },
      await identities.viewerOfPerson('person:demo-admin'),
    );
    await Promise.all([
      bot.notify('person:demo-14627-beauftragte', plain('Erste Nachricht', 'First message')),
      bot.notify('person:demo-14627-beauftragte', plain('Zweite Nachricht', 'Second message')),
    ]);
    const invites = await gina.waitFor(async () => {
      const found = await gina.invitedRooms();
      return found.length ? found : null;
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await gina.invitedRooms()).toEqual(invites);
    expect(invites).toHaveLength(1);
    await gina.join(invites[0]!);
    const bodies = await gina.waitFor(async () => {
      const texts = (await gina.messages(invites[0]!))
        .filter((m) => m.sender === botAccount.userId)
        .map((m) => String(m.content.body));
      return texts.length >= 2 ? texts : null;
    });
    expect(bodies).toEqual(expect.arrayContaining(['Erste Nachricht', 'Zweite Nachricht']));
  });

  it('ignores commands sent before it joined a room', async () => {
    const room = await alice.createRoom([]);
    const early = await alice.send(room, '!hilfe');
    await alice.api('POST', `/rooms/${encodeURIComponent(room)}/invite`, { user_id: botAccount.userId });
    await alice.waitFor(async () => (await alice.members(room)).includes(botAccount.userId));
    const later = await alice.send(room, '!sprache de');
    expect(await alice.repliesTo(room, later)).toHaveLength(1);
    expect(await alice.repliesTo(room, early, 1, 500)).toHaveLength(0);
  });

  it("carries a volunteer's request to the KIK's direct chat, and tells the volunteer when it is accepted and resolved", async () => {
    const volunteer = await MatrixUser.register('volunteer');
    const kik = await MatrixUser.register('kik');
    for (const [user, personId] of [
      [volunteer, 'person:demo-14627-alliance-1-volunteer-1'],
      [kik, 'person:demo-14627-kik-2'],
    ] as const) {
      await identities.requestLink({ transport: 'matrix', userId: user.userId }, personId);
      await identities.confirm(
        { transport: 'matrix', userId: user.userId },
        await identities.viewerOfPerson('person:demo-admin'),
      );
    }
    const room = await volunteer.createRoom([botAccount.userId], { is_direct: true });
    await volunteer.waitFor(async () => (await volunteer.members(room)).includes(botAccount.userId));
    const filed = await ask(volunteer, room, '!anfrage Radebeul Sprache Wir suchen eine Dolmetscherin für Arabisch');
    const id = /(request:[0-9a-f]+)/.exec(filed.content.body)![1]!;

    const inbox = async (user: MatrixUser) => {
      const [direct] = await user.waitFor(async () => {
        const invites = await user.invitedRooms();
        return invites.length ? invites : null;
      });
      await user.join(direct!);
      return direct!;
    };
    const botSaid = (user: MatrixUser, roomId: string, pattern: RegExp) =>
      user.waitFor(async () =>
        (await user.messages(roomId)).find(
          (m) => m.sender === botAccount.userId && pattern.test(String(m.content.body)),
        ),
      );

    const kikInbox = await inbox(kik);
    const notice = String((await botSaid(kik, kikInbox, /Neue Anfrage/)).content.body);
    expect(notice).toContain('Neue Anfrage für Radebeul (Thema Sprache und Dolmetschen, von ');
    expect(notice).toContain('): „Wir suchen eine Dolmetscherin für Arabisch');
    expect((await ask(kik, kikInbox, `!annehmen ${id}`)).content.body).toContain('angenommen');
    // The volunteer's own direct chat with the bot is where their notifications arrive (issue 21,
    // point 7: no second DM per notification), after a welcome.
    const volunteerInbox = room;
    expect(
      (await volunteer.messages(room)).some(
        (m) =>
          m.sender === botAccount.userId &&
          /^Hallo! Ich bin der Bot des Integrationsnetzwerks/.test(String(m.content.body)),
      ),
    ).toBe(true);
    await botSaid(
      volunteer,
      volunteerInbox,
      /Ihre Anfrage zu Radebeul \(„Wir suchen eine Dolmetscherin für Arabisch“\) wurde von .+ angenommen/,
    );
    expect((await ask(kik, kikInbox, `!erledigt ${id} Dolmetscherin vermittelt`)).content.body).toContain('erledigt');
    await botSaid(
      volunteer,
      volunteerInbox,
      /Ihre Anfrage zu Radebeul \(„Wir suchen eine Dolmetscherin für Arabisch“\) ist erledigt \(.+\) – „Dolmetscherin vermittelt“/,
    );
    expect((await ask(volunteer, room, '!anfragen')).content.body).toContain(`${id} – erledigt`);
  });

  it('schedules a role end through Synapse: preview, !ja, the leaver told in a direct chat, !geplant lists it (issue 34)', async () => {
    const leaverId = 'person:demo-14627-alliance-2-volunteer-1';
    const [person] = await hub.store.entitiesByIds([leaverId]);
    const leaver = await MatrixUser.register('leaver');
    await identities.requestLink({ transport: 'matrix', userId: leaver.userId }, leaverId);
    await identities.confirm(
      { transport: 'matrix', userId: leaver.userId },
      await identities.viewerOfPerson('person:demo-admin'),
    );
    const room = await coordinator.createRoom([botAccount.userId], { is_direct: true });
    await coordinator.waitFor(async () => (await coordinator.members(room)).includes(botAccount.userId));
    const preview = String(
      (await ask(coordinator, room, `!rolle-beenden ${person!.name} zum 31.01.2027`)).content.body,
    );
    expect(preview).toContain(`Vorschau: Die Rolle Ehrenamt von ${person!.name} wird geplant zum 31.01.2027.`);
    expect(preview).toContain('Ausführen mit !ja');
    const done = String((await ask(coordinator, room, '!ja')).content.body);
    expect(done).toContain(`Geplant: Die Rolle Ehrenamt von ${person!.name} endet zum 31.01.2027.`);
    const [direct] = await leaver.waitFor(async () => {
      const invites = await leaver.invitedRooms();
      return invites.length ? invites : null;
    });
    await leaver.join(direct!);
    await leaver.waitFor(async () =>
      (await leaver.messages(direct!)).find(
        (m) => m.sender === botAccount.userId && /endet zum 31\.01\.2027/.test(String(m.content.body)),
      ),
    );
    expect(String((await ask(coordinator, room, '!geplant')).content.body)).toContain(
      `1. Zum 31.01.2027 endet die Rolle Ehrenamt von ${person!.name}.`,
    );
  });

  it('invites to an exchange meeting by direct message and records a ✅ reaction as the answer', async () => {
    const kik = await MatrixUser.register('kik-meeting');
    await identities.requestLink({ transport: 'matrix', userId: kik.userId }, 'person:demo-14627-kik-1');
    await identities.confirm(
      { transport: 'matrix', userId: kik.userId },
      await identities.viewerOfPerson('person:demo-admin'),
    );
    const organiserRoom = await coordinator.createRoom([botAccount.userId], { is_direct: true });
    await coordinator.waitFor(async () => (await coordinator.members(organiserRoom)).includes(botAccount.userId));
    const scheduled = await ask(
      coordinator,
      organiserRoom,
      '!treffen "Austausch Sprachkurse" übermorgen 10 Uhr Coswig --trotzdem',
    );
    expect(scheduled.content.body).toMatch(/„Austausch Sprachkurse“ ist angelegt \(meeting:[0-9a-f]+\)/);

    // Two invitations arrive: the direct chat with the bot and the meeting's own room.
    const invitation = await kik.waitFor(async () => {
      for (const room of await kik.invitedRooms()) await kik.join(room);
      for (const room of (await kik.api<{ joined_rooms: string[] }>('GET', '/joined_rooms')).joined_rooms) {
        const found = (await kik.messages(room)).find(
          (m) => m.sender === botAccount.userId && String(m.content.body).startsWith('Einladung'),
        );
        if (found) return { ...found, room };
      }
      return null;
    });
    const direct = invitation.room;
    expect(invitation.content.body).toContain('„Austausch Sprachkurse“');
    // Commands named by the services are written in the reader's language; the reaction hint is Matrix's own.
    expect(invitation.content.body).toMatch(
      /Zusagen: !zusage meeting:[0-9a-f]+ ja\|nein\|vielleicht\nAuf Matrix auch mit ✅ ❌ ❓ auf diese Nachricht\./,
    );
    expect(invitation.content.body).not.toContain('⟦');
    const file = await kik.waitFor(async () =>
      (await kik.messages(direct!)).find((m) => m.sender === botAccount.userId && m.content.msgtype === 'm.file'),
    );
    expect(file.content).toMatchObject({ body: 'Austausch-Sprachkurse.ics', info: { mimetype: 'text/calendar' } });
    expect(await kik.download(String(file.content.url))).toContain('SUMMARY:Austausch Sprachkurse');
    await kik.api('PUT', `/rooms/${encodeURIComponent(direct!)}/send/m.reaction/${Date.now()}`, {
      'm.relates_to': { rel_type: 'm.annotation', event_id: invitation.event_id, key: '✅' },
    });
    const [thanks] = await kik.repliesTo(direct!, invitation.event_id);
    expect(thanks!.content.body).toBe('Danke, Ihre Antwort zu „Austausch Sprachkurse“ ist gespeichert.');
    expect((await ask(coordinator, organiserRoom, '!termine')).content.body).toMatch(
      /Antworten: .+ zugesagt \(1\/\d\)/,
    );

    // Moved: the invitee gets the news and an updated .ics with the same UID and a higher SEQUENCE (issue 21, point 7).
    const id = /(meeting:[0-9a-f]+)/.exec(String(scheduled.content.body))![1]!;
    expect((await ask(coordinator, organiserRoom, `!verschieben ${id} übermorgen 15 Uhr`)).content.body).toContain(
      'verschoben',
    );
    const files = await kik.waitFor(async () => {
      const found = (await kik.messages(direct!)).filter(
        (m) => m.sender === botAccount.userId && m.content.msgtype === 'm.file',
      );
      return found.length >= 2 ? found : null;
    });
    const [first, second] = await Promise.all(files.slice(-2).map((f) => kik.download(String(f.content.url))));
    const uid = (ics: string) => /UID:(.+)/.exec(ics)![1]!.trim();
    const sequence = (ics: string) => Number(/SEQUENCE:(\d+)/.exec(ics)![1]);
    expect(uid(second!)).toBe(uid(first!));
    expect(sequence(second!)).toBeGreaterThan(sequence(first!));
    const start = (ics: string) => /DTSTART;TZID=Europe\/Berlin:(\S+)/.exec(ics)![1];
    expect(start(second!)).toMatch(/T150000$/);
    expect(start(first!)).toMatch(/T100000$/);
  });

  it('lists suggestions through Synapse and runs one: a date poll to the KIK of both towns (issue 38)', async () => {
    const volunteer = await identities.viewerOfPerson('person:demo-14627-alliance-1-volunteer-1');
    await hub.services.requests.file(
      { place: 'Riesa', topic: 'Arbeit', text: 'Anerkennung eines Abschlusses' },
      volunteer,
    );
    await hub.services.requests.file({ place: 'Großenhain', topic: 'Arbeit', text: 'Anerkennung gesucht' }, volunteer);
    const room = await coordinator.createRoom([botAccount.userId], { is_direct: true });
    await coordinator.waitFor(async () => (await coordinator.members(room)).includes(botAccount.userId));
    const say = async (text: string) => String((await ask(coordinator, room, text)).content.body);
    const listed = await say('!empfehlungen');
    expect(listed).toMatch(/^Empfehlungen für Ihr Netzwerk:\n/);
    const line = listed.split('\n').find((l) => l.includes('Riesa') && l.includes('Großenhain'))!;
    expect(line).toMatch(/^\d+\. (Riesa und Großenhain|Großenhain und Riesa) haben offene oder jüngste Anfragen zu „/);
    const answer = await say(`!empfehlungen ${/^(\d+)\./.exec(line)![1]}`);
    expect(answer).toMatch(/^Terminfindung poll:\w+ für „Austausch .+“ an \d+ Personen geschickt/);
    const poll = (await hub.store.polls.datePollById(/(poll:\w+)/.exec(answer)![1]!))!;
    const [towns] = await hub.store.municipalitiesOfDistricts(['14627']);
    const ids = towns!.filter((t) => t.name === 'Riesa' || t.name === 'Großenhain').map((t) => t.id);
    const kik = (await hub.store.linksOf(ids)).flat().filter((l) => l.type === 'SERVES' && !l.until);
    expect(kik.length).toBeGreaterThanOrEqual(2);
    expect(poll.inviteeIds).toEqual(expect.arrayContaining(kik.map((l) => l.fromId)));
  });

  it('merges two towns through Synapse, answers for the old name, and takes the merger back (issue 34)', async () => {
    const room = await coordinator.createRoom([botAccount.userId], { is_direct: true });
    await coordinator.waitFor(async () => (await coordinator.members(room)).includes(botAccount.userId));
    const say = async (text: string) => String((await ask(coordinator, room, text)).content.body);
    let preview = await say('!zusammenführen Radebeul + Coswig zu Elbaue');
    const servedBy = /betreut: (.+) oder /.exec(preview)?.[1];
    if (servedBy) preview = await say(`!zusammenführen Radebeul + Coswig zu Elbaue betreut von ${servedBy}`);
    expect(preview).toContain('Vorschau: Radebeul, Coswig werden zur neuen Gemeinde Elbaue');
    expect(await say('!ja')).toContain('Zusammengeführt in Elbaue: Radebeul, Coswig');
    expect(await say('!kontakt Coswig')).toMatch(/Coswig gehört seit .+ zu Elbaue/);

    expect(await say('!rückgängig')).toMatch(/\n1\. .+: Gemeinden zusammengeführt\n/);
    expect(await say('!rückgängig 1')).toContain('endet wieder: Elbaue');
    expect(await say('!ja')).toContain('Zurückgenommen: Gemeinden zusammengeführt');
    expect(await say('!kontakt Coswig')).not.toMatch(/gehört seit/);
    const [towns] = await hub.store.municipalitiesOfDistricts(['14627']);
    expect(towns!.map((t) => t.name)).toEqual(expect.arrayContaining(['Radebeul', 'Coswig']));
    expect(towns!.map((t) => t.name)).not.toContain('Elbaue');
  });

  it('answers a message sent while it was down exactly once after a restart', async () => {
    await bot.stop();
    const whileDown = await alice.send(aliceRoom, '!wer Weber');
    await startBot();
    const [first] = await alice.repliesTo(aliceRoom, whileDown);
    expect(first!.content.body).toContain('Weber');
    await bot.stop();
    await startBot();
    await new Promise((r) => setTimeout(r, 3000));
    expect(await alice.repliesTo(aliceRoom, whileDown, 2, 1000)).toHaveLength(1);
  });
});
