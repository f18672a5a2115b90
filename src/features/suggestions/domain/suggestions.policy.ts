import { COORDINATING, type PolicyRow } from '../../../services/access/domain/policy-rows.js';

// The suggestions' rows of the access policy (merged into ACCESS_POLICY).

export const SUGGESTIONS_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Query.suggestions': {
    who: COORDINATING,
    scope: 'ownDistrict',
    sees: 'suggestions of a district the caller coordinates; people only as the caller may see them',
  },
  'Mutation.answerSuggestion': { who: COORDINATING, scope: 'ownDistrict' },
  'Mutation.takeSuggestion': {
    who: COORDINATING,
    scope: 'ownDistrict',
    sees: 'how many people its step told; the notices go to those people only',
  },
  'Chat.suggestions': { who: COORDINATING, scope: 'ownDistrict', sees: "suggestions for the caller's districts" },
};
