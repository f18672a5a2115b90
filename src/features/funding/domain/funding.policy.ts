import {
  ANALYSING,
  EVERYONE,
  SIGNED_IN,
  STRUCTURE,
  type PolicyRow,
} from '../../../services/access/domain/policy-rows.js';

// The funding calls' rows of the access policy (merged into ACCESS_POLICY): GraphQL, chat and the
// public feeds.

const FUNDING = 'open calls for the caller’s districts: public ones to anybody, the others when signed in';

export const FUNDING_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Query.fundingCalls': { who: EVERYONE, sees: FUNDING },
  'Query.fundingSubscriptions': { who: SIGNED_IN, scope: 'self' },
  'Mutation.subscribeFunding': { who: SIGNED_IN, scope: 'self' },
  'Mutation.unsubscribeFunding': { who: SIGNED_IN, scope: 'self' },
  'Mutation.importFundingCalls': { who: STRUCTURE, sees: 'all calls of the file or, at a broken row, none' },
  'Query.unusedFundingCalls': { who: ANALYSING, sees: FUNDING.replace('open calls', 'calls') },
  'Chat.funding': { who: EVERYONE, sees: `${FUNDING}; subscriptions need a linked account` },
  'GET /funding/deadlines.ics': { who: EVERYONE, sees: 'the deadlines of public calls (of a topic: ?topic=…)' },
  'GET /funding/calls.atom': { who: EVERYONE, sees: 'public calls as an Atom feed (of a topic: ?topic=…)' },
};
