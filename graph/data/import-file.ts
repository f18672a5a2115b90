import { parse as parseCsv } from 'csv-parse/sync';
import { getNodeValue, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { ImportRowInvalid } from '../../src/domain/errors.js';
import { entityId, newLinkId, newRoleId, slug } from '../../src/domain/ids.js';
import {
  emptyBundle,
  INSTITUTION_TYPES,
  LINK_TYPES,
  ROLES,
  VISIBILITIES,
  type ContactChannel,
  type NetworkBundle,
} from '../../src/domain/model.js';

// Reads an import file (CSV or a JSON array) into a bundle, remembering each record's line, so
// the writer can name the line of the first record that breaks a rule. A record that cannot be
// read at all is refused here, with its line, before anything is written.
//
// Every record has a "type": municipality, person, alliance, institution, topic, role or link.
// CSV columns use the same names as the JSON fields; lists are separated by "|".

export interface ParsedImport {
  bundle: NetworkBundle;
  lineOf: (item: object) => number | undefined;
}

const text = z.string().trim().min(1).max(200);
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(1000).optional());
const list = z.preprocess(
  (v) => (typeof v === 'string' ? (v === '' ? [] : v.split('|').map((s) => s.trim())) : (v ?? [])),
  z.array(z.string()),
);
const id = z.string().regex(/^[a-z]+:[\w.-]+$/, 'is not a valid id');
const optionalId = z.preprocess((v) => (v === '' ? undefined : v), id.optional());
const ags = z.coerce.string().regex(/^\d{5}$/, 'must be a five-digit AGS');
const visibility = z.preprocess((v) => (v === '' || v === undefined ? 'PRIVATE' : v), z.enum(VISIBILITIES));

const Record = z.discriminatedUnion('type', [
  z.object({ type: z.literal('municipality'), id: optionalId, name: text, districtAgs: ags, ags: optionalText }),
  z.object({
    type: z.literal('person'),
    id,
    name: text,
    languages: list,
    email: optionalText,
    emailVisibility: visibility,
    phone: optionalText,
    phoneVisibility: visibility,
    matrix: optionalText,
    matrixVisibility: visibility,
  }),
  z.object({ type: z.literal('alliance'), id, name: text, districtAgs: ags, topicIds: list }),
  z.object({
    type: z.literal('institution'),
    id,
    name: text,
    institutionType: z.enum(INSTITUTION_TYPES),
    districtAgs: ags,
    municipalityId: optionalText,
  }),
  z.object({ type: z.literal('topic'), key: z.string().regex(/^[a-z0-9-]{2,60}$/), name: text, nameEn: text }),
  z.object({ type: z.literal('role'), id: optionalId, personId: id, role: z.enum(ROLES), scopeId: optionalText }),
  z.object({
    type: z.literal('link'),
    id: optionalId,
    linkType: z.enum(LINK_TYPES),
    fromId: id,
    toId: id,
    since: z.preprocess((v) => (v === '' ? undefined : v), z.iso.date('must be a date as YYYY-MM-DD').optional()),
    note: optionalText,
  }),
]);
type ImportRecord = z.infer<typeof Record>;

export function parseImport(content: string, format: 'csv' | 'json'): ParsedImport {
  const rows = format === 'csv' ? csvRows(content) : jsonRows(content);
  const bundle = emptyBundle();
  const lines = new WeakMap<object, number>();
  for (const { line, value } of rows) {
    const parsed = Record.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ImportRowInvalid(line, `${issue.path.join('.') || 'record'} ${issue.message}.`);
    }
    const item = toDomain(parsed.data, bundle);
    lines.set(item, line);
  }
  return { bundle, lineOf: (item) => lines.get(item) };
}

function toDomain(r: ImportRecord, bundle: NetworkBundle): object {
  switch (r.type) {
    case 'municipality': {
      const m = {
        kind: 'Municipality' as const,
        id: r.id ?? entityId('Municipality', r.ags ?? `${r.districtAgs}-${slug(r.name)}`),
        ags: r.ags ?? null,
        name: r.name,
        districtAgs: r.districtAgs,
      };
      bundle.municipalities.push(m);
      return m;
    }
    case 'person': {
      const channels: ContactChannel[] = [];
      if (r.email) channels.push({ channel: 'EMAIL', value: r.email, visibility: r.emailVisibility });
      if (r.phone) channels.push({ channel: 'PHONE', value: r.phone, visibility: r.phoneVisibility });
      if (r.matrix) channels.push({ channel: 'MATRIX', value: r.matrix, visibility: r.matrixVisibility });
      const p = { kind: 'Person' as const, id: r.id, name: r.name, languages: r.languages, channels, demo: false };
      bundle.persons.push(p);
      return p;
    }
    case 'alliance': {
      const a = {
        kind: 'Alliance' as const,
        id: r.id,
        name: r.name,
        districtAgs: r.districtAgs,
        topicIds: r.topicIds,
        demo: false,
      };
      bundle.alliances.push(a);
      return a;
    }
    case 'institution': {
      const i = {
        kind: 'Institution' as const,
        id: r.id,
        name: r.name,
        institutionType: r.institutionType,
        districtAgs: r.districtAgs,
        municipalityId: r.municipalityId ?? null,
        demo: false,
      };
      bundle.institutions.push(i);
      return i;
    }
    case 'topic': {
      const t = { kind: 'Topic' as const, id: entityId('Topic', r.key), name: r.name, nameEn: r.nameEn };
      bundle.topics.push(t);
      return t;
    }
    case 'role': {
      const role = { id: r.id ?? newRoleId(), personId: r.personId, role: r.role, scopeId: r.scopeId ?? null };
      bundle.roles.push(role);
      return role;
    }
    case 'link': {
      const l = {
        id: r.id ?? newLinkId(),
        type: r.linkType,
        fromId: r.fromId,
        toId: r.toId,
        since: r.since ?? null,
        note: r.note ?? null,
      };
      bundle.links.push(l);
      return l;
    }
  }
}

function csvRows(content: string): { line: number; value: unknown }[] {
  try {
    const records = parseCsv(content, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true }) as {
      record: Record<string, string>;
      info: { lines: number };
    }[];
    return records.map(({ record, info }) => ({ line: info.lines, value: record }));
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new ImportRowInvalid(line, `the CSV cannot be read (${(error as Error).message.split('\n')[0]}).`);
  }
}

function jsonRows(content: string): { line: number; value: unknown }[] {
  const errors: ParseError[] = [];
  const tree = parseTree(content, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !tree)
    throw new ImportRowInvalid(lineAt(content, errors[0]?.offset ?? 0), 'the JSON cannot be read.');
  if (tree.type !== 'array') throw new ImportRowInvalid(1, 'the file must hold a JSON array of records.');
  return (tree.children ?? []).map((node: JsonNode) => ({
    line: lineAt(content, node.offset),
    value: getNodeValue(node) as unknown,
  }));
}

function lineAt(content: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < content.length; i++) if (content.charCodeAt(i) === 10) line++;
  return line;
}
