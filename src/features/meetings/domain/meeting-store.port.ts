import type { Meeting } from './meetings.js';
import type { StateEntry } from '../../../domain/ports/coordination-store.port.js';

/** Exchange meetings and the dates of series, saved with the same version rule as requests. */
export interface MeetingStore {
  /** Saves a meeting (version rule as requests); `alongside` (its notices) in the same transaction. */
  saveMeeting(meeting: Meeting, alongside?: readonly StateEntry[]): Promise<boolean>;
  /** Saves several meetings in one transaction: all of them, or none when one version is stale. */
  saveMeetings(meetings: readonly Meeting[], alongside?: readonly StateEntry[]): Promise<boolean>;
  /** The occurrences of these recurring series, by start. */
  meetingsOfSeries(seriesIds: readonly string[]): Promise<Meeting[]>;
  meetingById(id: string): Promise<Meeting | null>;
  /** Meetings starting in [from, to), by start. */
  meetingsStarting(from: string, to: string): Promise<Meeting[]>;
  /** Meetings any of these people organise or are invited to that overlap [from, to), by start. */
  meetingsOf(personIds: readonly string[], from: string, to: string): Promise<Meeting[]>;
}
