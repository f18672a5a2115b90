import type { Suggestion, SuggestionKind } from './suggestions.js';

// What the district coordination answered to a suggestion: taken (its step was done), dismissed
// (not useful) or snoozed (later). A dismissed or taken suggestion stays away until its facts
// change; a snoozed one until its day. The ranking learns from the answers, per kind: documented
// and explainable, no model.

export const SUGGESTION_ANSWERS = ['TAKEN', 'DISMISSED', 'SNOOZED'] as const;
export type SuggestionAnswer = (typeof SUGGESTION_ANSWERS)[number];

export interface SuggestionFeedback {
  districtAgs: string;
  suggestionId: string;
  kind: SuggestionKind;
  answer: SuggestionAnswer;
  /** The facts the answer was given on. */
  factsKey: string;
  /** SNOOZED: the first day it shows again, YYYY-MM-DD. */
  until: string | null;
  by: string | null;
  at: string;
}

/** Whether a suggestion shows, given the last answer to it. */
export function stillOpen(suggestion: Suggestion, answer: SuggestionFeedback | undefined, today: string): boolean {
  if (!answer) return true;
  if (answer.answer === 'SNOOZED') return answer.until !== null && answer.until <= today;
  return answer.factsKey !== suggestion.factsKey;
}

/**
 * Orders suggestions by their own score (shared topics, for meetings), weighted per kind by what
 * the district did with this kind before: × (1 + taken) / (1 + dismissed). Ties by id, so the
 * order is stable.
 */
export function rank(suggestions: Suggestion[], history: readonly SuggestionFeedback[]): Suggestion[] {
  const weight = (kind: SuggestionKind) => {
    const taken = history.filter((f) => f.kind === kind && f.answer === 'TAKEN').length;
    const dismissed = history.filter((f) => f.kind === kind && f.answer === 'DISMISSED').length;
    return (1 + taken) / (1 + dismissed);
  };
  return suggestions
    .map((s) => ({ ...s, score: s.score * weight(s.kind) }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
