import { COORDINATING, EVERYONE, SIGNED_IN, type PolicyRow } from '../../../services/access/domain/policy-rows.js';

// The advice offers' rows of the access policy (merged into ACCESS_POLICY).

export const ADVICE_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Query.adviceOffers': { who: EVERYONE, sees: "offers of the caller's districts (everywhere without one)" },
  'Mutation.createAdviceOffer': { who: COORDINATING, sees: 'offered by the caller, in their district' },
  'Mutation.requestAdvice': { who: SIGNED_IN, sees: 'a request to whoever offers it, routed like any other' },
  'Chat.advice': { who: EVERYONE, sees: 'offers of the caller’s districts; asking for one needs a linked account' },
};
