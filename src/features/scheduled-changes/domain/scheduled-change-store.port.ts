import type { ScheduledChange } from './scheduled-change.js';

/**
 * Scheduled changes as records: a row of scheduled_changes (with its targets and districts) on the
 * embedded store; (:ScheduledChange)-[:ENDS]->(:RoleAssignment|Entity), -[:MERGES]->(:Municipality),
 * -[:HANDS_TO]->(:Person) and -[:SCHEDULED_IN]->(:District) in Neo4j.
 */
export interface ScheduledChangeStore {
  saveScheduledChange(change: ScheduledChange): Promise<void>;
  scheduledChangeById(id: string): Promise<ScheduledChange | null>;
  /** Changes still to come, of these districts (all without), soonest first. */
  upcomingChanges(districtAgs?: readonly string[]): Promise<ScheduledChange[]>;
  /** Changes still to come that act on any of these roles, records or towns. */
  upcomingChangesOf(targetIds: readonly string[]): Promise<ScheduledChange[]>;
  /** Changes still to come whose day is `day` or earlier, soonest first. */
  dueChanges(day: string): Promise<ScheduledChange[]>;
}
