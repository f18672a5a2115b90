import { builder } from '../../../schema/builder.js';
import { PersonRef } from '../../../schema/refs.js';
import { RoleEnum } from '../../../schema/types/enums.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';
import { SCHEDULED_STATES, type ScheduledChange } from './domain/scheduled-change.js';

// Changes scheduled for a later day in GraphQL: endRole with a later `until` schedules one (its
// RoleEnding carries it as `scheduled`); scheduledChanges lists them, cancelScheduledChange takes
// one back.

const ScheduledStateEnum = builder.enumType('ScheduledChangeState', { values: SCHEDULED_STATES });

export const ScheduledChangeType = builder.objectRef<ScheduledChange>('ScheduledChange').implement({
  description: 'A change of the network that takes effect on a later day, applied by the hub on that day.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: 'endRole: a role ends and its open work is handed over.' }),
    effectiveOn: t.exposeString('effectiveOn', { description: 'The first day without the role, YYYY-MM-DD.' }),
    roleId: t.exposeID('roleId'),
    role: t.field({ type: RoleEnum, resolve: (c) => c.role }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (c, _a, ctx) => ctx.directory.entityOfKind(c.personId, 'Person'),
    }),
    successor: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (c, _a, ctx) => (c.successorId ? ctx.directory.entityOfKind(c.successorId, 'Person') : null),
    }),
    scheduledBy: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (c, _a, ctx) => (c.scheduledBy ? ctx.directory.entityOfKind(c.scheduledBy, 'Person') : null),
    }),
    scheduledAt: t.exposeString('scheduledAt'),
    state: t.field({ type: ScheduledStateEnum, resolve: (c) => c.state }),
  }),
});

builder.queryFields((t) => ({
  scheduledChanges: t.field({
    type: [ScheduledChangeType],
    errors: DOMAIN_ERRORS,
    description: "Changes scheduled for a later day in the caller's districts (admins: all), soonest first.",
    resolve: (_r, _a, ctx) => ctx.services.scheduledChanges.upcoming(ctx.viewer),
  }),
}));

builder.mutationFields((t) => ({
  cancelScheduledChange: t.field({
    type: ScheduledChangeType,
    errors: DOMAIN_ERRORS,
    description: 'Takes a scheduled change back before its day; everyone told of it is told.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) => ctx.services.scheduledChanges.cancel(String(args.id), ctx.viewer),
  }),
}));
