import { InvalidInput } from '../../domain/errors.js';
import type { ChangeProposal, ProposedChange } from './domain/proposals.js';
import { PROPOSAL_STATES } from './domain/proposals.js';
import { builder } from '../../../schema/builder.js';
import { asNode, PersonRef } from '../../../schema/refs.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';

// Members propose changes to their own record, roles, memberships and links; the coordination of
// their district reviews them (pendingChanges, reviewChange).

const ProposalStateEnum = builder.enumType('ProposalState', { values: PROPOSAL_STATES });
const ProposedLinkTypeEnum = builder.enumType('ProposedLinkType', {
  values: ['COOPERATES_WITH', 'EXPERT_IN'] as const,
});

const ProposalType = builder.objectRef<ChangeProposal>('ChangeProposal').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    proposer: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (p, _a, ctx) => ctx.directory.entityOfKind(p.proposerId, 'Person'),
    }),
    districtAgs: t.exposeStringList('districtAgs'),
    kind: t.string({ description: 'updateSelf, endRole, joinAlliance or addLink.', resolve: (p) => p.change.kind }),
    change: t.string({ description: 'The proposed change, as JSON.', resolve: (p) => JSON.stringify(p.change) }),
    target: t.field({
      type: builder.nodeInterfaceRef(),
      nullable: true,
      description: 'The alliance joined or the record linked to.',
      resolve: async (p, _a, ctx) => {
        const id =
          p.change.kind === 'joinAlliance' ? p.change.allianceId : p.change.kind === 'addLink' ? p.change.toId : null;
        return id ? (asNode(await ctx.directory.entity(id)) as never) : null;
      },
    }),
    comment: t.exposeString('comment', { nullable: true }),
    state: t.field({ type: ProposalStateEnum, resolve: (p) => p.state }),
    createdAt: t.exposeString('createdAt'),
    decidedAt: t.exposeString('decidedAt', { nullable: true }),
    reason: t.exposeString('reason', { nullable: true }),
  }),
});

const ProposeChangeInput = builder.inputType('ProposeChangeInput', {
  description:
    "Exactly one change: own fields (name, languages), ending one of one's roles, joining an alliance, or a link from oneself.",
  fields: (t) => ({
    name: t.string(),
    languages: t.stringList(),
    endRoleId: t.id(),
    joinAllianceId: t.id(),
    linkToId: t.id(),
    linkType: t.field({ type: ProposedLinkTypeEnum }),
    note: t.string(),
    comment: t.string({ description: 'A word for the reviewer.' }),
  }),
});

function changeOf(input: typeof ProposeChangeInput.$inferInput): ProposedChange {
  const changes: ProposedChange[] = [];
  if (input.name != null || input.languages != null) {
    changes.push({
      kind: 'updateSelf',
      fields: {
        ...(input.name != null ? { name: input.name } : {}),
        ...(input.languages != null ? { languages: input.languages } : {}),
      },
    });
  }
  if (input.endRoleId) changes.push({ kind: 'endRole', roleId: String(input.endRoleId) });
  if (input.joinAllianceId) changes.push({ kind: 'joinAlliance', allianceId: String(input.joinAllianceId) });
  if (input.linkToId)
    changes.push({
      kind: 'addLink',
      type: input.linkType ?? 'COOPERATES_WITH',
      toId: String(input.linkToId),
      note: input.note ?? null,
    });
  if (changes.length !== 1)
    throw new InvalidInput('input', 'propose exactly one change at a time', {
      field: 'Vorschlag',
      problem: 'genau eine Änderung auf einmal vorschlagen',
    });
  return changes[0]!;
}

builder.mutationFields((t) => ({
  proposeChange: t.field({
    type: ProposalType,
    errors: DOMAIN_ERRORS,
    description:
      'A member proposes a change to their own record, roles, memberships or links; the coordination of their district reviews it.',
    args: { input: t.arg({ type: ProposeChangeInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.proposals.propose(changeOf(input), input.comment ?? null, ctx.viewer),
  }),
  confirmMyRecord: t.field({
    type: PersonRef,
    errors: DOMAIN_ERRORS,
    description:
      'The signed-in person confirms their entry is still right: nothing changes, it counts as checked now (see analytics.unconfirmedPeople).',
    resolve: async (_root, _args, ctx) => (await ctx.services.reviser.confirmOwn(ctx.viewer)) as never,
  }),
  reviewChange: t.field({
    type: ProposalType,
    errors: DOMAIN_ERRORS,
    description:
      "Confirms (applies, with the reviewer's rights) or rejects (with a reason) a pending proposal; the proposer is told.",
    args: {
      id: t.arg.id({ required: true }),
      accept: t.arg.boolean({ required: true }),
      reason: t.arg.string({ required: false }),
    },
    resolve: (_root, args, ctx) =>
      ctx.services.proposals.decide(String(args.id), args.accept, args.reason ?? null, ctx.viewer),
  }),
}));

builder.queryFields((t) => ({
  pendingChanges: t.field({
    type: [ProposalType],
    errors: DOMAIN_ERRORS,
    description: "Proposals waiting for the caller's review (of their district; admins: all), oldest first.",
    resolve: (_root, _args, ctx) => ctx.services.proposals.pending(ctx.viewer),
  }),
  myProposals: t.field({
    type: [ProposalType],
    description: "The caller's own proposals and what became of them, newest first.",
    resolve: (_root, _args, ctx) => ctx.services.proposals.mine(ctx.viewer),
  }),
}));
