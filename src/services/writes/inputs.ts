import { z } from 'zod';
import { InvalidInput } from '../../domain/errors.js';
import { hasControlCharacters } from '../../domain/text.js';
import { languageCode } from '../../domain/languages.js';
import { invalidInputFrom } from './input-errors.js';
import {
  CHANNEL_KINDS,
  FUNDING_LEVELS,
  INSTITUTION_TYPES,
  LINK_TYPES,
  PROJECT_STATUSES,
  ROLES,
  VISIBILITIES,
} from '../../domain/model.js';

// What callers may send, checked before anything reaches the rules or the store.

const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((s) => !hasControlCharacters(s), 'must not contain control characters')
  .transform((s) => s.normalize('NFC'));
const ags = z.string().regex(/^\d{5}$/, 'must be a five-digit AGS');
const id = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[a-z]+:[\w.-]+$/, 'is not a valid id');
const isoDate = z.iso.date('must be a date as YYYY-MM-DD');
const longText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasControlCharacters(s, true), 'must not contain control characters')
    .transform((s) => s.normalize('NFC'));
/** An address, number or handle others will read: one line of plain text. */
const channelValue = z
  .string()
  .trim()
  .min(1)
  .max(320)
  .refine((s) => !hasControlCharacters(s), 'must not contain control characters');
const fundingCallId = z.string().regex(/^[a-z0-9-]{3,60}$/, 'is not a funding call id');
/** Languages by code or by name, German or English ("Russisch", "Russian", "ru"), stored as codes. */
const languageList = z
  .array(
    z
      .string()
      .max(40)
      .transform((word) => languageCode(word) ?? word)
      .pipe(z.string().regex(/^[a-z]{2,3}$/, 'is not a language we know')),
  )
  .max(20);

/** A project's own fields, as created and as changed. */
const projectFields = {
  name,
  municipalityId: id.nullable(),
  aims: longText(4000),
  status: z.enum(PROJECT_STATUSES),
  topicIds: z.array(id).max(50),
  fundingCallId: fundingCallId.nullable(),
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  results: longText(4000).nullable(),
  contactPersonId: id.nullable(),
};

export const schemas = {
  municipality: z.object({
    name,
    districtAgs: ags,
    ags: z
      .string()
      .regex(/^\d{8}$/, 'must be an eight-digit AGS')
      .optional(),
  }),
  person: z.object({
    name,
    languages: languageList.default([]),
    channels: z
      .array(
        z.object({
          channel: z.enum(CHANNEL_KINDS),
          value: channelValue,
          visibility: z.enum(VISIBILITIES),
        }),
      )
      .max(20)
      .default([]),
  }),
  alliance: z.object({ name, districtAgs: ags, topicIds: z.array(id).max(50).default([]) }),
  institution: z.object({
    name,
    institutionType: z.enum(INSTITUTION_TYPES),
    districtAgs: ags,
    municipalityId: id.nullable().optional(),
  }),
  topic: z.object({
    name,
    nameEn: name,
    key: z
      .string()
      .regex(/^[a-z0-9-]{2,60}$/)
      .optional(),
  }),
  fundingProgram: z.object({ name, level: z.enum(FUNDING_LEVELS), topicIds: z.array(id).max(50).default([]) }),
  project: z.object({
    ...projectFields,
    districtAgs: ags,
    municipalityId: projectFields.municipalityId.default(null),
    aims: projectFields.aims.default(''),
    status: projectFields.status.default('IDEA'),
    topicIds: projectFields.topicIds.default([]),
    fundingCallId: projectFields.fundingCallId.default(null),
    startsOn: projectFields.startsOn.default(null),
    endsOn: projectFields.endsOn.default(null),
    results: projectFields.results.default(null),
    contactPersonId: projectFields.contactPersonId.default(null),
    /** Alliances, institutions and people working on it: each becomes a PARTNER_IN link. */
    partnerIds: z.array(id).max(50).default([]),
  }),
  role: z.object({ personId: id, role: z.enum(ROLES), scopeId: id.nullable().optional() }),
  link: z.object({
    type: z.enum(LINK_TYPES),
    fromId: id,
    toId: id,
    since: isoDate.nullable().optional(),
    note: longText(1000).nullable().optional(),
  }),
};

const languages = languageList;
const channels = z
  .array(
    z.object({
      channel: z.enum(CHANNEL_KINDS),
      value: channelValue,
      visibility: z.enum(VISIBILITIES),
    }),
  )
  .max(20);

/** Partial updates: what is not given stays as it is. */
export const updateSchemas = {
  Person: z.object({ name, languages, channels }).partial().strict(),
  Municipality: z
    .object({
      name,
      ags: z
        .string()
        .regex(/^\d{8}$/, 'must be an eight-digit AGS')
        .nullable(),
      population: z.number().int().min(0).max(10_000_000).nullable(),
    })
    .partial()
    .strict(),
  Alliance: z
    .object({ name, topicIds: z.array(id).max(50) })
    .partial()
    .strict(),
  Institution: z
    .object({ name, institutionType: z.enum(INSTITUTION_TYPES), municipalityId: id.nullable() })
    .partial()
    .strict(),
  Topic: z.object({ name, nameEn: name }).partial().strict(),
  FundingProgram: z
    .object({ name, level: z.enum(FUNDING_LEVELS), topicIds: z.array(id).max(50) })
    .partial()
    .strict(),
  Project: z.object(projectFields).partial().strict(),
};
export type UpdatableKind = keyof typeof updateSchemas;

export const endingSchema = z.object({
  id,
  until: isoDate.nullable().optional(),
  note: longText(1000).nullable().optional(),
});

/** The day a change takes effect (a merger's first day), YYYY-MM-DD. */
export const effectiveDaySchema = z.object({ on: isoDate });

export type MunicipalityInput = z.input<typeof schemas.municipality>;
export type PersonInput = z.input<typeof schemas.person>;
export type AllianceInput = z.input<typeof schemas.alliance>;
export type InstitutionInput = z.input<typeof schemas.institution>;
export type TopicInput = z.input<typeof schemas.topic>;
export type FundingProgramInput = z.input<typeof schemas.fundingProgram>;
export type ProjectInput = z.input<typeof schemas.project>;
export type RoleInput = z.input<typeof schemas.role>;
export type LinkInput = z.input<typeof schemas.link>;

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidInputFrom(result.error);
}

/** A day as YYYY-MM-DD (history questions: `at`), or a clear error naming the field. */
export function parseDay(field: string, value: string): string {
  const result = isoDate.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidInput(field, 'must be a date as YYYY-MM-DD', {
    field,
    problem: 'muss ein Datum der Form JJJJ-MM-TT sein',
  });
}
