import { EVERYONE, SIGNED_IN, type PolicyRow } from '../../../services/access/domain/policy-rows.js';

// The minutes' rows of the access policy (merged into ACCESS_POLICY): its chat commands and the
// printable page. GraphQL reaches minutes through Meeting.minutes, gated with its meeting.

export const MINUTES_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Chat.note': { who: SIGNED_IN, scope: 'involved' },
  'Chat.task': { who: SIGNED_IN, scope: 'involved' },
  'Chat.minutes': { who: SIGNED_IN, scope: 'involved' },
  'Chat.present': { who: SIGNED_IN, scope: 'involved', sees: 'oneself; the organiser marks the meeting’s people' },
  'Chat.tasks': { who: SIGNED_IN, scope: 'self' },
  'GET /minutes/<meeting>': {
    who: EVERYONE,
    sees: 'whoever holds the signed link sent with the closed minutes: that meeting’s minutes, for 90 days',
  },
};
