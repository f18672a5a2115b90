import type { Viewer } from '../../src/services/access/domain/access.js';
import { InvalidInput, type Language } from '../../src/domain/errors.js';
import { isCoordinatingRole, type Person, type RoleAssignment } from '../../src/domain/model.js';
import type { HandoverResult } from '../../src/services/lifecycle/handover.js';
import { parseDay } from '../../src/features/meetings/when.js';
import { defineCommand, parsed, unparsable, type CommandDeps } from '../core/command.js';
import { reply } from '../core/reply.js';
import { asDistrictCoordination } from './district-coordination.js';
import { findPerson } from './records.js';
import { ROLE_LABEL } from './people.js';

// Ending a role from chat (a KIK leaves): !rolle-beenden and !übergabe, with a successor who takes
// the work over. A Koordinationskraft acts for their district here as a district coordinator token
// would; the service checks the district.

const SUCCESSOR_WORDS = new Set(['an', 'to']);
/** "an neu Lena Hoffmann": a successor not yet in the network, added in the same step. */
const NEW_WORDS = new Set(['neu', 'new']);
const DATE_WORDS = new Set(['zum', 'ab', 'am', 'on', 'from']);

const germanDay = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
const dayIn = (day: string, language: Language) => (language === 'de' ? germanDay(day) : day);

/** The role to end: the coordinating one, or the only one the person holds. */
function roleToEnd(person: Person, roles: RoleAssignment[]): RoleAssignment {
  const coordinating = roles.filter((r) => isCoordinatingRole(r.role));
  if (coordinating.length === 1) return coordinating[0]!;
  if (roles.length === 1) return roles[0]!;
  if (roles.length === 0)
    throw new InvalidInput('person', `${person.name} holds no role`, {
      field: 'Person',
      problem: `${person.name} hat keine Rolle`,
    });
  throw new InvalidInput('person', `${person.name} holds several roles; end one over GraphQL (endRole) by its id`, {
    field: 'Person',
    problem: `${person.name} hat mehrere Rollen (${roles.map((r) => ROLE_LABEL[r.role].de).join(', ')}); bitte über GraphQL (endRole) mit der Rollen-ID beenden`,
  });
}

interface EndRoleArgs {
  person: string;
  successor: string | null;
  day: string | null;
}

function parseEndRole(args: string[], successorRequired: boolean) {
  const dateAt = args.findLastIndex((w) => DATE_WORDS.has(w.toLowerCase()));
  const dayWords = dateAt > 0 ? args.slice(dateAt + 1) : [];
  const rest = dateAt > 0 ? args.slice(0, dateAt) : args;
  const successorAt = rest.findIndex((w, i) => i > 0 && SUCCESSOR_WORDS.has(w.toLowerCase()));
  const person = (successorAt > 0 ? rest.slice(0, successorAt) : rest).join(' ');
  const successor = successorAt > 0 ? rest.slice(successorAt + 1).join(' ') : null;
  if (!person || (successorRequired && !successor) || (dateAt > 0 && dayWords.length === 0)) return unparsable;
  return parsed<EndRoleArgs>({
    person,
    successor: successor || null,
    day: dayWords.length ? dayWords.join(' ') : null,
  });
}

/** The people and role the words name, and the day: the same for the preview and the change. */
async function resolve(args: EndRoleArgs, deps: CommandDeps<'handover'>) {
  const leaver = await findPerson(args.person, deps.directory);
  const words = args.successor?.split(/\s+/) ?? [];
  const newSuccessor = words.length > 1 && NEW_WORDS.has(words[0]!.toLowerCase()) ? words.slice(1).join(' ') : null;
  const successor = args.successor && !newSuccessor ? await findPerson(args.successor, deps.directory) : null;
  const until = args.day ? parseDay(args.day, new Date()) : null;
  const role = roleToEnd(leaver, await deps.directory.rolesOfPerson(leaver.id));
  return { leaver, successor, newSuccessor, until, role };
}

/** What ending the role would do, in the asker's language: shown before anything happens. */
async function previewEnding(args: EndRoleArgs, viewer: Viewer, deps: CommandDeps<'handover'>, language: Language) {
  const { leaver, successor, newSuccessor, until, role } = await resolve(args, deps);
  const preview = await deps.services.handover.preview(
    { id: role.id, until },
    successor?.id ?? null,
    await asDistrictCoordination(viewer, deps.directory),
  );
  const receiver = newSuccessor
    ? { name: newSuccessor }
    : preview.receiverId
      ? await deps.directory.entityOfKind(preview.receiverId, 'Person')
      : null;
  const told = [
    ...(await Promise.all(preview.told.map((id) => deps.directory.entityOfKind(id, 'Person')))).flatMap((p) =>
      p && (!newSuccessor || p.id === leaver.id) ? [p.name] : [],
    ),
    ...(newSuccessor ? [newSuccessor] : []),
  ];
  const de = language === 'de';
  const name = ROLE_LABEL[role.role][language];
  const on = dayIn(preview.until, language);
  const { requests, meetings, tasks } = preview.work;
  return reply([
    de
      ? `Vorschau: Die Rolle ${name} von ${leaver.name} ${preview.scheduled ? 'wird geplant zum' : 'endet zum'} ${on}.`
      : `Preview: ${leaver.name}'s role as ${name} ${preview.scheduled ? 'is scheduled to end on' : 'ends on'} ${on}.`,
    ...(newSuccessor
      ? [
          de
            ? `${newSuccessor} ist noch nicht im Netzwerk und wird neu angelegt.`
            : `${newSuccessor} is not in the network yet and will be added.`,
        ]
      : []),
    receiver
      ? de
        ? `${receiver.name} übernimmt${successor || newSuccessor ? ' die Rolle und' : ''}: ${requests} offene Anfrage(n), ${meetings} Treffen, ${tasks} offene Aufgabe(n).`
        : `${receiver.name} takes over${successor || newSuccessor ? ' the role and' : ''}: ${requests} open request(s), ${meetings} meeting(s), ${tasks} open action item(s).`
      : de
        ? 'Niemand übernimmt offene Arbeit.'
        : 'Nobody takes open work over.',
    de ? `Informiert werden: ${told.join(', ')}.` : `Told: ${told.join(', ')}.`,
  ]);
}

async function endRole(
  args: EndRoleArgs,
  viewer: Viewer,
  deps: CommandDeps<'handover'>,
): Promise<{ result: HandoverResult; leaver: Person; successor: Person | null; receiver: Person | null }> {
  const { leaver, successor, newSuccessor, until, role } = await resolve(args, deps);
  const actor = await asDistrictCoordination(viewer, deps.directory);
  const result = newSuccessor
    ? await deps.services.handover.endRoleWithNewSuccessor({ id: role.id, until }, { name: newSuccessor }, actor)
    : await deps.services.handover.endRole({ id: role.id, until }, successor?.id ?? null, actor);
  const receiver = result.receiverId ? await deps.directory.entityOfKind(result.receiverId, 'Person') : null;
  const added = newSuccessor ? await deps.directory.entityOfKind(result.receiverId ?? '', 'Person') : null;
  return { result, leaver, successor: successor ?? added, receiver };
}

function renderEnding({ result, leaver, receiver }: Awaited<ReturnType<typeof endRole>>, language: Language) {
  const de = language === 'de';
  const role = ROLE_LABEL[result.ended.role][language];
  if (result.scheduled) {
    const on = dayIn(result.until, language);
    return reply([
      de
        ? `Geplant: Die Rolle ${role} von ${leaver.name} endet zum ${on}.`
        : `Scheduled: ${leaver.name}'s role as ${role} ends on ${on}.`,
      receiver
        ? de
          ? `${receiver.name} übernimmt an diesem Tag die offene Arbeit${result.scheduled.successorId ? ' und die Rolle' : ''}.`
          : `${receiver.name} takes the open work${result.scheduled.successorId ? ' and the role' : ''} over on that day.`
        : de
          ? 'Für die offene Arbeit ist noch niemand da; bitte bis dahin eine Nachfolge eintragen.'
          : 'Nobody is there yet to take the open work; please name a successor before that day.',
      de
        ? `Bis dahin ändert sich nichts. ${result.scheduled.successorId && receiver ? `${leaver.name} und ${receiver.name} sind` : `${leaver.name} ist`} informiert; zurücknehmen mit !geplant.`
        : `Until then nothing changes. ${result.scheduled.successorId && receiver ? `${leaver.name} and ${receiver.name} have` : `${leaver.name} has`} been told; take it back with !scheduled.`,
    ]);
  }
  const lines = [
    de
      ? `Die Rolle ${role} von ${leaver.name} endet zum ${germanDay(result.until)}.`
      : `${leaver.name}'s role as ${role} ends on ${dayIn(result.until, language)}.`,
  ];
  if (result.successor && receiver)
    lines.push(
      de
        ? `${receiver.name} übernimmt die Rolle ab diesem Tag${result.takenOver.length ? ` und ${result.takenOver.length} betreute Gemeinde(n)` : ''}.`
        : `${receiver.name} holds the role from that day${result.takenOver.length ? ` and serves ${result.takenOver.length} municipality(ies)` : ''}.`,
    );
  if (receiver)
    lines.push(
      de
        ? `Übergeben an ${receiver.name}: ${result.requestIds.length} offene Anfrage(n), ${result.meetingIds.length} Treffen, ${result.taskIds.length} offene Aufgabe(n); alle Beteiligten sind informiert.`
        : `Handed over to ${receiver.name}: ${result.requestIds.length} open request(s), ${result.meetingIds.length} meeting(s), ${result.taskIds.length} open action item(s); everyone involved has been told.`,
    );
  else if (isCoordinatingRole(result.ended.role))
    lines.push(
      de
        ? 'Niemand konnte die offene Arbeit übernehmen; bitte eine Nachfolge eintragen.'
        : 'Nobody could take the open work over; please name a successor.',
    );
  return reply(lines);
}

/** What !rolle-beenden and !übergabe share: their words, and ending the role with its handover. */
function endingCommand(successorRequired: boolean) {
  return {
    options: [
      {
        name: { de: 'person', en: 'person' },
        description: { de: 'wessen Rolle endet', en: 'whose role ends' },
        required: true,
        autocomplete: 'person' as const,
      },
      {
        name: { de: 'nachfolge', en: 'successor' },
        description: { de: 'wer übernimmt', en: 'who takes over' },
        required: successorRequired,
        keyword: { de: 'an', en: 'to' },
        autocomplete: 'person' as const,
      },
      {
        name: { de: 'datum', en: 'date' },
        description: {
          de: 'erster Tag ohne die Rolle (Standard: heute)',
          en: 'first day without the role (default: today)',
        },
        required: false,
        keyword: { de: 'zum', en: 'on' },
      },
    ],
    uses: ['handover'] as const,
    parse: (args: string[]) => parseEndRole(args, successorRequired),
    preview: (args: EndRoleArgs, context: { viewer: Viewer; language: Language }, deps: CommandDeps<'handover'>) =>
      previewEnding(args, context.viewer, deps, context.language),
    run: (args: EndRoleArgs, context: { viewer: Viewer }, deps: CommandDeps<'handover'>) =>
      endRole(args, context.viewer, deps),
    render: (result: Awaited<ReturnType<typeof endRole>>, { language }: { language: Language }) =>
      renderEnding(result, language),
  };
}

export const endRoleCommand = defineCommand({
  name: { de: 'rolle-beenden', en: 'end-role' },
  summary: {
    de: 'beendet eine Rolle (z. B. wenn eine KIK geht); mit Nachfolge übernimmt diese die offene Arbeit',
    en: 'ends a role (e.g. when a KIK leaves); a successor takes the open work over',
  },
  usage: {
    de: '!rolle-beenden <Person> [an <Nachfolge>] [zum <Datum>]',
    en: '!end-role <person> [to <successor>] [on <date>]',
  },
  example: {
    de: '!rolle-beenden Anna Weber an Mira Hoffmann zum 30.11.2026',
    en: '!end-role Anna Weber to Mira Hoffmann on 30.11.2026',
  },
  ...endingCommand(false),
});

export const handoverCommand = defineCommand({
  name: { de: 'übergabe', en: 'handover' },
  summary: {
    de: 'übergibt Rolle und offene Arbeit einer Person an die Nachfolge',
    en: "hands a person's role and open work to their successor",
  },
  usage: { de: '!übergabe <Person> an <Nachfolge> [zum <Datum>]', en: '!handover <person> to <successor> [on <date>]' },
  example: { de: '!übergabe Anna Weber an Mira Hoffmann', en: '!handover Anna Weber to Mira Hoffmann' },
  ...endingCommand(true),
});
