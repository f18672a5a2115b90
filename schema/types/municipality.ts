import { builder } from '../builder.js';
import { AllianceRef, DistrictRef, MunicipalityRef, PersonRef } from '../refs.js';
import { directoryFor, linkedFrom } from './linked.js';
import { DOMAIN_ERRORS } from './errors.js';

builder.node(MunicipalityRef, {
  description: 'A kreisangehörige Gemeinde: a municipality belonging to exactly one Landkreis.',
  id: { resolve: (m) => m.id },
  loadOne: (id, ctx) => ctx.directory.entityOfKind(id, 'Municipality'),
  fields: (t) => ({
    ags: t.exposeString('ags', { nullable: true }),
    name: t.exposeString('name'),
    district: t.field({
      type: DistrictRef,
      resolve: async (m, _args, ctx) => (await ctx.directory.district(m.districtAgs))!,
    }),
    servedBy: t.field({
      type: [PersonRef],
      description: 'The Kommunale Integrationskoordinatoren serving it.',
      resolve: (m, _args, ctx) => linkedFrom(directoryFor(ctx.directory, m), m.id, 'SERVES', 'Person'),
    }),
    alliances: t.field({
      type: [AllianceRef],
      description: 'Alliances active in it.',
      resolve: (m, _args, ctx) => linkedFrom(directoryFor(ctx.directory, m), m.id, 'ACTIVE_IN', 'Alliance'),
    }),
  }),
});

builder.queryField('municipality', (t) =>
  t.field({
    type: MunicipalityRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.directory.entityOfKind(String(args.id), 'Municipality'),
  }),
);

const AddMunicipalityInput = builder.inputType('AddMunicipalityInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    districtAgs: t.string({ required: true, description: 'The Landkreis it belongs to.' }),
    ags: t.string({ required: false, description: 'Its own eight-digit AGS, where known.' }),
  }),
});

builder.mutationField('addMunicipality', (t) =>
  t.field({
    type: MunicipalityRef,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: AddMunicipalityInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.writer.addMunicipality(
        { name: input.name, districtAgs: input.districtAgs, ags: input.ags ?? undefined },
        ctx.viewer,
      ),
  }),
);
