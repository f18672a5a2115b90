import type { Role } from '../../../domain/model.js';

// Changes of the network that take effect on a day still to come: "the KIK of Radebeul leaves at
// the end of the month". Checked when scheduled as if made then, listed until the day, announced to
// those affected, applied by the timer on the day (once) and cancellable until then.

export const SCHEDULED_STATES = ['SCHEDULED', 'APPLIED', 'CANCELLED'] as const;
type ScheduledState = (typeof SCHEDULED_STATES)[number];

export interface ScheduledChange {
  id: string;
  /** What happens on the day; a role ending (with its handover) for now. */
  kind: 'endRole';
  roleId: string;
  /** Whose role it is, and which (as it was when scheduled). */
  personId: string;
  role: Role;
  scopeId: string | null;
  /** Who takes the role and its open work over; null: the district's Koordinationskraft takes the work. */
  successorId: string | null;
  /** The first day without the role (Berlin), YYYY-MM-DD. */
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
