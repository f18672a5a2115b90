import type { MergeResult } from '../../src/services/lifecycle/record-merger.js';
import { builder } from '../builder.js';
import { DOMAIN_ERRORS } from './errors.js';
import { SearchResult } from './search.js';
import { ScheduledChangeType } from '../../src/features/scheduled-changes/scheduled-changes.graphql.js';

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
    scheduled: t.field({
      type: ScheduledChangeType,
      nullable: true,
      description: 'Set when the towns merge on a later day: the merger is scheduled and nothing has moved yet.',
      resolve: (r) => r.scheduled ?? null,
    }),
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
    effectiveOn: t.string({
      required: false,
      description:
        "The merged town's first day, YYYY-MM-DD (today by default): a day gone by (not before any of the towns began), or a later one, which schedules the merger (listed by scheduledChanges, applied on the day, cancellable until then).",
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
          { dryRun: input.dryRun ?? false, on: input.effectiveOn ?? null },
        )
        .then((result) => ({ ...result, dryRun: input.dryRun ?? false })),
  }),
}));
