import { builder } from '../../../schema/builder.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';
import type { UndoableChange, UndoOutcome } from './undo.js';

// Taking back changes in GraphQL: undoableChanges lists the caller's own changes they may still
// take back; undoChange takes one back (dryRun: says what it would do, changes nothing).

const UndoableChangeType = builder.objectRef<UndoableChange>('UndoableChange').implement({
  description: 'A change of the network the caller made and may still take back (within HUB_UNDO_HOURS).',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.exposeString('at'),
    action: t.exposeString('action', {
      description: 'endRole, endLink, endRecord, deleteRecord, mergeMunicipalities, …',
    }),
    label: t.string({ resolve: (c, _a, ctx) => c.label[ctx.language] }),
  }),
});

const UndoOutcomeType = builder.objectRef<UndoOutcome>('UndoOutcome').implement({
  fields: (t) => ({
    change: t.field({ type: UndoableChangeType, resolve: (o) => o.change }),
    summary: t.string({
      description: 'What taking it back does, in words.',
      resolve: (o, _a, ctx) => o.summary[ctx.language],
    }),
    done: t.exposeBoolean('done', { description: 'False for a dry run: nothing was changed.' }),
  }),
});

builder.queryFields((t) => ({
  undoableChanges: t.field({
    type: [UndoableChangeType],
    description: "The caller's own changes of the network they may still take back, newest first.",
    resolve: (_r, _a, ctx) => ctx.services.undo.undoable(ctx.viewer),
  }),
}));

builder.mutationFields((t) => ({
  undoChange: t.field({
    type: UndoOutcomeType,
    errors: DOMAIN_ERRORS,
    description:
      'Takes a change back as a new change (the history keeps both): records as they were, ended roles and links hold again, added ones are dropped. With dryRun: true, says what it would do.',
    args: { id: t.arg.id({ required: true }), dryRun: t.arg.boolean({ required: false }) },
    resolve: (_r, args, ctx) => ctx.services.undo.undo(String(args.id), ctx.viewer, { dryRun: args.dryRun ?? false }),
  }),
}));
