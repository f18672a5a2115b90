import { SIGNED_IN, type PolicyRow } from '../../../services/access/domain/policy-rows.js';

// Taking back changes' rows of the access policy (merged into ACCESS_POLICY): one's own changes
// (admins: any), each undo checked and authorised like the change it reverts.

export const UNDO_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Query.undoableChanges': { who: SIGNED_IN, scope: 'self', sees: "the caller's own changes within HUB_UNDO_HOURS" },
  'Mutation.undoChange': {
    who: SIGNED_IN,
    scope: 'self',
    sees: "one's own change (admins: any), only where the caller may make the reverting change",
  },
  'Chat.undo': { who: SIGNED_IN, scope: 'self', sees: "the asker's own changes within HUB_UNDO_HOURS" },
};
