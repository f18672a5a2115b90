import type { SuggestionFeedback } from './feedback.js';

/**
 * Answers to suggestions as records: a row of suggestion_feedback on the embedded store,
 * (:SuggestionFeedback)-[:IN_DISTRICT]->(:District) in Neo4j; the last answer per suggestion.
 */
export interface SuggestionFeedbackStore {
  saveFeedback(feedback: SuggestionFeedback): Promise<void>;
  /** The last answer to each suggestion of the district. */
  feedbackOf(districtAgs: string): Promise<SuggestionFeedback[]>;
}
