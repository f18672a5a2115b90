import { builder } from '../builder.js';
import { AllianceRef, DistrictRef, FundingProgramRef, InstitutionRef, MunicipalityRef, TopicRef } from '../refs.js';
import { FundingLevelEnum, InstitutionTypeEnum } from './enums.js';

builder.node(AllianceRef, {
  description: 'A volunteer alliance or regional network.',
  id: { resolve: (a) => a.id },
  loadOne: (id, ctx) => ctx.directory.entityOfKind(id, 'Alliance'),
  fields: (t) => ({
    name: t.exposeString('name'),
    demo: t.exposeBoolean('demo'),
    district: t.field({ type: DistrictRef, resolve: async (a, _args, ctx) => (await ctx.directory.district(a.districtAgs))! }),
    topics: t.field({
      type: [TopicRef],
      resolve: async (a, _args, ctx) => (await Promise.all(a.topicIds.map((id) => ctx.directory.entityOfKind(id, 'Topic')))).filter((x) => x !== null),
    }),
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
    district: t.field({ type: DistrictRef, resolve: async (i, _args, ctx) => (await ctx.directory.district(i.districtAgs))! }),
    municipality: t.field({
      type: MunicipalityRef,
      nullable: true,
      resolve: (i, _args, ctx) => (i.municipalityId ? ctx.directory.entityOfKind(i.municipalityId, 'Municipality') : null),
    }),
  }),
});

builder.node(TopicRef, {
  id: { resolve: (t) => t.id },
  loadOne: (id, ctx) => ctx.directory.entityOfKind(id, 'Topic'),
  fields: (t) => ({
    name: t.field({ type: 'String', description: 'In the language of the request.', resolve: (topic, _args, ctx) => (ctx.language === 'en' ? topic.nameEn : topic.name) }),
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
    topics: t.field({
      type: [TopicRef],
      resolve: async (f, _args, ctx) => (await Promise.all(f.topicIds.map((id) => ctx.directory.entityOfKind(id, 'Topic')))).filter((x) => x !== null),
    }),
  }),
});
