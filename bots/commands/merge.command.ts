import type { Viewer } from '../../src/services/access/domain/access.js';
import type { MergeResult } from '../../src/services/lifecycle/record-merger.js';
import { defineCommand, parsed, unparsable, type CommandDeps } from '../core/command.js';
import { reply } from '../core/reply.js';
import { berlinDay, parseDay } from '../../src/features/meetings/when.js';
import { asDistrictCoordination } from './district-coordination.js';
import { findRecord } from './records.js';

// Merging from chat: municipalities (Gemeindefusion) or duplicates, the old records kept in the history.

const INTO_WORDS = new Set(['zu', 'in', 'into', 'to']);
/** "… zu Radebeul-Coswig betreut von Anna Weber": who serves the merged town. */
const SERVED_WORDS: Record<string, string> = { betreut: 'von', served: 'by' };
const AND_WORDS = new Set(['+', 'und', 'and', '&']);

const DATE_WORDS = new Set(['zum', 'ab', 'am', 'on', 'from']);

interface MergeArgs {
  records: string[];
  target: string;
  servedBy: string | null;
  /** The merged town's first day as written ("zum 1.1.2027"); null: today. */
  day: string | null;
}

/** "Radebeul + Coswig zu Radebeul-Coswig [betreut von …] [zum 01.01.2027]", "Anna Weber (alt) in Anna Weber". */
function parseMerge(words: string[]) {
  // A date word followed by a number ("zum 1.1.", "am 01.01.2027"): not a name like "Frankfurt am Main".
  const dateAt = words.findLastIndex(
    (w, i) => i > 0 && DATE_WORDS.has(w.toLowerCase()) && /^\d/.test(words[i + 1] ?? ''),
  );
  const day = dateAt > 0 ? words.slice(dateAt + 1).join(' ') : null;
  const all = dateAt > 0 ? words.slice(0, dateAt) : words;
  const servedAt = all.findIndex((w, i) => {
    const next = SERVED_WORDS[w.toLowerCase()];
    return next !== undefined && next === all[i + 1]?.toLowerCase();
  });
  const args = servedAt > 0 ? all.slice(0, servedAt) : all;
  const servedBy = servedAt > 0 ? all.slice(servedAt + 2).join(' ') || null : null;
  if (servedAt > 0 && !servedBy) return unparsable;
  const at = args.findLastIndex((w, i) => i > 0 && INTO_WORDS.has(w.toLowerCase()));
  if (at < 1 || at === args.length - 1) return unparsable;
  const records: string[][] = [[]];
  for (const word of args.slice(0, at)) {
    if (AND_WORDS.has(word.toLowerCase())) records.push([]);
    else records.at(-1)!.push(word);
  }
  if (records.some((r) => r.length === 0)) return unparsable;
  return parsed<MergeArgs>({
    records: records.map((r) => r.join(' ')),
    target: args.slice(at + 1).join(' '),
    servedBy,
    day,
  });
}

const sameName = (a: string, b: string) =>
  a.normalize('NFC').toLocaleLowerCase('de').trim() === b.normalize('NFC').toLocaleLowerCase('de').trim();

async function merge(
  args: MergeArgs,
  asker: Viewer,
  deps: CommandDeps<'merger'>,
  dryRun: boolean,
): Promise<MergeResult & { survivorIsNew: boolean; on: string | null }> {
  const viewer = await asDistrictCoordination(asker, deps.directory);
  const records = await Promise.all(
    args.records.map((name) => findRecord(name, ['Municipality', 'Person', 'Alliance', 'Institution'], deps.directory)),
  );
  if (records.every((r) => r.kind === 'Municipality')) {
    const listed = records.find((r) => sameName(r.name, args.target));
    const existing =
      listed ??
      (await deps.directory.search(args.target.slice(0, 100), ['Municipality'], 5)).find((m) =>
        sameName(m.name, args.target),
      );
    const servedBy = args.servedBy ? (await findRecord(args.servedBy, ['Person'], deps.directory)).id : null;
    const on = args.day ? parseDay(args.day, new Date()) : null;
    const result = await deps.services.merger.mergeMunicipalities(
      records.map((r) => r.id),
      existing ? { id: existing.id } : { name: args.target },
      viewer,
      servedBy,
      { dryRun, on },
    );
    return { ...result, survivorIsNew: !existing, on };
  }
  const survivor =
    records.find((r) => sameName(r.name, args.target)) ??
    (await findRecord(args.target, [records[0]!.kind], deps.directory));
  const result = await deps.services.merger.mergeRecords(
    survivor.id,
    records.map((r) => r.id),
    viewer,
    { dryRun },
  );
  return { ...result, survivorIsNew: false, on: null };
}

export const mergeCommand = defineCommand({
  name: { de: 'zusammenführen', en: 'merge' },
  summary: {
    de: 'führt Gemeinden (Gemeindefusion) oder doppelte Einträge zusammen; die alten bleiben in der Geschichte',
    en: 'merges municipalities or duplicate records; the old ones stay in the history',
  },
  usage: {
    de: '!zusammenführen <Eintrag> + <Eintrag> … zu <Ziel> [betreut von <KIK>] [zum <Datum>]',
    en: '!merge <record> + <record> … into <target> [served by <KIK>] [on <date>]',
  },
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
    {
      name: { de: 'kik', en: 'kik' },
      description: {
        de: 'wer die zusammengeführte Gemeinde betreut (nötig, wo mehrere KIK die Gemeinden betreuen)',
        en: 'who serves the merged municipality (needed where several KIK serve them)',
      },
      required: false,
      keyword: { de: 'betreut von', en: 'served by' },
      autocomplete: 'person',
    },
    {
      name: { de: 'datum', en: 'date' },
      description: {
        de: 'erster Tag der zusammengeführten Gemeinde (heute, ein vergangener oder ein späterer Tag, der dann geplant wird)',
        en: "the merged town's first day (today, a past day, or a later one, which is then scheduled)",
      },
      required: false,
      keyword: { de: 'zum', en: 'on' },
    },
  ],
  uses: ['merger'],
  parse: parseMerge,
  preview: async (args, context, deps) => {
    const result = await merge(args, context.viewer, deps, true);
    const de = context.language === 'de';
    const names = result.merged.map((m) => m.name).join(', ');
    const later = result.on && result.on > berlinDay(new Date());
    const when = result.on ? (de ? ` zum ${germanDay(result.on)}` : ` on ${result.on}`) : '';
    return reply([
      de
        ? `Vorschau: ${names} ${result.survivorIsNew ? 'werden' : 'gehen'}${when} ${result.survivorIsNew ? 'zur neuen Gemeinde' : 'auf in'} ${result.survivor.name}; ${result.movedLinks} Verbindung(en) und ${result.movedRoles} Rolle(n) gehen mit, die alten Einträge bleiben in der Geschichte.${later ? ' Das wird geplant: Bis dahin ändert sich nichts; alle Betroffenen erfahren es, sobald Sie bestätigen.' : ''}`
        : `Preview: ${names} ${result.survivorIsNew ? 'become the new municipality' : 'merge into'} ${result.survivor.name}${when}; ${result.movedLinks} link(s) and ${result.movedRoles} role(s) move along, the old records stay in the history.${later ? ' It will be scheduled: until then nothing changes; everyone concerned is told once you confirm.' : ''}`,
    ]);
  },
  run: (args, context, deps) => merge(args, context.viewer, deps, false),
  render: (result, { language }) => {
    const de = language === 'de';
    const names = result.merged.map((m) => m.name).join(', ');
    if (result.scheduled)
      return reply([
        de
          ? `Geplant: ${names} gehen zum ${germanDay(result.scheduled.effectiveOn)} in ${result.survivor.name} auf. Bis dahin ändert sich nichts; die Betroffenen und die Koordination des Kreises sind informiert, zurücknehmen mit !geplant.`
          : `Scheduled: ${names} merge into ${result.survivor.name} on ${result.scheduled.effectiveOn}. Until then nothing changes; those concerned and the district coordination have been told; take it back with !scheduled.`,
      ]);
    return reply([
      de
        ? `Zusammengeführt in ${result.survivor.name}${result.on ? ` zum ${germanDay(result.on)}` : ''}: ${names} (${result.movedLinks} Verbindung(en), ${result.movedRoles} Rolle(n) übernommen; die alten Einträge bleiben in der Geschichte).`
        : `Merged into ${result.survivor.name}${result.on ? ` on ${result.on}` : ''}: ${names} (${result.movedLinks} link(s), ${result.movedRoles} role(s) moved; the old records stay in the history).`,
    ]);
  },
});

const germanDay = (day: string) => day.split('-').reverse().join('.');
