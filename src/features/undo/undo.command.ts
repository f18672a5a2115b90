import { InvalidInput } from '../../domain/errors.js';
import { formatWhen } from '../meetings/when.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import { asDistrictCoordination } from '../../../bots/commands/district-coordination.js';
import type { ChangeUndo as UndoService, UndoableChange, UndoOutcome } from './undo.js';

// !rückgängig: the asker's own changes of the network they may still take back, numbered;
// `!rückgängig <Nr.>` shows what taking one back does and does it on !ja (issue 34).

type Args = { number: number | null };
type Result = { list: UndoableChange[]; outcome: UndoOutcome | null };

export const undoCommand = defineCommand({
  name: { de: 'rückgängig', en: 'undo' },
  summary: {
    de: 'zeigt Ihre Änderungen am Netzwerk, die Sie noch zurücknehmen können; mit <Nr.> nehmen Sie eine zurück',
    en: 'lists your changes of the network you can still take back; with <no.> takes one back',
  },
  usage: { de: '!rückgängig [<Nr.>]', en: '!undo [<no.>]' },
  example: { de: '!rückgängig 1', en: '!undo 1' },
  options: [
    {
      name: { de: 'nummer', en: 'number' },
      description: { de: 'Nummer der Änderung aus der Liste', en: 'number of the change in the list' },
      required: false,
    },
  ],
  uses: ['undo'],
  parse: (args) => {
    if (args.length === 0) return parsed<Args>({ number: null });
    if (args.length === 1 && /^\d+$/.test(args[0]!)) return parsed<Args>({ number: Number(args[0]) });
    return unparsable;
  },
  preview: async (args, context, deps) => {
    if (args.number === null) return null;
    const viewer = await asDistrictCoordination(context.viewer, deps.directory);
    const outcome = await take(args, viewer, deps.services.undo, true);
    const de = context.language === 'de';
    return reply([
      de
        ? `Vorschau – zurücknehmen: ${outcome.change.label.de} (${formatWhen(new Date(outcome.change.at), 'de')}). Dann: ${outcome.summary.de}.`
        : `Preview – take back: ${outcome.change.label.en} (${formatWhen(new Date(outcome.change.at), 'en')}). Then: ${outcome.summary.en}.`,
    ]);
  },
  run: async (args, context, deps): Promise<Result> => {
    // The Koordinationskraft takes back what they changed as the district coordination.
    const viewer = await asDistrictCoordination(context.viewer, deps.directory);
    if (args.number === null) return { list: await deps.services.undo.undoable(viewer), outcome: null };
    return { list: [], outcome: await take(args, viewer, deps.services.undo, false) };
  },
  render: (result, { language }) => {
    const de = language === 'de';
    if (result.outcome)
      return reply([
        de
          ? `Zurückgenommen: ${result.outcome.change.label.de}. ${result.outcome.summary.de}. Im Verlauf stehen beide Änderungen.`
          : `Taken back: ${result.outcome.change.label.en}. ${result.outcome.summary.en}. The history keeps both changes.`,
      ]);
    if (result.list.length === 0)
      return reply([
        de
          ? 'Sie haben zuletzt nichts geändert, das sich zurücknehmen lässt.'
          : 'You have no recent change that can be taken back.',
      ]);
    return reply([
      de ? 'Ihre Änderungen, die Sie zurücknehmen können:' : 'Your changes you can take back:',
      ...result.list.map((c, i) => `${i + 1}. ${formatWhen(new Date(c.at), language)}: ${c.label[language]}`),
      de ? 'Zurücknehmen mit !rückgängig <Nr.>' : 'Take one back with !undo <no.>',
    ]);
  },
});

async function take(
  args: Args,
  viewer: Parameters<UndoService['undoable']>[0],
  undo: UndoService,
  dryRun: boolean,
): Promise<UndoOutcome> {
  const list = await undo.undoable(viewer);
  const chosen = args.number === null ? undefined : list[args.number - 1];
  if (!chosen)
    throw new InvalidInput('number', `is not one of your changes (1 to ${list.length})`, {
      field: 'Nr.',
      problem: list.length
        ? `ist keine Ihrer Änderungen (1 bis ${list.length})`
        : 'passt zu nichts: es gibt nichts zurückzunehmen',
    });
  return undo.undo(chosen.id, viewer, { dryRun });
}
