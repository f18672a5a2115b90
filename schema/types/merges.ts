import type { MergeResult } from '../../src/services/lifecycle/record-merger.js';
import { builder } from '../builder.js';
import { DOMAIN_ERRORS } from './errors.js';
import { SearchResult } from './search.js';

// Merging in GraphQL: duplicates of a person, alliance or institution, and towns that merge
// (Gemeindefusion); each can be previewed with dryRun.

const MergeResultType = builder.objectRef<MergeResult & { dryRun?: boolean }>('MergeResult').implement({
  description: 'The record that remains, the merged ones (ended, pointing to it), and what moved.',
  fields: (t) => ({
    dryRun: t.boolean({
      description: 'True for a preview (dryRun): what would move; nothing was changed.',
      resolve: (r) => r.dryRun ?? false,
    }),
    survivor: t.field({ type: SearchResult, resolve: (r) => r.survivor }),
    mergedIds: t.idList({ resolve: (r) => r.merged.map((m) => m.id) }),
    movedRoles: t.exposeInt('movedRoles'),
    movedLinks: t.exposeInt('movedLinks'),
  }),
});

const MergeMunicipalitiesInput = builder.inputType('MergeMunicipalitiesInput', {
  fields: (t) => ({
    municipalityIds: t.idList({ required: true, description: 'The municipalities that merge.' }),
    intoId: t.id({
      required: false,
      description: 'An existing municipality of the same district they become part of.',
    }),
    newName: t.string({ required: false, description: 'Or the name of the new municipality they form.' }),
    newAgs: t.string({ required: false, description: 'Its eight-digit AGS, where known.' }),
    servedById: t.id({
      required: false,
      description:
        'The KIK who serves the merged municipality; required where more than one serves the municipalities (the others stop serving it).',
    }),
    dryRun: t.boolean({
      required: false,
      description: 'Check everything and answer what would move, changing nothing.',
    }),
  }),
});

builder.mutationFields((t) => ({
  mergeRecords: t.field({
    type: MergeResultType,
    errors: DOMAIN_ERRORS,
    description:
      'Records of the same person, alliance or institution become one: roles, links (and for people requests, meetings, chat accounts) move to the survivor.',
    args: {
      survivorId: t.arg.id({ required: true }),
      mergedIds: t.arg.idList({ required: true }),
      dryRun: t.arg.boolean({ description: 'Check everything and answer what would move, changing nothing.' }),
    },
    resolve: async (_root, args, ctx) => ({
      ...(await ctx.services.merger.mergeRecords(String(args.survivorId), args.mergedIds.map(String), ctx.viewer, {
        dryRun: args.dryRun ?? false,
      })),
      dryRun: args.dryRun ?? false,
    }),
  }),
  mergeMunicipalities: t.field({
    type: MergeResultType,
    errors: DOMAIN_ERRORS,
    description:
      'Municipalities merge (Gemeindefusion) into an existing one or a new one of the same district; their links and roles move, the old ones stay in the history pointing to it.',
    args: { input: t.arg({ type: MergeMunicipalitiesInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.merger
        .mergeMunicipalities(
          input.municipalityIds.map(String),
          { id: input.intoId ? String(input.intoId) : null, name: input.newName ?? null, ags: input.newAgs ?? null },
          ctx.viewer,
          input.servedById ? String(input.servedById) : null,
          { dryRun: input.dryRun ?? false },
        )
        .then((result) => ({ ...result, dryRun: input.dryRun ?? false })),
  }),
}));
