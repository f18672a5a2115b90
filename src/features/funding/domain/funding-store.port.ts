import type { FundingCall } from './funding-calls.js';

/**
 * Funding calls and who follows which topics, as records: rows with their topics and districts in
 * linked tables on the embedded store; (:FundingCall)-[:ON_TOPIC]->(:Topic) and -[:OPEN_TO]->
 * (:District), and (:Person)-[:FOLLOWS_FUNDING]->(:Topic), in Neo4j.
 */
export interface FundingStore {
  /** Saves calls (new or replacing those of the same id) in one transaction: all of them or none. */
  saveFundingCalls(calls: readonly FundingCall[]): Promise<void>;
  fundingCallById(id: string): Promise<FundingCall | null>;
  /** Every call, soonest deadline first (a few thousand at most: calls are few and short-lived). */
  allFundingCalls(): Promise<FundingCall[]>;
  /** The topics whose calls the person follows. */
  followedTopics(personId: string): Promise<string[]>;
  /** Replaces the topics the person follows (none: follows nothing). */
  setFollowedTopics(personId: string, topicIds: readonly string[]): Promise<void>;
  /** Everybody who follows a topic, with their topics. */
  followers(): Promise<{ personId: string; topicIds: string[] }[]>;
}
