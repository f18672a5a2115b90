import { beforeAll, describe, expect, it } from 'vitest';
import { ChatIdentities } from '../../src/services/chat/chat-identities.js';
import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import { Minutes } from '../../src/features/minutes/minutes.js';
import { berlinDay } from '../../src/features/meetings/when.js';
import { consoleChat } from '../support/console-chat.js';
import { bearer, demoHub, gql, type TestHub } from '../support/hub.js';
import { inGerman } from '../support/told.js';
import type { HubNotice } from '../../src/services/chat/notifiers.js';

// Minutes of a running exchange meeting, taken in chat: information, decisions, action items
// with owner and due date, the minutes with the attendees, and each person's open items.

describe('minutes of an exchange meeting', () => {
  let hub: TestHub;
  let say: (who: 'kk' | 'kik' | 'volunteer', text: string) => Promise<string>;
  let kikName: string;

  beforeAll(async () => {
    hub = await demoHub();
    const people = {
      kk: 'person:demo-14627-koordinationskraft',
      kik: 'person:demo-14627-kik-1',
      volunteer: 'person:demo-14627-alliance-1-volunteer-1',
    };
    say = consoleChat(hub, people, { inGroupRoom: true });
    const identities = hub.services.identities;
    const organiser = await identities.viewerOfPerson(people.kk);
    const meeting = await hub.services.meetings.schedule(
      { title: 'Austausch Sprachkurse', when: 'in 30 Minuten', invite: [people.kik], confirmed: true },
      organiser,
    );
    await hub.services.meetings.rsvp(meeting.id, 'YES', await identities.viewerOfPerson(people.kik));
    kikName = (await hub.store.entitiesByIds([people.kik]))[0]!.name;
  });

  it('collects information, decisions and action items and lists them with the attendees', async () => {
    expect(await say('kik', '!info Die Sprachkurse starten im Januar.')).toBe('Notiert für „Austausch Sprachkurse“.');
    expect(await say('kk', '!beschluss Wir teilen uns die Dolmetscherliste.')).toBe(
      'Notiert für „Austausch Sprachkurse“.',
    );
    expect(await say('kk', `!aufgabe ${kikName.toLowerCase()} bis 15.12.: Raumliste schicken`)).toBe(
      `Aufgabe für ${kikName} bis 15.12.2026: Raumliste schicken`,
    );

    const minutes = await say('kk', '!protokoll');
    expect(minutes).toContain('Protokoll: Austausch Sprachkurse');
    expect(minutes).toMatch(/Beschlüsse:\n• Wir teilen uns die Dolmetscherliste\./);
    expect(minutes).toContain(`• Raumliste schicken (${kikName}, bis 15.12.2026)`);
    expect(minutes).toMatch(/Informationen:\n• Die Sprachkurse starten im Januar\./);
    expect(minutes).toMatch(new RegExp(`Zugesagt: .+, ${kikName}`));
    expect(minutes).toContain('Anwesend: – (noch nicht erfasst: !anwesend)');

    // Attendance is who came, not who said yes (issue 19).
    expect(await say('kik', '!anwesend')).toBe(`Anwesend in „Austausch Sprachkurse“: ${kikName}`);
    expect(await say('kik', `!anwesend Jemand Anderes`)).toMatch(/das tut, wer eingeladen hat/);
    const kkName = (await hub.store.entitiesByIds(['person:demo-14627-koordinationskraft']))[0]!.name;
    expect(await say('kk', `!anwesend ${kkName}`)).toBe(`Anwesend in „Austausch Sprachkurse“: ${kkName}`);
    expect(await say('kk', '!protokoll')).toMatch(
      new RegExp(`Anwesend: (${kikName}, ${kkName}|${kkName}, ${kikName})`),
    );

    expect(await say('kik', '!aufgaben')).toContain('15.12.2026: Raumliste schicken');
    expect(await say('kk', '!aufgaben')).toContain('Keine offenen Aufgaben.');
  });

  it('puts a question to the meeting: its people vote once each, and the result lands in the minutes (issue 19)', async () => {
    const opened = await say('kk', '!abstimmung "Gemeinsamer Flyer?" | Ja | Nein | Enthaltung');
    expect(opened).toContain('Abstimmung in „Austausch Sprachkurse“: Gemeinsamer Flyer?');
    expect(opened).toContain('1. Ja\n2. Nein\n3. Enthaltung');
    const id = /(decision:[0-9a-f]{8})/.exec(opened)![1]!;

    expect(await say('kik', `!abstimmen ${id} 2`)).toBe('Danke, Ihre Stimme zu „Gemeinsamer Flyer?“ ist gespeichert.');
    expect(await say('kik', `!abstimmen ${id} 1`), 'a new vote replaces the earlier one, and says so').toBe(
      'Ihre Stimme zu „Gemeinsamer Flyer?“ ist geändert: vorher 2, jetzt 1.',
    );
    expect(await say('kk', `!abstimmen ${id} 1`)).toContain('gespeichert');
    expect(await say('kik', `!abstimmen ${id} 7`)).toContain('zwischen 1 und 3');
    expect(await say('volunteer', `!abstimmen ${id} 2`), 'not one of the meeting').not.toContain('gespeichert');
    expect(await say('kik', '!abstimmung schließen'), 'an invitee may not end it').toContain('nicht beenden');

    expect(await say('kk', '!abstimmung schließen')).toBe(
      'Abstimmung beendet: Gemeinsamer Flyer? – Ja: 2, Nein: 0, Enthaltung: 0. Das Ergebnis steht im Protokoll von „Austausch Sprachkurse“.',
    );
    expect(await say('kik', `!abstimmen ${id} 2`)).toBe('Die Abstimmung „Gemeinsamer Flyer?“ ist beendet.');
    expect(await say('kk', '!abstimmung schließen')).toBe('In „Austausch Sprachkurse“ läuft keine Abstimmung.');
    expect(await say('kk', '!abstimmung "Nur eine Antwort?" | Ja')).toBe('Antworten: bitte 2 bis 10 Antworten angeben');

    // One left open: closing the minutes ends it with them.
    const second = /(decision:[0-9a-f]{8})/.exec(
      await say('kk', '!abstimmung Nächstes Treffen in Coswig? | Ja | Nein'),
    )![1]!;
    await say('kik', `!abstimmen ${second} 2`);
    expect(await say('kk', '!protokoll')).toMatch(
      /Abstimmungen:\n• Gemeinsamer Flyer\?: Ja 2, Nein 0, Enthaltung 0\n• Nächstes Treffen in Coswig\?: Ja 0, Nein 1 \(läuft noch\)/,
    );
    const { data } = await gql(
      hub.yoga,
      '{ myMeetings { title minutes { polls { question closedAt answers { text votes } } } } }',
      {},
      bearer(await hub.token('DISTRICT_COORDINATOR', undefined, { districtAgs: '14627' })),
    );
    const polls = data!.myMeetings.find((m: { title: string }) => m.title === 'Austausch Sprachkurse').minutes.polls;
    expect(polls[0]).toEqual({
      question: 'Gemeinsamer Flyer?',
      closedAt: expect.any(String),
      answers: [
        { text: 'Ja', votes: 2 },
        { text: 'Nein', votes: 0 },
        { text: 'Enthaltung', votes: 0 },
      ],
    });
    expect(polls[1]).toMatchObject({ question: 'Nächstes Treffen in Coswig?', closedAt: null });
  });

  it('reminds the owner of an action item on its due day, once', async () => {
    const reminded: string[] = [];
    hub.services.minutes.addNotifier({
      notify: async (personId, message) => void reminded.push(`${personId}: ${inGerman(message)}`),
    });
    await say('kk', `!aufgabe ${kikName} bis heute: Flyer drucken`);
    expect(await hub.services.minutes.remindDueTasks()).toBe(1);
    expect(await hub.services.minutes.remindDueTasks()).toBe(0);
    expect(reminded).toEqual(['person:demo-14627-kik-1: Erinnerung: Ihre Aufgabe „Flyer drucken“ ist heute fällig.']);
  });

  it('asks back for an unknown owner, an unreadable or past date, and when no meeting is running', async () => {
    expect(await say('kk', '!aufgabe Niemand Bekanntes bis 15.12.: x')).toMatch(/nicht bekannt\. Meinten Sie: /);
    expect(await say('kk', `!aufgabe ${kikName} bis gestern: x`)).toMatch(/liegt in der Vergangenheit/);
    expect(await say('kk', `!aufgabe ${kikName} bis irgendwann: x`)).toMatch(/Bis wann\?/);
    expect(await say('volunteer', '!info Hallo')).toMatch(/^Gerade läuft kein Treffen, an dem Sie teilnehmen/);
  });

  it('hands the open action items of a KIK who leaves to the successor (issue 15)', async () => {
    const successor = await hub.services.writer.addPerson({ name: 'Nina Nachfolge' }, SYSTEM);
    const [roles] = await hub.store.rolesOfPersons(['person:demo-14627-kik-1']);
    const ending = await hub.services.handover.endRole(
      { id: roles!.find((r) => r.role === 'KIK')!.id },
      successor.id,
      SYSTEM,
    );
    expect(ending.taskIds).toHaveLength(2);
    const tasksOf = (personId: string) =>
      hub.services.minutes.openTasks({
        personId,
        access: 'VOLUNTEER',
        districtAgs: null,
        personalData: false,
        roles: [],
      });
    expect(await tasksOf('person:demo-14627-kik-1')).toEqual([]);
    const open = await tasksOf(successor.id);
    expect(open.map((t) => t.text).sort()).toEqual(['Flyer drucken', 'Raumliste schicken']);
    expect(await say('kk', '!protokoll')).toContain('• Raumliste schicken (Nina Nachfolge, bis 15.12.2026)');
  });

  it('closes an action item by its number: it leaves the open list and is marked done in the minutes (issue 19)', async () => {
    // The KIK has left (the test before); the organiser takes the item.
    const kkName = (await hub.store.entitiesByIds(['person:demo-14627-koordinationskraft']))[0]!.name;
    expect(await say('kk', `!aufgabe ${kkName} bis 20.12.: Protokoll verschicken`)).toBe(
      `Aufgabe für ${kkName} bis 20.12.2026: Protokoll verschicken`,
    );
    expect(await say('kk', '!aufgaben')).toContain('1. 20.12.2026: Protokoll verschicken');
    expect(await say('kk', '!aufgabe erledigt 2')).toMatch(/ist keine Ihrer offenen Aufgaben \(1 bis 1\)/);
    expect(await say('kk', '!aufgabe erledigt 1')).toBe('Erledigt: Protokoll verschicken');
    expect(await say('kk', '!aufgaben')).toContain('Keine offenen Aufgaben.');
    expect(await say('kk', '!protokoll')).toContain(`• ✓ Protokoll verschicken (${kkName}, bis 20.12.2026)`);
    expect(await say('kk', '!aufgabe erledigt 1')).toMatch(/Sie haben keine offenen/);
  });

  it('reminds once more of an action item that is overdue, and never of one that is done (issue 19)', async () => {
    const later = new Minutes(hub.store, () => new Date(Date.now() + 40 * 86_400_000));
    const today = berlinDay(new Date()).split('-').reverse().join('.');
    const reminded: string[] = [];
    later.addNotifier({ notify: async (personId, message) => void reminded.push(inGerman(message)) });
    expect(await later.remindDueTasks()).toBe(2);
    expect(await later.remindDueTasks()).toBe(0);
    expect(reminded.sort()).toEqual([
      `Erinnerung: Ihre Aufgabe „Flyer drucken“ war am ${today} fällig und ist noch offen.`,
      'Erinnerung: Ihre Aufgabe „Raumliste schicken“ war am 15.12.2026 fällig und ist noch offen.',
    ]);
  });

  it('counts open and overdue action items per district for analysts (issue 19)', async () => {
    const analyst = bearer(await hub.token('ANALYST', 'person:demo-analyst'));
    const query = '{ analytics(districtAgs: "14627") { actionItems { districtAgs open overdue } } }';
    const { data } = await gql(hub.yoga, query, {}, analyst);
    // Two open (handed to the successor), one done, none past due yet.
    expect(data!.analytics.actionItems).toEqual([{ districtAgs: '14627', open: 2, overdue: 0 }]);
    const later = new Minutes(hub.store, () => new Date(Date.now() + 40 * 86_400_000));
    expect(await later.figures(null)).toEqual([{ districtAgs: '14627', open: 2, overdue: 2 }]);
  });

  it('keeps the minutes readable after the meeting, in chat by title and over GraphQL (issue 19)', async () => {
    expect(await say('kk', '!protokoll austausch sprachkurse')).toContain('Protokoll: Austausch Sprachkurse');
    const kk = await new ChatIdentities(hub.store).viewerOfPerson('person:demo-14627-koordinationskraft');
    const weekLater = new Minutes(hub.store, () => new Date(Date.now() + 7 * 86_400_000));
    const protocol = await weekLater.protocol(kk, undefined, 'Austausch Sprachkurse');
    expect(protocol.decisions.map((d) => d.text)).toEqual(['Wir teilen uns die Dolmetscherliste.']);
    await expect(weekLater.protocol(kk)).rejects.toMatchObject({ code: 'NO_MEETING_RUNNING' });

    const { data } = await gql(
      hub.yoga,
      '{ myMeetings { title minutes { decisions { text } actionItems { text doneAt owner { name } } present { name } } } }',
      {},
      bearer(await hub.token('DISTRICT_COORDINATOR', undefined, { districtAgs: '14627' })),
    );
    const minutes = data!.myMeetings.find((m: { title: string }) => m.title === 'Austausch Sprachkurse').minutes;
    expect(minutes.decisions).toEqual([{ text: 'Wir teilen uns die Dolmetscherliste.' }]);
    expect(
      minutes.actionItems.map((i: { text: string; doneAt: string | null }) => [i.text, i.doneAt !== null]).sort(),
    ).toEqual([
      ['Flyer drucken', false],
      ['Protokoll verschicken', true],
      ['Raumliste schicken', false],
    ]);
    const kkName = (await hub.store.entitiesByIds([kk.personId!]))[0]!.name;
    expect(minutes.present.map((p: { name: string }) => p.name).sort()).toEqual([kikName, kkName].sort());
  });

  it('sends the closed minutes to the organiser and every invitee, once (issue 19)', async () => {
    const told: { personId: string; text: string }[] = [];
    const notifier = {
      notify: async (personId: string, message: HubNotice) => void told.push({ personId, text: inGerman(message) }),
    };
    hub.services.minutes.addNotifier(notifier);
    try {
      // An invitee (the KIK, whose role has ended by now) may not close them.
      const invitee = {
        personId: 'person:demo-14627-kik-1',
        access: 'VOLUNTEER' as const,
        districtAgs: null,
        personalData: false,
        roles: [],
      };
      await expect(hub.services.minutes.close(invitee)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
      const answer = await say('kk', '!protokoll schließen');
      const sentTo = Number(/abgeschlossen und an (\d+) Personen verschickt\.$/.exec(answer)![1]);
      expect(told).toHaveLength(sentTo);
      expect(told.map((t) => t.personId)).toEqual(
        expect.arrayContaining(['person:demo-14627-kik-1', 'person:demo-14627-koordinationskraft']),
      );
      expect(told[0]!.text).toContain('Protokoll: Austausch Sprachkurse');
      expect(told[0]!.text).toContain('• Wir teilen uns die Dolmetscherliste.');
      expect(told[0]!.text).toContain('• ✓ Protokoll verschicken');
      expect(told[0]!.text, 'the open vote ended with the minutes').toContain(
        '• Nächstes Treffen in Coswig?: Ja 0, Nein 1\n',
      );
      expect(await say('kk', '!protokoll schliessen')).toBe(
        'Das Protokoll von „Austausch Sprachkurse“ ist schon verschickt.',
      );
      expect(told).toHaveLength(sentTo);
    } finally {
      hub.services.minutes.removeNotifier(notifier);
    }
  });

  it('puts what someone noted, was given to do and attended into their personal data export (issue 19)', async () => {
    const kk = await new ChatIdentities(hub.store).viewerOfPerson('person:demo-14627-koordinationskraft');
    const exported = (await hub.services.personalData.export(kk)) as {
      minutes: { text: string }[];
      attendance: { personId: string }[];
    };
    expect(exported.minutes.map((m) => m.text)).toEqual(
      expect.arrayContaining(['Wir teilen uns die Dolmetscherliste.', 'Protokoll verschicken']),
    );
    expect(exported.minutes.map((m) => m.text)).not.toContain('Die Sprachkurse starten im Januar.');
    expect(exported.attendance).toEqual([expect.objectContaining({ personId: kk.personId })]);
    expect((exported as unknown as { votes: unknown[] }).votes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ question: 'Gemeinsamer Flyer?', openedByYou: true, yourAnswer: 'Ja' }),
      ]),
    );
  });

  it('erasing a person removes what they wrote into minutes and where they were present (issue 19)', async () => {
    await hub.services.personalData.erase('person:demo-14627-kik-1', SYSTEM);
    const kk = await new ChatIdentities(hub.store).viewerOfPerson('person:demo-14627-koordinationskraft');
    const meeting = await hub.services.minutes.currentMeeting(kk);
    const minutes = await hub.services.minutes.of(meeting);
    expect(minutes.infos.map((i) => i.text)).toEqual(['–']);
    expect(minutes.decisions.map((i) => i.text)).toEqual(['Wir teilen uns die Dolmetscherliste.']);
    expect(minutes.presentIds).toEqual(['person:demo-14627-koordinationskraft']);
    // Their votes still count, but no longer say whose they were.
    const [flyer, next] = minutes.polls;
    expect(Object.values(flyer!.votes).sort()).toEqual([1, 1]);
    expect(Object.keys(flyer!.votes)).not.toContain('person:demo-14627-kik-1');
    expect(Object.keys(next!.votes)).not.toContain('person:demo-14627-kik-1');
  });
});
