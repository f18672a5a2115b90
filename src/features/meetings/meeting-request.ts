// What an organiser asks for when setting up a meeting, and the planner's settings.

export interface MeetingRequest {
  title: string;
  when: string;
  /** Municipalities (their KIK and Beauftragte are invited) or person ids. */
  invite: string[];
  durationMinutes?: number;
  /** Save despite conflicts or a holiday. */
  confirmed?: boolean;
  /** Also invite the members of the alliances active in the named municipalities. */
  includeAlliances?: boolean;
  /** An instant already settled (a fixed date poll slot) instead of `when`. */
  startsAt?: Date;
  agenda?: string;
  /** Where it takes place: an address or a room. */
  place?: string;
  /** Held online: gets a room of the configured video service. */
  online?: boolean;
}

export interface PlannerOptions {
  /** Base of the video service's room links, e.g. https://meet.jit.si/ (online meetings need it). */
  videoBaseUrl?: string | null;
  /** Hours before a meeting at which reminders go out (HUB_REMINDER_HOURS). */
  reminderHours?: readonly number[];
}
