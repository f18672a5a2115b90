import type { DatePoll, DecisionPoll } from './meetings.js';

/**
 * Decision polls taken in meetings and date polls for new ones, as records; each vote is its own
 * record (a row keyed by poll and voter; a DecisionVote or DatePollVote node CAST by its Person),
 * so two people voting at once never overwrite each other.
 */
export interface PollStore {
  /** Saves a decision poll's own fields (question, answers, who opened it, when it closed); votes stay. */
  saveDecisionPoll(poll: DecisionPoll): Promise<void>;
  /** One person's answer (1-based); a new one replaces their earlier answer. */
  voteInDecision(pollId: string, voterId: string, answer: number): Promise<void>;
  decisionPollById(id: string): Promise<DecisionPoll | null>;
  /** A meeting's decision polls, oldest first. */
  decisionPollsOf(meetingId: string): Promise<DecisionPoll[]>;
  /** Decision polls the person opened or voted in (their data export). */
  decisionPollsOfPerson(personId: string): Promise<DecisionPoll[]>;
  /** Erasure: the person's votes keep counting under an anonymous voter id. */
  anonymiseVotes(personId: string, anonymousIdOf: () => string): Promise<void>;
  /** Saves a date poll's own fields (slots, invitees, state, the meeting it became); votes stay. */
  saveDatePoll(poll: DatePoll): Promise<void>;
  /** The slots (1-based) that suit a person; replaces their earlier answer. */
  voteInDatePoll(pollId: string, voterId: string, slots: readonly number[]): Promise<void>;
  datePollById(id: string): Promise<DatePoll | null>;
}
