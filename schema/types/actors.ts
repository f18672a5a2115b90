import type { Revisioned, Topic } from '../../src/domain/model.js';
import type { HubContext } from '../context.js';
import { builder } from '../builder.js';
import { AllianceRef, DistrictRef, FundingProgramRef, InstitutionRef, MunicipalityRef, TopicRef } from '../refs.js';
import { FundingLevelEnum, InstitutionTypeEnum } from './enums.js';
import { DOMAIN_ERRORS } from './errors.js';

/** The topics of a record, in the order it names them. */
export async function topicsOf(ids: readonly string[], ctx: HubContext): Promise<Topic[]> {
  const topics = await Promise.all(ids.map((id) => ctx.directory.entityOfKind(id, 'Topic')));
  return topics.filter((t) => t !== null);
}

builder.node(AllianceRef, {
  description: 'A volunteer alliance or regional network.',
  id: { resolve: (a) => a.id },
  loadOne: (id, ctx) => ctx.directory.entityOfKind(id, 'Alliance'),
  fields: (t) => ({
    name: t.exposeString('name'),
    demo: t.exposeBoolean('demo'),
    district: t.field({
      type: DistrictRef,
      resolve: async (a, _args, ctx) => (await ctx.directory.district(a.districtAgs))!,
    }),
    topics: t.field({ type: [TopicRef], resolve: (a, _args, ctx) => topicsOf(a.topicIds, ctx) }),
  }),
});

builder.node(InstitutionRef, {
  description: 'A partner institution: police, job centre, hospital, school, ...',
  id: { resolve: (i) => i.id },
  loadOne: (id, ctx) => ctx.directory.entityOfKind(id, 'Institution'),
  fields: (t) => ({
    name: t.exposeString('name'),
    type: t.field({ type: InstitutionTypeEnum, resolve: (i) => i.institutionType }),
    demo: t.exposeBoolean('demo'),
    district: t.field({
      type: DistrictRef,
      resolve: async (i, _args, ctx) => (await ctx.directory.district(i.districtAgs))!,
    }),
    municipality: t.field({
      type: MunicipalityRef,
      nullable: true,
      resolve: (i, _args, ctx) =>
        i.municipalityId ? ctx.directory.entityOfKind(i.municipalityId, 'Municipality') : null,
    }),
  }),
});

// When an alliance or institution began and stopped being active, where known.
for (const ref of [AllianceRef, InstitutionRef] as const)
  builder.objectFields(ref, (t) => ({
    since: t.string({
      nullable: true,
      description: 'The first active day, YYYY-MM-DD, where known.',
      resolve: (r) => (r as Revisioned).since ?? null,
    }),
    until: t.string({
      nullable: true,
      description:
        'The day it stopped being active, YYYY-MM-DD; null while active (also while an end is only scheduled).',
      resolve: (r) => (r as Revisioned).until ?? null,
    }),
  }));

builder.node(TopicRef, {
  id: { resolve: (t) => t.id },
  loadOne: (id, ctx) => ctx.directory.entityOfKind(id, 'Topic'),
  fields: (t) => ({
    name: t.field({
      type: 'String',
      description: 'In the language of the request.',
      resolve: (topic, _args, ctx) => (ctx.language === 'en' ? topic.nameEn : topic.name),
    }),
    nameDe: t.exposeString('name'),
    nameEn: t.exposeString('nameEn'),
  }),
});

builder.node(FundingProgramRef, {
  id: { resolve: (f) => f.id },
  loadOne: (id, ctx) => ctx.directory.entityOfKind(id, 'FundingProgram'),
  fields: (t) => ({
    name: t.exposeString('name'),
    level: t.field({ type: FundingLevelEnum, resolve: (f) => f.level }),
    topics: t.field({ type: [TopicRef], resolve: (f, _args, ctx) => topicsOf(f.topicIds, ctx) }),
  }),
});

const AddAllianceInput = builder.inputType('AddAllianceInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    districtAgs: t.string({ required: true }),
    topicIds: t.idList({ required: false }),
  }),
});

const AddInstitutionInput = builder.inputType('AddInstitutionInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    type: t.field({ type: InstitutionTypeEnum, required: true }),
    districtAgs: t.string({ required: true }),
    municipalityId: t.id({ required: false }),
  }),
});

const AddTopicInput = builder.inputType('AddTopicInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'German name.' }),
    nameEn: t.string({ required: true }),
    key: t.string({ required: false, description: 'Short key for the id, e.g. "housing".' }),
  }),
});

const AddFundingProgramInput = builder.inputType('AddFundingProgramInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    level: t.field({ type: FundingLevelEnum, required: true }),
    topicIds: t.idList({ required: false }),
  }),
});

const ids = (list: readonly (string | number)[] | null | undefined) => (list ?? []).map(String);

builder.mutationFields((t) => ({
  addAlliance: t.field({
    type: AllianceRef,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: AddAllianceInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.writer.addAlliance(
        { name: input.name, districtAgs: input.districtAgs, topicIds: ids(input.topicIds) },
        ctx.viewer,
      ),
  }),
  addInstitution: t.field({
    type: InstitutionRef,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: AddInstitutionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.writer.addInstitution(
        {
          name: input.name,
          institutionType: input.type,
          districtAgs: input.districtAgs,
          municipalityId: input.municipalityId ? String(input.municipalityId) : null,
        },
        ctx.viewer,
      ),
  }),
  addTopic: t.field({
    type: TopicRef,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: AddTopicInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.writer.addTopic({ name: input.name, nameEn: input.nameEn, key: input.key ?? undefined }, ctx.viewer),
  }),
  addFundingProgram: t.field({
    type: FundingProgramRef,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: AddFundingProgramInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.writer.addFundingProgram(
        { name: input.name, level: input.level, topicIds: ids(input.topicIds) },
        ctx.viewer,
      ),
  }),
}));
