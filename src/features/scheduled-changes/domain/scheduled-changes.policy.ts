import { COORDINATING, type PolicyRow } from '../../../services/access/domain/policy-rows.js';

// The scheduled changes' rows of the access policy (merged into ACCESS_POLICY). Scheduling itself
// goes through endRole, endRecord, mergeMunicipalities and their commands with a later day, under
// their rows.

export const SCHEDULED_CHANGES_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Query.scheduledChanges': { who: COORDINATING, sees: "only changes of the caller's districts (admins: all)" },
  'Mutation.cancelScheduledChange': { who: COORDINATING, sees: "only changes of the caller's districts (admins: all)" },
  'Chat.scheduled': { who: COORDINATING, scope: 'ownDistrict', sees: "changes scheduled in the caller's districts" },
};
