import type { Language } from '../../domain/errors.js';
import type { MinutesItem } from './domain/minutes.js';
import { decisionResult, meetingDetails } from '../../../bots/core/meeting-lines.js';
import { formatWhen } from '../meetings/when.js';
import {
  defineCommand,
  parsed,
  unparsable,
  type Command,
  type CommandDeps,
  type Parsed,
} from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';

// Minutes during an exchange meeting: `!info`, `!beschluss`, `!aufgabe <Person> bis <Datum>: <Text>`
// note to the meeting running now; `!protokoll` lists it all with the attendees; `!aufgaben`
// shows my open action items.

const saved = { de: 'Notiert für', en: 'Noted for' };
const dayOf = (day: string, language: Language) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB', {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  });

function noteCommand(
  kind: 'INFO' | 'DECISION',
  name: { de: string; en: string },
  summary: { de: string; en: string },
): Command {
  return defineCommand({
    name,
    summary,
    usage: { de: `!${name.de} <Text>`, en: `!${name.en} <text>` },
    example: {
      de: `!${name.de} ${kind === 'INFO' ? 'Die Sprachkurse starten im Januar.' : 'Wir teilen uns die Dolmetscherliste.'}`,
      en: `!${name.en} ${kind === 'INFO' ? 'Language classes start in January.' : 'We share the interpreter list.'}`,
    },
    options: [
      {
        name: { de: 'text', en: 'text' },
        description: { de: 'was festgehalten wird', en: 'what to note' },
        required: true,
        rest: true,
      },
    ],
    uses: ['meetings', 'minutes'],
    parse: (args) => (args.length === 0 ? unparsable : parsed(args.join(' '))),
    run: async (text, context, deps) => {
      const item = await deps.services.minutes.note(context.viewer, kind, text, context.meetingRoom);
      return { item, meeting: await deps.services.meetings.byId(item.meetingId) };
    },
    render: ({ meeting }, { language }) => reply([`${saved[language]} „${meeting!.title}“.`]),
  });
}

export const infoCommand = noteCommand(
  'INFO',
  { de: 'info', en: 'note' },
  {
    de: 'eine Information ins Protokoll des laufenden Treffens',
    en: 'a piece of information into the running meeting’s minutes',
  },
);
export const decisionCommand = noteCommand(
  'DECISION',
  { de: 'beschluss', en: 'decision' },
  { de: 'einen Beschluss ins Protokoll', en: 'a decision into the minutes' },
);

type TaskArgs =
  | { done: number }
  | { reassign: number; to: string }
  | { move: number; due: string }
  | { owner: string; due: string; text: string };
type Given = { item: MinutesItem; ownerName: string };
type TaskResult = { done: MinutesItem } | { reassigned: Given } | { moved: MinutesItem } | Given;

export const taskCommand = defineCommand({
  name: { de: 'aufgabe', en: 'task' },
  summary: {
    de: 'eine Aufgabe mit Person und Frist ins Protokoll',
    en: 'an action item with owner and due date into the minutes',
  },
  usage: {
    de: '!aufgabe <Person> bis <Datum>: <Text> · !aufgabe erledigt <Nr.> · !aufgabe übertragen <Nr.> <Person> · !aufgabe frist <Nr.> <Datum>',
    en: '!task <person> by <date>: <text> · !task done <no.> · !task reassign <no.> <person> · !task due <no.> <date>',
  },
  example: {
    de: '!aufgabe Yusuf Werner bis 15.12.: Raumliste schicken',
    en: '!task Yusuf Werner by 15.12.: send the room list',
  },
  options: [
    {
      name: { de: 'aufgabe', en: 'task' },
      description: { de: '<Person> bis <Datum>: <Text>', en: '<person> by <date>: <text>' },
      required: true,
      rest: true,
    },
  ],
  uses: ['meetings', 'minutes'],
  parse: (args): Parsed<TaskArgs> => {
    const line = args.join(' ');
    const done = /^(?:erledigt|done)\s+(\d{1,4})$/i.exec(line);
    if (done) return parsed({ done: Number(done[1]) });
    const reassign = /^(?:übertragen|uebertragen|reassign)\s+(\d{1,4})\s+(.+)$/i.exec(line);
    if (reassign) return parsed({ reassign: Number(reassign[1]), to: reassign[2]! });
    const move = /^(?:frist|due)\s+(\d{1,4})\s+(.+)$/i.exec(line);
    if (move) return parsed({ move: Number(move[1]), due: move[2]! });
    const match = /^(.+?)\s+(?:bis|by)\s+(.+?):\s*(.+)$/s.exec(args.join(' '));
    return match ? parsed({ owner: match[1]!, due: match[2]!, text: match[3]! }) : unparsable;
  },
  run: async (args, context, deps): Promise<TaskResult> => {
    if ('done' in args) return { done: await deps.services.minutes.completeTask(context.viewer, args.done) };
    if ('reassign' in args)
      return {
        reassigned: await deps.services.minutes.reassignTask(
          context.viewer,
          args.reassign,
          await ownerName(args.to, deps),
        ),
      };
    if ('move' in args) return { moved: await deps.services.minutes.moveTaskDue(context.viewer, args.move, args.due) };
    return deps.services.minutes.task(
      context.viewer,
      await ownerName(args.owner, deps),
      args.due,
      args.text,
      context.meetingRoom,
    );
  },
  render: (result, { language }) => {
    const de = language === 'de';
    if ('done' in result) return reply([de ? `Erledigt: ${result.done.text}` : `Done: ${result.done.text}`]);
    if ('reassigned' in result) {
      const { item, ownerName } = result.reassigned;
      return reply([de ? `Übertragen an ${ownerName}: ${item.text}` : `Handed to ${ownerName}: ${item.text}`]);
    }
    if ('moved' in result)
      return reply([
        de
          ? `Neue Frist ${dayOf(result.moved.due!, language)}: ${result.moved.text}`
          : `New due date ${dayOf(result.moved.due!, language)}: ${result.moved.text}`,
      ]);
    const { item, ownerName } = result;
    return reply([
      language === 'de'
        ? `Aufgabe für ${ownerName} bis ${dayOf(item.due!, language)}: ${item.text}`
        : `Action item for ${ownerName}, due ${dayOf(item.due!, language)}: ${item.text}`,
    ]);
  },
});

/** "@kik:example.org" (a Matrix mention) names the person linked to that account; "@Name" the name. */
async function ownerName(owner: string, deps: CommandDeps<'meetings' | 'minutes'>): Promise<string> {
  if (!/^@[^\s:]+:\S+$/.test(owner)) return owner.replace(/^@/, '');
  const personId = (await deps.identities.viewerFor({ transport: 'matrix', userId: owner })).personId;
  const person = personId ? await deps.directory.entity(personId) : null;
  return person?.name ?? owner;
}

export const protocolCommand = defineCommand({
  name: { de: 'protokoll', en: 'minutes' },
  summary: {
    de: 'das Protokoll des laufenden oder eines vergangenen Treffens: Beschlüsse, Aufgaben, Informationen, Anwesende',
    en: 'the minutes of the running or a past meeting: decisions, action items, information, who was present',
  },
  usage: { de: '!protokoll [Treffen | schließen]', en: '!minutes [meeting | close]' },
  example: { de: '!protokoll Austausch Sprachkurse', en: '!minutes language course exchange' },
  options: [
    {
      name: { de: 'treffen', en: 'meeting' },
      description: {
        de: 'ein vergangenes Treffen (Titel); ohne: das laufende',
        en: 'a past meeting (its title); without: the running one',
      },
      required: false,
      rest: true,
    },
  ],
  uses: ['meetings', 'minutes'],
  parse: (args) => parsed(args.join(' ').trim() || null),
  run: async (title, context, deps) => {
    if (title && /^(schlie(ß|ss)en|close)$/i.test(title))
      return { kind: 'closed' as const, ...(await deps.services.minutes.close(context.viewer, context.meetingRoom)) };
    const protocol = await deps.services.minutes.protocol(context.viewer, context.meetingRoom, title ?? undefined);
    const ids = [...protocol.presentIds, ...protocol.acceptedIds, ...protocol.tasks.map((t) => t.ownerId!)];
    const names = new Map(
      (await Promise.all(ids.map((id) => deps.directory.entity(id))))
        .filter((e) => e !== null)
        .map((e) => [e!.id, e!.name]),
    );
    const link = deps.services.minutes.printLink(protocol.meeting.id, context.viewer.personId);
    return { kind: 'protocol' as const, protocol, names, link };
  },
  render: (result, { language }) => {
    const de = language === 'de';
    if (result.kind === 'closed') {
      const { meeting, sentTo } = result;
      if (sentTo === 0)
        return reply([
          de
            ? `Das Protokoll von „${meeting.title}“ ist schon verschickt.`
            : `The minutes of "${meeting.title}" went out already.`,
        ]);
      return reply([
        de
          ? `Protokoll von „${meeting.title}“ abgeschlossen und an ${sentTo} Personen verschickt.`
          : `Minutes of "${meeting.title}" closed and sent to ${sentTo} people.`,
      ]);
    }
    const { protocol, names, link } = result;
    const list = (items: MinutesItem[], line: (i: MinutesItem) => string) =>
      items.length ? items.map((i) => `• ${line(i)}`) : ['–'];
    const meeting = protocol.meeting;
    return reply(
      [
        `${de ? 'Termin' : 'Date'}: ${formatWhen(new Date(meeting.startsAt), language)}${meeting.state === 'CANCELLED' ? (de ? ' (abgesagt)' : ' (cancelled)') : ''}`,
        ...meetingDetails(meeting, language),
        ...(link ? [`${de ? 'Zum Drucken' : 'Printable'}: ${link}`] : []),
        de ? 'Beschlüsse:' : 'Decisions:',
        ...list(protocol.decisions, (i) => i.text),
        de ? 'Aufgaben:' : 'Action items:',
        ...list(
          protocol.tasks,
          (i) =>
            `${i.doneAt ? '✓ ' : ''}${i.text} (${names.get(i.ownerId!) ?? i.ownerId}, ${de ? 'bis' : 'due'} ${dayOf(i.due!, language)})`,
        ),
        ...(protocol.polls.length
          ? [de ? 'Abstimmungen:' : 'Votes:', ...protocol.polls.map((p) => `• ${decisionResult(p, de)}`)]
          : []),
        de ? 'Informationen:' : 'Information:',
        ...list(protocol.infos, (i) => i.text),
        `${de ? 'Anwesend' : 'Present'}: ${
          protocol.presentIds.map((id) => names.get(id) ?? id).join(', ') ||
          (de ? '– (noch nicht erfasst: !anwesend)' : '– (not taken yet: !present)')
        }`,
        `${de ? 'Zugesagt' : 'Accepted'}: ${protocol.acceptedIds.map((id) => names.get(id) ?? id).join(', ')}`,
      ],
      { title: `${de ? 'Protokoll' : 'Minutes'}: ${protocol.meeting.title}` },
    );
  },
});

export const presentCommand = defineCommand({
  name: { de: 'anwesend', en: 'present' },
  summary: {
    de: 'sich im laufenden Treffen als anwesend eintragen (wer eingeladen hat, auch andere)',
    en: 'mark yourself present in the running meeting (the organiser marks others too)',
  },
  usage: { de: '!anwesend [Name, Name …]', en: '!present [name, name …]' },
  example: { de: '!anwesend', en: '!present' },
  options: [
    {
      name: { de: 'namen', en: 'names' },
      description: { de: 'wer da ist, durch Kommas getrennt', en: 'who is there, separated by commas' },
      required: false,
      rest: true,
    },
  ],
  uses: ['meetings', 'minutes'],
  parse: (args) =>
    parsed(
      args
        .join(' ')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  run: (names, context, deps) => deps.services.minutes.markPresent(context.viewer, names, context.meetingRoom),
  render: ({ meeting, marked }, { language }) =>
    reply([
      language === 'de'
        ? `Anwesend in „${meeting.title}“: ${marked.map((m) => m.name).join(', ')}`
        : `Present in "${meeting.title}": ${marked.map((m) => m.name).join(', ')}`,
    ]),
});

export const tasksCommand = defineCommand({
  name: { de: 'aufgaben', en: 'tasks' },
  summary: { de: 'Ihre offenen Aufgaben aus Treffen', en: 'your open action items from meetings' },
  usage: { de: '!aufgaben', en: '!tasks' },
  example: { de: '!aufgaben', en: '!tasks' },
  uses: ['meetings', 'minutes'],
  replaySafe: true,
  parse: () => parsed(null),
  run: (_a, context, deps) => deps.services.minutes.openTasks(context.viewer),
  render: (tasks, { language }) =>
    reply(
      tasks.length
        ? [
            ...tasks.map((t, i) => `${i + 1}. ${dayOf(t.due!, language)}: ${t.text}`),
            language === 'de' ? 'Erledigt? !aufgabe erledigt <Nr.>' : 'Done? !task done <no.>',
          ]
        : [language === 'de' ? 'Keine offenen Aufgaben.' : 'No open action items.'],
      { title: language === 'de' ? 'Ihre Aufgaben' : 'Your action items' },
    ),
});
