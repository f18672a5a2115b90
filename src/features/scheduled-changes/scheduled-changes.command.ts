import type { Language } from '../../domain/errors.js';
import { InvalidInput } from '../../domain/errors.js';
import { ROLE_LABEL } from '../../domain/role-labels.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import { asDistrictCoordination } from '../../../bots/commands/district-coordination.js';
import type { ScheduledChange } from './domain/scheduled-change.js';

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
  run: async (args, context, deps) => {
    const viewer = await asDistrictCoordination(context.viewer, deps.directory);
    const upcoming = await deps.services.scheduledChanges.upcoming(viewer);
    const names = async (change: ScheduledChange) => ({
      person: (await deps.directory.entityOfKind(change.personId, 'Person'))?.name ?? '',
      successor: change.successorId
        ? ((await deps.directory.entityOfKind(change.successorId, 'Person'))?.name ?? null)
        : null,
    });
    if (args.cancel === null)
      return {
        cancelled: null,
        list: await Promise.all(upcoming.map(async (c) => ({ change: c, ...(await names(c)) }))),
      };
    const chosen = upcoming[args.cancel - 1];
    if (!chosen)
      throw new InvalidInput('number', `is not one of the scheduled changes (1 to ${upcoming.length})`, {
        field: 'Nr.',
        problem: upcoming.length
          ? `ist keine der geplanten Änderungen (1 bis ${upcoming.length})`
          : 'passt zu nichts: es ist nichts geplant',
      });
    const cancelled = await deps.services.scheduledChanges.cancel(chosen.id, viewer);
    return { cancelled: { change: cancelled, ...(await names(cancelled)) }, list: [] };
  },
  render: (result, { language }) => {
    const de = language === 'de';
    const line = (c: { change: ScheduledChange; person: string; successor: string | null }) =>
      describe(c.change, c.person, c.successor, language);
    if (result.cancelled) {
      const { change, person } = result.cancelled;
      const role = ROLE_LABEL[change.role][language];
      return reply([
        de
          ? `Zurückgenommen: Die Rolle ${role} von ${person} endet nicht zum ${germanDay(change.effectiveOn)}. Alle, denen es angekündigt war, sind informiert.`
          : `Taken back: ${person}'s role as ${role} does not end on ${change.effectiveOn}. Everyone it was announced to has been told.`,
      ]);
    }
    if (result.list.length === 0)
      return reply([de ? 'In Ihren Kreisen ist nichts geplant.' : 'Nothing is scheduled in your districts.']);
    return reply([
      de ? 'Geplante Änderungen:' : 'Scheduled changes:',
      ...result.list.map((c, i) => `${i + 1}. ${line(c)}`),
      de ? 'Zurücknehmen mit !geplant absagen <Nr.>' : 'Take one back with !scheduled cancel <no.>',
    ]);
  },
});

function describe(change: ScheduledChange, person: string, successor: string | null, language: Language): string {
  const role = ROLE_LABEL[change.role][language];
  const day = language === 'de' ? germanDay(change.effectiveOn) : change.effectiveOn;
  if (language === 'de')
    return `Zum ${day} endet die Rolle ${role} von ${person}${successor ? `; ${successor} übernimmt` : ''}.`;
  return `On ${day} ${person}'s role as ${role} ends${successor ? `; ${successor} takes over` : ''}.`;
}
