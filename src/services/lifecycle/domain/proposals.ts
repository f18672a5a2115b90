import type { LinkType } from '../../../domain/model.js';

// Members keep their own records current: they propose a change to their record, roles,
// memberships or links; the coordination of their district confirms or rejects it. A confirmed
// proposal is applied through the one write path with the reviewer's rights.

export type ProposedChange =
  /** Fields of the proposer's own record. */
  | { kind: 'updateSelf'; fields: { name?: string; languages?: string[] } }
  /** One of the proposer's roles ends (they left an alliance, an institution, a post). */
  | { kind: 'endRole'; roleId: string }
  /** The proposer volunteers in an alliance. */
  | { kind: 'joinAlliance'; allianceId: string }
  /** A collaboration or expertise of the proposer. */
  | { kind: 'addLink'; type: Extract<LinkType, 'COOPERATES_WITH' | 'EXPERT_IN'>; toId: string; note: string | null };

export const PROPOSAL_STATES = ['PENDING', 'CONFIRMED', 'REJECTED'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export interface ChangeProposal {
  id: string;
  proposerId: string;
  /** The districts whose coordination reviews it: those of the proposer's roles (or of the alliance joined). */
  districtAgs: string[];
  change: ProposedChange;
  /** What the proposer wrote about it, if anything. */
  comment: string | null;
  state: ProposalState;
  createdAt: string;
  decidedAt: string | null;
  deciderId: string | null;
  /** Why it was rejected. */
  reason: string | null;
}
