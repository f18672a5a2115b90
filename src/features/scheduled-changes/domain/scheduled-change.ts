import type { Role } from '../../../domain/model.js';

// Changes of the network that take effect on a day still to come: "the KIK of Radebeul leaves at
// the end of the month", "Radebeul and Coswig become one town on 1 January", "the alliance stops
// at the end of the year". Checked when scheduled as if made then, listed until the day, announced
// to those affected, applied by the timer on the day (once) and cancellable until then.

export const SCHEDULED_STATES = ['SCHEDULED', 'APPLIED', 'CANCELLED'] as const;
type ScheduledState = (typeof SCHEDULED_STATES)[number];

interface ScheduledBase {
  id: string;
  /** The first day of the new state (Berlin), YYYY-MM-DD: the first day without the role or record, the merged town's first day. */
  effectiveOn: string;
  /** The districts whose coordination sees and may cancel it. */
  districtAgs: string[];
  scheduledBy: string | null;
  scheduledAt: string;
  state: ScheduledState;
  /** When it was applied or cancelled, and by whom (null: the timer). */
  settledAt: string | null;
  settledBy: string | null;
}

/** A role ends (with its handover). */
export interface ScheduledRoleEnd extends ScheduledBase {
  kind: 'endRole';
  roleId: string;
  /** Whose role it is, and which (as it was when scheduled). */
  personId: string;
  role: Role;
  scopeId: string | null;
  /** Who takes the role and its open work over; null: the district's Koordinationskraft takes the work. */
  successorId: string | null;
}

/** An alliance or institution stops; its memberships and links end with it. */
export interface ScheduledRecordEnd extends ScheduledBase {
  kind: 'endRecord';
  recordId: string;
}

/** Towns merge (Gemeindefusion) into an existing one or a new one. */
export interface ScheduledMerger extends ScheduledBase {
  kind: 'mergeMunicipalities';
  townIds: string[];
  /** The town they merge into; null: a new one named `intoName`. */
  intoId: string | null;
  intoName: string | null;
  intoAgs: string | null;
  /** The KIK who serves the merged town, where more than one served them. */
  servedBy: string | null;
}

export type ScheduledChange = ScheduledRoleEnd | ScheduledRecordEnd | ScheduledMerger;

/** The roles, records and towns a change acts on: one change still to come each. */
export function targetsOf(change: ScheduledChange): string[] {
  if (change.kind === 'endRole') return [change.roleId];
  if (change.kind === 'endRecord') return [change.recordId];
  return [...change.townIds, ...(change.intoId ? [change.intoId] : [])];
}
