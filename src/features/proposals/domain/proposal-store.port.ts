import type { ChangeProposal } from './proposals.js';

/**
 * Change proposals as records: a row (the proposed change in columns) with the districts that
 * review it in a linked table on the embedded store; (:ChangeProposal)-[:PROPOSED_BY]->(:Person),
 * -[:REVIEWED_IN]->(:District), -[:DECIDED_BY]->(:Person) and -[:CONCERNS]->(the alliance, record
 * or role it is about) in Neo4j.
 */
export interface ProposalStore {
  saveProposal(proposal: ChangeProposal): Promise<void>;
  proposalById(id: string): Promise<ChangeProposal | null>;
  /** Pending proposals reviewed in any of these districts (all pending without), oldest first. */
  pendingProposals(districtAgs?: readonly string[]): Promise<ChangeProposal[]>;
  /** A person's own proposals, newest first. */
  proposalsOf(proposerId: string): Promise<ChangeProposal[]>;
}
