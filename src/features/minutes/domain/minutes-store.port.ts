import type { Attendance, MinutesItem } from './minutes.js';

/**
 * The minutes of meetings as records (rows with foreign keys to their meeting in the embedded
 * store; MinutesItem and ActionItem nodes RECORDED_IN their Meeting and ASSIGNED_TO their owner in
 * Neo4j). Every lookup is by an index: a meeting's items, a person's open action items, all open
 * action items, what a person wrote or was given.
 */
export interface MinutesStore {
  /** Saves items (new or changed, by id) in one transaction; each item's meeting exists. */
  saveMinutesItems(items: readonly MinutesItem[]): Promise<void>;
  /** A meeting's items in the order they were noted. */
  minutesItemsOf(meetingId: string): Promise<MinutesItem[]>;
  /** Open action items (not done), of one owner when given, soonest due first. */
  openActionItems(ownerId?: string): Promise<MinutesItem[]>;
  /** Items the person wrote or was given, for their data export and erasure. */
  minutesItemsOfPerson(personId: string): Promise<MinutesItem[]>;
  /** Marks people present in a meeting (again: the later mark stays). */
  markPresent(meetingId: string, marks: readonly Attendance[]): Promise<void>;
  /** Who was marked present, in the order they were marked. */
  attendanceOf(meetingId: string): Promise<Attendance[]>;
  /** The meetings a person was marked present at. */
  attendanceOfPerson(personId: string): Promise<(Attendance & { meetingId: string })[]>;
  /** Erasure: what the person wrote reads `erasedText`, and their attendance is forgotten. */
  forgetInMinutes(personId: string, erasedText: string): Promise<void>;
}
