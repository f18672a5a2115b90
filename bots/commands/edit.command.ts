import { InvalidInput, type Language } from '../../src/domain/errors.js';
import type { UpdatableKind } from '../../src/services/writes/inputs.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';
import { asDistrictCoordination } from './district-coordination.js';
import { findRecord } from './records.js';

// Changing a record's fields from chat: !bearbeiten Radebeul Einwohner=33000.

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
  uses: ['reviser'],
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
