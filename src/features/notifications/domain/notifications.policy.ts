import { SIGNED_IN, type PolicyRow } from '../../../services/access/domain/policy-rows.js';

// The notification settings' rows of the access policy (merged into ACCESS_POLICY).

export const NOTIFICATIONS_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Query.myNotificationSettings': { who: SIGNED_IN, scope: 'self' },
  'Mutation.setNotificationSettings': { who: SIGNED_IN, scope: 'self' },
  'Chat.notifications': { who: SIGNED_IN, scope: 'self' },
};
