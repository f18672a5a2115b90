import type { Language } from '../../domain/errors.js';
import { InvalidInput } from '../../domain/errors.js';
import { ROLE_LABEL } from '../../domain/role-labels.js';
import { defineCommand, parsed, unparsable, type CommandDeps } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import { asDistrictCoordination } from '../../../bots/commands/district-coordination.js';
import type {
  ScheduledChange,
  ScheduledMerger,
  ScheduledRecordEnd,
  ScheduledRoleEnd,
} from './domain/scheduled-change.js';
import type { ScheduledSummary } from './domain/scheduled-summary.js';
import { scheduledSentence } from './scheduled-sentence.js';

// !geplant: the changes scheduled for a later day in the asker's districts, numbered; `!geplant
// absagen <Nr.>` takes one back (everyone told of it is told).

const germanDay = (day: string) => day.split('-').reverse().join('.');
const CANCEL_WORDS = new Set(['absagen', 'cancel', 'zurücknehmen']);

type Args = { cancel: number | null };

export const scheduledCommand = defineCommand({
  name: { de: 'geplant', en: 'scheduled' },
  summary: {
    de: 'zeigt geplante Änderungen Ihrer Kreise (z. B. eine Übergabe zum Monatsende); mit „absagen <Nr.>“ nehmen Sie eine zurück',
    en: 'lists the changes scheduled in your districts (e.g. a handover at the end of the month); "cancel <no.>" takes one back',
  },
  usage: { de: '!geplant [absagen <Nr.>]', en: '!scheduled [cancel <no.>]' },
  example: { de: '!geplant absagen 1', en: '!scheduled cancel 1' },
  options: [
    {
      name: { de: 'absagen', en: 'cancel' },
      description: { de: 'Nummer der Änderung, die nicht kommen soll', en: 'number of the change to take back' },
      required: false,
      keyword: { de: 'absagen', en: 'cancel' },
    },
  ],
  uses: ['scheduledChanges'],
  parse: (args) => {
    if (args.length === 0) return parsed<Args>({ cancel: null });
    if (args.length === 2 && CANCEL_WORDS.has(args[0]!.toLowerCase()) && /^\d+$/.test(args[1]!))
      return parsed<Args>({ cancel: Number(args[1]) });
    return unparsable;
  },
  preview: async (args, context, deps) => {
    if (args.cancel === null) return null;
    const viewer = await asDistrictCoordination(context.viewer, deps.directory);
    const chosen = chosenChange(await deps.services.scheduledChanges.upcoming(viewer), args.cancel);
    await deps.services.scheduledChanges.cancel(chosen.id, viewer, { dryRun: true });
    const what = notHappening(await describedChange(chosen, deps), context.language);
    return reply([
      context.language === 'de'
        ? `Vorschau – zurücknehmen: ${what}. Alle, denen es angekündigt war, erfahren es.`
        : `Preview – take back: ${what}. Everyone it was announced to is told.`,
    ]);
  },
  run: async (args, context, deps) => {
    const viewer = await asDistrictCoordination(context.viewer, deps.directory);
    const upcoming = await deps.services.scheduledChanges.upcoming(viewer);
    const described = (change: ScheduledChange) => describedChange(change, deps);
    if (args.cancel === null) return { cancelled: null, list: await Promise.all(upcoming.map(described)) };
    const chosen = chosenChange(upcoming, args.cancel);
    const cancelled = await deps.services.scheduledChanges.cancel(chosen.id, viewer);
    return { cancelled: await described(cancelled), list: [] };
  },
  render: (result, { language }) => {
    const de = language === 'de';
    if (result.cancelled) {
      const what = notHappening(result.cancelled, language);
      return reply([
        de
          ? `Zurückgenommen: ${what}. Alle, denen es angekündigt war, sind informiert.`
          : `Taken back: ${what}. Everyone it was announced to has been told.`,
      ]);
    }
    if (result.list.length === 0)
      return reply([de ? 'In Ihren Kreisen ist nichts geplant.' : 'Nothing is scheduled in your districts.']);
    return reply([
      de ? 'Geplante Änderungen:' : 'Scheduled changes:',
      ...result.list.map((c, i) => `${i + 1}. ${describe(c, language)}`),
      de ? 'Zurücknehmen mit !geplant absagen <Nr.>' : 'Take one back with !scheduled cancel <no.>',
    ]);
  },
});

/** A change with the names it needs in words. */
async function describedChange(change: ScheduledChange, deps: CommandDeps<'scheduledChanges'>): Promise<Described> {
  if (change.kind !== 'endRole') return { change, summary: await deps.services.scheduledChanges.summary(change) };
  const person = (await deps.directory.entityOfKind(change.personId, 'Person'))?.name ?? '';
  const successor = change.successorId
    ? ((await deps.directory.entityOfKind(change.successorId, 'Person'))?.name ?? null)
    : null;
  return { change, person, successor };
}

function chosenChange(upcoming: ScheduledChange[], number: number): ScheduledChange {
  const chosen = upcoming[number - 1];
  if (!chosen)
    throw new InvalidInput('number', `is not one of the scheduled changes (1 to ${upcoming.length})`, {
      field: 'Nr.',
      problem: upcoming.length
        ? `ist keine der geplanten Änderungen (1 bis ${upcoming.length})`
        : 'passt zu nichts: es ist nichts geplant',
    });
  return chosen;
}

/** What will not happen once the change is taken back, as a sentence. */
function notHappening(c: Described, language: Language): string {
  if ('summary' in c) return scheduledSentence(c.summary, c.change.effectiveOn, language, true);
  return language === 'de'
    ? `Die Rolle ${ROLE_LABEL[c.change.role].de} von ${c.person} endet nicht zum ${germanDay(c.change.effectiveOn)}`
    : `${c.person}'s role as ${ROLE_LABEL[c.change.role].en} does not end on ${c.change.effectiveOn}`;
}

type Described =
  | { change: ScheduledRoleEnd; person: string; successor: string | null }
  | { change: ScheduledRecordEnd | ScheduledMerger; summary: ScheduledSummary };

function describe(c: Described, language: Language): string {
  const day = language === 'de' ? germanDay(c.change.effectiveOn) : c.change.effectiveOn;
  if ('summary' in c) {
    const sentence = scheduledSentence(c.summary, c.change.effectiveOn, language);
    return `${sentence.charAt(0).toLocaleUpperCase(language)}${sentence.slice(1)}.`;
  }
  const role = ROLE_LABEL[c.change.role][language];
  if (language === 'de')
    return `Zum ${day} endet die Rolle ${role} von ${c.person}${c.successor ? `; ${c.successor} übernimmt` : ''}.`;
  return `On ${day} ${c.person}'s role as ${role} ends${c.successor ? `; ${c.successor} takes over` : ''}.`;
}
