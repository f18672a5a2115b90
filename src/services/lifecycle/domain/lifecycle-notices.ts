import type { CoordinatingRole, Role } from '../../../domain/model.js';
import type { ScheduledSummary } from '../../../features/scheduled-changes/domain/scheduled-summary.js';
import type { ProposedChange } from '../../../features/proposals/domain/proposals.js';

// What keeping the network true tells people (handovers, proposals, the yearly check), as typed
// notices: the chat layer words them (bots/core/notice-texts.ts) in the reader's language.

/** The open work that moved with a handover. */
export interface HandedOverWork {
  requests: number;
  meetings: number;
  tasks: number;
}

/** A proposal as its reader sees it: the change, with the names of the records it refers to. */
export interface ProposalFacts {
  proposalId: string;
  proposerName: string;
  change: ProposedChange;
  names: Record<string, string>;
}

export type LifecycleNotice =
  /** To whoever takes over from a KIK or Koordinationskraft whose role ended. */
  | { type: 'workTakenOver'; leaverName: string; role: CoordinatingRole; until: string; work: HandedOverWork }
  /** To the person whose role ended. */
  | { type: 'roleEnded'; receiverName: string; role: CoordinatingRole; until: string; work: HandedOverWork }
  /** To the leaver, the successor and the district coordination: a role ends on a later day. */
  | {
      type: 'roleEndScheduled';
      personName: string;
      role: CoordinatingRole | Role;
      effectiveOn: string;
      successorName: string | null;
      /** The reader's own part: whose role ends, who takes over, or who oversees it. */
      reader: 'leaver' | 'successor' | 'coordination';
    }
  /** To those told of a scheduled role end: it will not happen. */
  | {
      type: 'roleEndCancelled';
      personName: string;
      role: CoordinatingRole | Role;
      effectiveOn: string;
      cancelledBy: string;
    }
  /** To those a record end or merger on a later day concerns, and the district coordination. */
  | { type: 'changeScheduled'; change: ScheduledSummary; effectiveOn: string }
  /** To those told of a scheduled record end or merger: it will not happen. */
  | { type: 'changeCancelled'; change: ScheduledSummary; effectiveOn: string; cancelledBy: string }
  | { type: 'entryCheckDue' }
  /** To the reviewers of the proposer's districts; `waitingDays` when it is a reminder. */
  | { type: 'proposalToReview'; proposal: ProposalFacts; waitingDays: number | null }
  /** To the proposer. */
  | { type: 'proposalDecided'; proposal: ProposalFacts; applied: boolean; reason: string | null };
