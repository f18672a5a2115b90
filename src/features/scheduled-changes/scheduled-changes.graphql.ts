import { builder } from '../../../schema/builder.js';
import { MunicipalityRef, PersonRef } from '../../../schema/refs.js';
import { SearchResult } from '../../../schema/types/search.js';
import { RoleEnum } from '../../../schema/types/enums.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';
import { SCHEDULED_STATES, type ScheduledChange } from './domain/scheduled-change.js';

// Changes scheduled for a later day in GraphQL: endRole, endRecord and mergeMunicipalities with a
// later day schedule one; scheduledChanges lists them, cancelScheduledChange
// takes one back.

const ScheduledStateEnum = builder.enumType('ScheduledChangeState', { values: SCHEDULED_STATES });

export const ScheduledChangeType = builder.objectRef<ScheduledChange>('ScheduledChange').implement({
  description: 'A change of the network that takes effect on a later day, applied by the hub on that day.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', {
      description:
        'endRole: a role ends and its open work is handed over; endRecord: an alliance or institution stops, its memberships and links with it; mergeMunicipalities: towns merge into one.',
    }),
    effectiveOn: t.exposeString('effectiveOn', {
      description: 'The first day of the new state (without the role or record; of the merged town), YYYY-MM-DD.',
    }),
    roleId: t.id({ nullable: true, resolve: (c) => (c.kind === 'endRole' ? c.roleId : null) }),
    role: t.field({ type: RoleEnum, nullable: true, resolve: (c) => (c.kind === 'endRole' ? c.role : null) }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (c, _a, ctx) => (c.kind === 'endRole' ? ctx.directory.entityOfKind(c.personId, 'Person') : null),
    }),
    successor: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (c, _a, ctx) =>
        c.kind === 'endRole' && c.successorId ? ctx.directory.entityOfKind(c.successorId, 'Person') : null,
    }),
    record: t.field({
      type: SearchResult,
      nullable: true,
      description: 'The alliance or institution that ends (endRecord).',
      resolve: (c, _a, ctx) => (c.kind === 'endRecord' ? ctx.directory.entity(c.recordId) : null),
    }),
    municipalities: t.field({
      type: [MunicipalityRef],
      description: 'The towns that merge (mergeMunicipalities).',
      resolve: async (c, _a, ctx) =>
        c.kind === 'mergeMunicipalities'
          ? (await Promise.all(c.townIds.map((id) => ctx.directory.entityOfKind(id, 'Municipality')))).filter(
              (m) => m !== null,
            )
          : [],
    }),
    into: t.field({
      type: MunicipalityRef,
      nullable: true,
      description: 'The existing town they merge into; null when they become a new one (see intoName).',
      resolve: (c, _a, ctx) =>
        c.kind === 'mergeMunicipalities' && c.intoId ? ctx.directory.entityOfKind(c.intoId, 'Municipality') : null,
    }),
    intoName: t.string({
      nullable: true,
      description: 'The name of the new town they become (mergeMunicipalities into a new one).',
      resolve: (c) => (c.kind === 'mergeMunicipalities' ? c.intoName : null),
    }),
    servedBy: t.field({
      type: PersonRef,
      nullable: true,
      description: 'The KIK named to serve the merged town.',
      resolve: (c, _a, ctx) =>
        c.kind === 'mergeMunicipalities' && c.servedBy ? ctx.directory.entityOfKind(c.servedBy, 'Person') : null,
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
    description:
      'Takes a scheduled change back before its day; everyone told of it is told. With dryRun: true, answers the change as cancelling would leave it, changing nothing.',
    args: { id: t.arg.id({ required: true }), dryRun: t.arg.boolean({ required: false }) },
    resolve: (_r, args, ctx) =>
      ctx.services.scheduledChanges.cancel(String(args.id), ctx.viewer, { dryRun: args.dryRun ?? false }),
  }),
}));
