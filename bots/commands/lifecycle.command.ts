import type { Viewer } from '../../src/domain/access.js';
import { InvalidInput, NotFound, type Language } from '../../src/domain/errors.js';
import { kindOfId } from '../../src/domain/ids.js';
import type { Entity, EntityKind, Person, RoleAssignment } from '../../src/domain/model.js';
import { matchName } from '../../src/domain/names.js';
import type { Directory } from '../../src/services/directory.js';
import type { HandoverResult } from '../../src/services/handover.js';
import type { UpdatableKind } from '../../src/services/inputs.js';
import { parseDay } from '../../src/services/when.js';
import { defineCommand, parsed, unparsable, type CommandDeps } from '../core/command.js';
import { reply } from '../core/reply.js';
import { asDistrictCoordination } from './district-coordination.js';
import { ROLE_LABEL } from './people.js';

// Keeping the network true from chat: ending a role (with a successor who takes the work over)
// and changing a record's fields. A Koordinationskraft acts for their district here as a district
// coordinator token would; the service checks the district.

const SUCCESSOR_WORDS = new Set(['an', 'to']);
const DATE_WORDS = new Set(['zum', 'ab', 'am', 'on', 'from']);
const COORDINATING_ROLES = ['KIK', 'KOORDINATIONSKRAFT'];

const germanDay = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
const dayIn = (day: string, language: Language) => (language === 'de' ? germanDay(day) : day);

/** A person by id or by name, forgiving the spelling; an unknown one offers the closest names. */
async function findPerson(name: string, directory: Directory): Promise<Person> {
  if (kindOfId(name) === 'Person') {
    const person = await directory.entityOfKind(name, 'Person');
    if (!person) throw new NotFound('Person', name);
    return person;
  }
  return (await findRecord(name, ['Person'], directory)) as Person;
}

async function findRecord(name: string, kinds: EntityKind[], directory: Directory): Promise<Entity> {
  if (kindOfId(name)) {
    const found = await directory.entity(name);
    if (found && kinds.includes(found.kind)) return found;
    throw new NotFound(kindOfId(name)!, name);
  }
  // The whole name, then its first word, then its first letters: enough to forgive a typo.
  const first = name.split(/\s+/)[0]!;
  const tries = [name, first, first.slice(0, 3)].map((text) => text.slice(0, 100));
  let candidates: Entity[] = [];
  for (const text of tries) {
    candidates = await directory.search(text, kinds, 50);
    if (matchName(name, candidates, (e) => e.name).match) break;
  }
  const found = matchName(name, candidates, (e) => e.name);
  if (!found.match)
    throw new NotFound(
      kinds.length === 1 ? kinds[0]! : 'Entity',
      name,
      found.suggestions.map((e) => e.name),
    );
  return found.match;
}

/** The role to end: the coordinating one, or the only one the person holds. */
function roleToEnd(person: Person, roles: RoleAssignment[]): RoleAssignment {
  const coordinating = roles.filter((r) => COORDINATING_ROLES.includes(r.role));
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

async function endRole(
  args: EndRoleArgs,
  viewer: Viewer,
  deps: CommandDeps,
): Promise<{ result: HandoverResult; leaver: Person; successor: Person | null; receiver: Person | null }> {
  const leaver = await findPerson(args.person, deps.directory);
  const successor = args.successor ? await findPerson(args.successor, deps.directory) : null;
  const until = args.day ? parseDay(args.day, new Date()) : null;
  const role = roleToEnd(leaver, await deps.directory.rolesOfPerson(leaver.id));
  const result = await deps.services.handover.endRole(
    { id: role.id, until },
    successor?.id ?? null,
    await asDistrictCoordination(viewer, deps.directory),
  );
  const receiver = result.receiverId ? await deps.directory.entityOfKind(result.receiverId, 'Person') : null;
  return { result, leaver, successor, receiver };
}

function renderEnding({ result, leaver, receiver }: Awaited<ReturnType<typeof endRole>>, language: Language) {
  const de = language === 'de';
  const role = ROLE_LABEL[result.ended.role][language];
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
  else if (COORDINATING_ROLES.includes(result.ended.role))
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
    parse: (args: string[]) => parseEndRole(args, successorRequired),
    run: (args: EndRoleArgs, context: { viewer: Viewer }, deps: CommandDeps) => endRole(args, context.viewer, deps),
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

/** Field names in chat, German and English, and how each value is read. */
const FIELDS: Record<string, { field: string; read: (value: string) => unknown; label: Record<Language, string> }> = {
  name: { field: 'name', read: (v) => v, label: { de: 'Name', en: 'name' } },
  einwohner: {
    field: 'population',
    read: (v) => Number(v.replace(/[.\s]/g, '')),
    label: { de: 'Einwohner', en: 'population' },
  },
  population: {
    field: 'population',
    read: (v) => Number(v.replace(/[,\s]/g, '')),
    label: { de: 'Einwohner', en: 'population' },
  },
  ags: { field: 'ags', read: (v) => v, label: { de: 'AGS', en: 'AGS' } },
  sprachen: {
    field: 'languages',
    read: (v) => v.split(/[,\s]+/).filter(Boolean),
    label: { de: 'Sprachen', en: 'languages' },
  },
  languages: {
    field: 'languages',
    read: (v) => v.split(/[,\s]+/).filter(Boolean),
    label: { de: 'Sprachen', en: 'languages' },
  },
  art: { field: 'institutionType', read: (v) => v.toUpperCase(), label: { de: 'Art', en: 'type' } },
  type: { field: 'institutionType', read: (v) => v.toUpperCase(), label: { de: 'Art', en: 'type' } },
  englisch: { field: 'nameEn', read: (v) => v, label: { de: 'englischer Name', en: 'English name' } },
  english: { field: 'nameEn', read: (v) => v, label: { de: 'englischer Name', en: 'English name' } },
};

const EDITABLE: UpdatableKind[] = ['Municipality', 'Alliance', 'Institution', 'Person', 'Topic'];

interface EditArgs {
  record: string;
  changes: { key: string; value: string }[];
}

/** "Radebeul Einwohner=33000 Name=Radebeul (Elbe)": the record's name, then key=value pairs; a value runs to the next pair. */
function parseEdit(args: string[]) {
  const first = args.findIndex((w) => /^[\p{L}]+=/u.test(w));
  if (first < 1) return unparsable;
  const changes: { key: string; value: string }[] = [];
  for (const word of args.slice(first)) {
    const pair = /^([\p{L}]+)=(.*)$/u.exec(word);
    if (pair) changes.push({ key: pair[1]!.toLowerCase(), value: pair[2]! });
    else changes.at(-1)!.value += ` ${word}`;
  }
  return parsed<EditArgs>({
    record: args.slice(0, first).join(' '),
    changes: changes.map((c) => ({ ...c, value: c.value.trim() })),
  });
}

export const editCommand = defineCommand({
  name: { de: 'bearbeiten', en: 'edit' },
  summary: {
    de: 'ändert Angaben einer Gemeinde, eines Bündnisses, einer Institution, Person oder eines Themas',
    en: 'changes details of a municipality, alliance, institution, person or topic',
  },
  usage: { de: '!bearbeiten <Eintrag> <Feld>=<Wert> …', en: '!edit <record> <field>=<value> …' },
  example: { de: '!bearbeiten Radebeul Einwohner=33000', en: '!edit Radebeul population=33000' },
  options: [
    {
      name: { de: 'eintrag', en: 'record' },
      description: { de: 'Name des Eintrags', en: 'name of the record' },
      required: true,
      autocomplete: 'actor',
    },
    {
      name: { de: 'änderungen', en: 'changes' },
      description: {
        de: 'Feld=Wert, z. B. Name=…, Einwohner=…, Sprachen=de,ar',
        en: 'field=value, e.g. name=…, population=…, languages=de,ar',
      },
      required: true,
      rest: true,
    },
  ],
  parse: parseEdit,
  run: async (args, context, deps) => {
    const record = await findRecord(args.record, EDITABLE, deps.directory);
    const patch: Record<string, unknown> = {};
    const labels: string[] = [];
    for (const { key, value } of args.changes) {
      const known = FIELDS[key];
      if (!known)
        throw new InvalidInput(
          key,
          `unknown field; known: ${Object.keys(FIELDS)
            .filter((k) => /^[a-z]+$/.test(k))
            .join(', ')}`,
          { field: key, problem: 'unbekanntes Feld; möglich sind Name, Einwohner, AGS, Sprachen, Art, Englisch' },
        );
      patch[known.field] = known.read(value);
      labels.push(known.label[context.language]);
    }
    const updated = await deps.services.reviser.update(
      record.kind as UpdatableKind,
      record.id,
      patch,
      null,
      await asDistrictCoordination(context.viewer, deps.directory),
    );
    return { updated, labels };
  },
  render: ({ updated, labels }, { language }) =>
    reply([
      language === 'de'
        ? `Geändert: ${updated.name} – ${labels.join(', ')} (Version ${updated.version ?? 1}).`
        : `Changed: ${updated.name} – ${labels.join(', ')} (version ${updated.version ?? 1}).`,
    ]),
});

const INTO_WORDS = new Set(['zu', 'in', 'into', 'to']);
const AND_WORDS = new Set(['+', 'und', 'and', '&']);

interface MergeArgs {
  records: string[];
  target: string;
}

/** "Radebeul + Coswig zu Radebeul-Coswig", "Anna Weber (alt) in Anna Weber". */
function parseMerge(args: string[]) {
  const at = args.findLastIndex((w, i) => i > 0 && INTO_WORDS.has(w.toLowerCase()));
  if (at < 1 || at === args.length - 1) return unparsable;
  const records: string[][] = [[]];
  for (const word of args.slice(0, at)) {
    if (AND_WORDS.has(word.toLowerCase())) records.push([]);
    else records.at(-1)!.push(word);
  }
  if (records.some((r) => r.length === 0)) return unparsable;
  return parsed<MergeArgs>({ records: records.map((r) => r.join(' ')), target: args.slice(at + 1).join(' ') });
}

const sameName = (a: string, b: string) =>
  a.normalize('NFC').toLocaleLowerCase('de').trim() === b.normalize('NFC').toLocaleLowerCase('de').trim();

export const mergeCommand = defineCommand({
  name: { de: 'zusammenführen', en: 'merge' },
  summary: {
    de: 'führt Gemeinden (Gemeindefusion) oder doppelte Einträge zusammen; die alten bleiben in der Geschichte',
    en: 'merges municipalities or duplicate records; the old ones stay in the history',
  },
  usage: { de: '!zusammenführen <Eintrag> + <Eintrag> … zu <Ziel>', en: '!merge <record> + <record> … into <target>' },
  example: {
    de: '!zusammenführen Radebeul + Coswig zu Radebeul-Coswig',
    en: '!merge Radebeul + Coswig into Radebeul-Coswig',
  },
  options: [
    {
      name: { de: 'einträge', en: 'records' },
      description: { de: 'mit + getrennt', en: 'separated by +' },
      required: true,
      autocomplete: 'actor',
    },
    {
      name: { de: 'ziel', en: 'target' },
      description: {
        de: 'bleibender Eintrag oder Name der neuen Gemeinde',
        en: "the record that remains, or the new municipality's name",
      },
      required: true,
      keyword: { de: 'zu', en: 'into' },
    },
  ],
  parse: parseMerge,
  run: async (args, context, deps) => {
    const viewer = await asDistrictCoordination(context.viewer, deps.directory);
    const records = await Promise.all(
      args.records.map((name) =>
        findRecord(name, ['Municipality', 'Person', 'Alliance', 'Institution'], deps.directory),
      ),
    );
    if (records.every((r) => r.kind === 'Municipality')) {
      const listed = records.find((r) => sameName(r.name, args.target));
      const existing =
        listed ??
        (await deps.directory.search(args.target.slice(0, 100), ['Municipality'], 5)).find((m) =>
          sameName(m.name, args.target),
        );
      return deps.services.merger.mergeMunicipalities(
        records.map((r) => r.id),
        existing ? { id: existing.id } : { name: args.target },
        viewer,
      );
    }
    const survivor =
      records.find((r) => sameName(r.name, args.target)) ??
      (await findRecord(args.target, [records[0]!.kind], deps.directory));
    return deps.services.merger.mergeRecords(
      survivor.id,
      records.map((r) => r.id),
      viewer,
    );
  },
  render: (result, { language }) =>
    reply([
      language === 'de'
        ? `Zusammengeführt in ${result.survivor.name}: ${result.merged.map((m) => m.name).join(', ')} (${result.movedLinks} Verbindung(en), ${result.movedRoles} Rolle(n) übernommen; die alten Einträge bleiben in der Geschichte).`
        : `Merged into ${result.survivor.name}: ${result.merged.map((m) => m.name).join(', ')} (${result.movedLinks} link(s), ${result.movedRoles} role(s) moved; the old records stay in the history).`,
    ]),
});
