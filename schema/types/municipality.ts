import { builder } from '../builder.js';
import { DistrictRef, MunicipalityRef } from '../refs.js';

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
