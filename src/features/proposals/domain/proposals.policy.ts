import { COORDINATING, SIGNED_IN, type PolicyRow } from '../../../services/access/domain/policy-rows.js';

// The change proposals' rows of the access policy (merged into ACCESS_POLICY): members propose
// changes to their own entry, the district coordination reviews them.

export const PROPOSALS_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Query.pendingChanges': { who: COORDINATING, sees: "only proposals of the caller's districts (admins: all)" },
  'Query.myProposals': { who: SIGNED_IN, scope: 'self' },
  'Mutation.proposeChange': {
    who: SIGNED_IN,
    scope: 'self',
    sees: "only changes to one's own record, roles, memberships and links",
  },
  'Mutation.confirmMyRecord': { who: SIGNED_IN, scope: 'self' },
  'Mutation.reviewChange': {
    who: COORDINATING,
    scope: 'involved',
    sees: "only proposals of the caller's districts are found; applied with the reviewer's rights",
  },
  'Chat.propose': {
    who: SIGNED_IN,
    scope: 'self',
    sees: "only changes to one's own record, roles, memberships and links",
  },
  'Chat.proposals': {
    who: COORDINATING,
    sees: "proposals of the caller's districts; deciding applies with their rights",
  },
};
