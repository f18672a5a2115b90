import type { Suggestion } from './suggestions.js';

// What the suggestions tell people, as typed notices: the chat layer words them.

export type SuggestionNotice =
  /** To the KIK and Koordinationskraft of a district, once a week: its best open suggestions, with the names they need. */
  { type: 'suggestionsWeekly'; suggestions: Suggestion[]; names: Record<string, string> };
