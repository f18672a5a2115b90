import { parseDay } from '../../src/services/writes/inputs.js';
import { builder } from '../builder.js';
import { dated, directoryFor, type Dated } from './linked.js';
import { DistrictRef, MunicipalityRef } from '../refs.js';
import { DistrictKindEnum } from './enums.js';
import { RoleAssignmentType } from './person.js';

builder.node(DistrictRef, {
  description: 'A Landkreis or a kreisfreie Stadt.',
  id: { resolve: (d) => d.id },
  loadOne: (id, ctx) => ctx.directory.entityOfKind(id, 'District'),
  fields: (t) => ({
    ags: t.exposeString('ags', { description: 'Amtlicher Gemeindeschlüssel, five digits.' }),
    name: t.exposeString('name'),
    kind: t.field({ type: DistrictKindEnum, resolve: (d) => d.districtKind }),
    stateCode: t.exposeString('stateCode', { description: 'Two-digit state prefix of the AGS.' }),
    population: t.exposeInt('population', { nullable: true }),
    areaKm2: t.exposeFloat('areaKm2', { nullable: true }),
    coordination: t.field({
      type: [RoleAssignmentType],
      description: 'Who holds a role in the district: Koordinationskraft, KIK, Beauftragte.',
      resolve: (d, _args, ctx) => directoryFor(ctx.directory, d).rolesIn(d.id),
    }),
    municipalities: t.field({
      type: [MunicipalityRef],
      description: 'The kreisangehörige Gemeinden, by name; empty for a kreisfreie Stadt.',
      resolve: async (d, _args, ctx) =>
        (await directoryFor(ctx.directory, d).municipalitiesOf(d.ags)).map((m) =>
          dated(m, (d as Dated<object>).asOf ?? null),
        ),
    }),
  }),
});

builder.queryFields((t) => ({
  districts: t.field({
    type: [DistrictRef],
    description: 'All districts by AGS, optionally of one state (e.g. "14" for Saxony).',
    args: { stateCode: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) => ctx.directory.listDistricts(args.stateCode ?? undefined),
  }),
  district: t.field({
    type: DistrictRef,
    nullable: true,
    args: {
      ags: t.arg.string({ required: true }),
      at: t.arg.string({
        required: false,
        description:
          'YYYY-MM-DD: its coordination and municipalities as they stood that day (towns merged later included).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const district = await ctx.directory.district(args.ags);
      return district && dated(district, args.at ? parseDay('at', args.at) : null);
    },
  }),
}));
