import { languageName } from '../../domain/languages.js';
import type { Viewer } from '../../services/access/domain/access.js';
import { InvalidInput, type Language } from '../../domain/errors.js';
import type { Entity } from '../../domain/model.js';
import { matchName } from '../../domain/names.js';
import type { ChangeProposal, ProposedChange } from './domain/proposals.js';
import type { Directory } from '../../services/reads/directory.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import { asDistrictCoordination } from '../../../bots/commands/district-coordination.js';

// Members keep their own entries current (!ändern), the Koordinationskraft of their district
// reviews (!vorschläge, with annehmen/ablehnen).

type ProposeArgs =
  | { kind: 'fields'; pairs: { key: string; value: string }[] }
  | { kind: 'leave' | 'join' | 'link'; name: string }
  | { kind: 'confirm' };

const CONFIRM_WORDS = new Set(['bestätigt', 'bestätigen', 'stimmt', 'confirm', 'confirmed']);

const FIELD_KEYS: Record<string, 'name' | 'languages'> = {
  name: 'name',
  sprachen: 'languages',
  languages: 'languages',
};
const ACTIONS: Record<string, 'leave' | 'join' | 'link'> = {
  austritt: 'leave',
  leave: 'leave',
  mitmachen: 'join',
  join: 'join',
  verbindung: 'link',
  link: 'link',
};

function parsePropose(args: string[]) {
  if (args.length === 1 && CONFIRM_WORDS.has(args[0]!.toLowerCase())) return parsed<ProposeArgs>({ kind: 'confirm' });
  const action = ACTIONS[args[0]?.toLowerCase() ?? ''];
  if (action)
    return args.length > 1 ? parsed<ProposeArgs>({ kind: action, name: args.slice(1).join(' ') }) : unparsable;
  const pairs: { key: string; value: string }[] = [];
  for (const word of args) {
    const pair = /^([\p{L}]+)=(.*)$/u.exec(word);
    if (pair) pairs.push({ key: pair[1]!.toLowerCase(), value: pair[2]! });
    else if (pairs.length) pairs.at(-1)!.value += ` ${word}`;
    else return unparsable;
  }
  return pairs.length ? parsed<ProposeArgs>({ kind: 'fields', pairs }) : unparsable;
}

async function named(name: string, kinds: Entity['kind'][], directory: Directory): Promise<Entity> {
  const found = matchName(name, await directory.search(name.split(/\s+/)[0]!.slice(0, 100), kinds, 50), (e) => e.name);
  if (!found.match)
    throw new InvalidInput('name', `"${name}" is not known`, {
      field: 'Name',
      problem: `„${name}“ ist nicht bekannt${found.suggestions.length ? `; meinten Sie ${found.suggestions.map((e) => e.name).join(', ')}?` : ''}`,
    });
  return found.match;
}

async function changeOf(
  args: Exclude<ProposeArgs, { kind: 'confirm' }>,
  viewer: Viewer,
  directory: Directory,
): Promise<ProposedChange> {
  if (args.kind === 'fields') {
    const fields: { name?: string; languages?: string[] } = {};
    for (const { key, value } of args.pairs) {
      const field = FIELD_KEYS[key];
      if (!field)
        throw new InvalidInput(key, 'unknown field; known: name, languages', {
          field: key,
          problem: 'unbekanntes Feld; möglich sind Name und Sprachen',
        });
      if (field === 'name') fields.name = value.trim();
      else fields.languages = value.split(/[,\s]+/).filter(Boolean);
    }
    return { kind: 'updateSelf', fields };
  }
  if (args.kind === 'leave') {
    const alliance = await named(args.name, ['Alliance', 'Institution'], directory);
    const role = (await directory.rolesOfPerson(viewer.personId!)).find((r) => r.scopeId === alliance.id);
    if (!role)
      throw new InvalidInput('name', `you hold no role in ${alliance.name}`, {
        field: 'Name',
        problem: `Sie haben keine Rolle in ${alliance.name}`,
      });
    return { kind: 'endRole', roleId: role.id };
  }
  const target = await named(
    args.name,
    args.kind === 'join' ? ['Alliance'] : ['Person', 'Alliance', 'Institution', 'Municipality'],
    directory,
  );
  return args.kind === 'join'
    ? { kind: 'joinAlliance', allianceId: target.id }
    : { kind: 'addLink', type: 'COOPERATES_WITH', toId: target.id, note: null };
}

export const proposeCommand = defineCommand({
  name: { de: 'ändern', en: 'propose' },
  summary: {
    de: 'schlägt eine Änderung am eigenen Eintrag vor; die Kreiskoordination bestätigt sie',
    en: 'proposes a change to your own entry; the district coordination confirms it',
  },
  usage: {
    de: '!ändern Name=… | Sprachen=de,ar | austritt <Bündnis> | mitmachen <Bündnis> | verbindung <Name> | bestätigt',
    en: '!propose name=… | languages=de,ar | leave <alliance> | join <alliance> | link <name> | confirm',
  },
  example: { de: '!ändern Sprachen=de,ar', en: '!propose languages=de,ar' },
  options: [
    {
      name: { de: 'änderung', en: 'change' },
      description: {
        de: 'z. B. Sprachen=de,ar oder mitmachen Willkommensbündnis',
        en: 'e.g. languages=de,ar or join Welcome alliance',
      },
      required: true,
      rest: true,
    },
  ],
  uses: ['proposals', 'reviser'],
  parse: parsePropose,
  run: async (args, context, deps) => {
    // "bestätigt": the entry is still right; that needs no review.
    if (args.kind === 'confirm') return { confirmed: await deps.services.reviser.confirmOwn(context.viewer) };
    return {
      proposal: await deps.services.proposals.propose(
        await changeOf(args, context.viewer, deps.directory),
        null,
        context.viewer,
      ),
    };
  },
  render: (result, { language }) => {
    const de = language === 'de';
    if ('confirmed' in result)
      return reply([de ? 'Danke, Ihr Eintrag gilt als geprüft.' : 'Thank you, your entry counts as checked.']);
    return reply([
      de
        ? 'Ihr Vorschlag liegt der Kreiskoordination vor; Sie erfahren, wie entschieden wurde.'
        : 'Your proposal is with the district coordination; you will be told the decision.',
    ]);
  },
});

type ReviewArgs = { kind: 'list' } | { kind: 'decide'; accept: boolean; id: string; reason: string | null };

const proposalId = (word: string) => (word.startsWith('proposal:') ? word : `proposal:${word}`);

/** A proposer's record as it is, to show a proposed change of it as before → after. */
type Current = { name: string; languages: readonly string[] } | undefined;

const languageWords = (codes: readonly string[], language: Language) =>
  codes.length ? codes.map((code) => languageName(code, language)).join(', ') : '–';

function describeProposal(
  p: ChangeProposal,
  number: number,
  names: Map<string, string>,
  current: Current,
  language: Language,
): string {
  const who = names.get(p.proposerId) ?? (language === 'de' ? 'jemand' : 'someone');
  const de = language === 'de';
  const c = p.change;
  const what =
    c.kind === 'updateSelf'
      ? [
          ...(c.fields.name !== undefined
            ? [`${de ? 'Name' : 'name'}: ${current?.name ?? '–'} → ${c.fields.name}`]
            : []),
          ...(c.fields.languages !== undefined
            ? [
                `${de ? 'Sprachen' : 'languages'}: ${languageWords(current?.languages ?? [], language)} → ${languageWords(c.fields.languages, language)}`,
              ]
            : []),
        ].join('; ')
      : c.kind === 'endRole'
        ? de
          ? 'Rolle beenden'
          : 'end a role'
        : c.kind === 'joinAlliance'
          ? `${de ? 'mitmachen in' : 'join'} ${names.get(c.allianceId) ?? c.allianceId}`
          : `${de ? 'Verbindung zu' : 'link to'} ${names.get(c.toId) ?? c.toId}`;
  return `${number}. ${who}: ${what}`;
}

export const reviewCommand = defineCommand({
  name: { de: 'vorschläge', en: 'proposals' },
  summary: {
    de: 'zeigt Änderungsvorschläge Ihres Kreises; annehmen oder mit Grund ablehnen',
    en: 'lists change proposals of your district; accept or reject with a reason',
  },
  usage: {
    de: '!vorschläge [annehmen <Nr> | ablehnen <Nr> <Grund>]',
    en: '!proposals [accept <no> | reject <no> <reason>]',
  },
  example: { de: '!vorschläge annehmen 1', en: '!proposals accept 1' },
  options: [
    {
      name: { de: 'aktion', en: 'action' },
      description: { de: 'annehmen oder ablehnen', en: 'accept or reject' },
      required: false,
      choices: ['annehmen', 'ablehnen'],
    },
    {
      name: { de: 'nr', en: 'no' },
      description: { de: 'die Nummer des Vorschlags', en: 'the proposal number' },
      required: false,
    },
    {
      name: { de: 'grund', en: 'reason' },
      description: { de: 'beim Ablehnen', en: 'when rejecting' },
      required: false,
      rest: true,
    },
  ],
  uses: ['proposals', 'reviser'],
  parse: (args) => {
    if (args.length === 0) return parsed<ReviewArgs>({ kind: 'list' });
    const action = args[0]!.toLowerCase();
    const accept = action === 'annehmen' || action === 'accept';
    if ((!accept && action !== 'ablehnen' && action !== 'reject') || !args[1]) return unparsable;
    return parsed<ReviewArgs>({
      kind: 'decide',
      accept,
      id: proposalId(args[1]),
      reason: args.slice(2).join(' ') || null,
    });
  },
  run: async (args, context, deps) => {
    const viewer = await asDistrictCoordination(context.viewer, deps.directory);
    const pending = await deps.services.proposals.pending(viewer);
    if (args.kind === 'list') {
      const people = await Promise.all(pending.map((p) => deps.directory.entity(p.proposerId)));
      const current = new Map(
        people.flatMap((person) => (person?.kind === 'Person' ? [[person.id, person] as const] : [])),
      );
      return { kind: 'list' as const, pending, names: await deps.services.proposals.names(pending), current };
    }
    // The number the list shows (oldest first), or the proposal's id.
    const byNumber = /^proposal:(\d{1,3})$/.exec(args.id);
    const id = byNumber ? (pending[Number(byNumber[1]) - 1]?.id ?? args.id) : args.id;
    return {
      kind: 'decided' as const,
      proposal: await deps.services.proposals.decide(id, args.accept, args.reason, viewer),
    };
  },
  render: (result, { language }) => {
    const de = language === 'de';
    if (result.kind === 'decided') {
      const { proposal } = result;
      return reply([
        proposal.state === 'CONFIRMED'
          ? de
            ? 'Der Vorschlag ist übernommen; die vorschlagende Person wird benachrichtigt.'
            : 'The proposal is applied; the proposer will be told.'
          : de
            ? 'Der Vorschlag ist abgelehnt; die vorschlagende Person erfährt den Grund.'
            : 'The proposal is rejected; the proposer will be told why.',
      ]);
    }
    if (result.pending.length === 0)
      return reply([de ? 'Keine offenen Änderungsvorschläge.' : 'No pending change proposals.']);
    return reply([
      de
        ? `Offene Änderungsvorschläge (${result.pending.length}):`
        : `Pending change proposals (${result.pending.length}):`,
      ...result.pending.map((p, i) =>
        describeProposal(p, i + 1, result.names, result.current.get(p.proposerId), language),
      ),
      de
        ? 'Annehmen: !vorschläge annehmen <Nr>; ablehnen: !vorschläge ablehnen <Nr> <Grund>'
        : 'Accept: !proposals accept <no>; reject: !proposals reject <no> <reason>',
    ]);
  },
});
