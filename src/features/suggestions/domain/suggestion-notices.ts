import type { Suggestion } from './suggestions.js';

// What the suggestions tell people, as typed notices: the chat layer words them.

export type SuggestionNotice =
  /** To the KIK and Koordinationskraft of a district, once a week: its best open suggestions, with the names they need. */
  | { type: 'suggestionsWeekly'; suggestions: Suggestion[]; names: Record<string, string> }
  /** A funding call passed on by the district coordination to those whose requests or project ideas fit it. */
  | {
      type: 'fundingCallShared';
      sharedBy: string;
      title: string;
      funder: string;
      /** YYYY-MM-DD. */
      closesOn: string;
      url: string | null;
      topics: string[];
    }
  /** To the coordination of other districts: a request on a topic their people solved before is waiting. */
  | {
      type: 'helpAsked';
      askedBy: string;
      district: string;
      topic: string;
      waitingDays: number;
      /** Their people who resolved requests on the topic. */
      solvers: string[];
    };
