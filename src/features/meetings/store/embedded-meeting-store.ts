import type Database from 'better-sqlite3';
import type { OwnChanges } from '../../../../graph/embedded/change-sequence.js';
import * as meetingRows from '../../../../graph/embedded/meeting-rows.js';
import * as stateRows from '../../../../graph/embedded/state-rows.js';
import type { StateEntry } from '../../../domain/ports/coordination-store.port.js';
import type { MeetingStore } from '../domain/meeting-store.port.js';
import type { Meeting } from '../domain/meetings.js';

// Meetings in SQLite (the SQL lives in meeting-rows.ts). Saving moves the change counter.

export class EmbeddedMeetingStore implements MeetingStore {
  constructor(
    private readonly db: Database.Database,
    private readonly own: OwnChanges,
  ) {}

  async saveMeeting(meeting: Meeting, alongside: readonly StateEntry[] = []): Promise<boolean> {
    return this.saveMeetings([meeting], alongside);
  }

  async saveMeetings(meetings: readonly Meeting[], alongside: readonly StateEntry[] = []): Promise<boolean> {
    return this.db.transaction(() => {
      const saved = meetingRows.saveMeetings(this.db, meetings);
      if (saved) for (const entry of alongside) stateRows.setState(this.db, entry.key, entry.value);
      if (saved) this.own.bumpInTransaction(this.db);
      return saved;
    })();
  }

  async meetingsOfSeries(seriesIds: readonly string[]): Promise<Meeting[]> {
    return meetingRows.meetingsOfSeries(this.db, seriesIds);
  }

  async meetingById(id: string): Promise<Meeting | null> {
    return meetingRows.meetingById(this.db, id);
  }

  async meetingsStarting(from: string, to: string): Promise<Meeting[]> {
    return meetingRows.meetingsStarting(this.db, from, to);
  }

  async meetingsOf(personIds: readonly string[], from: string, to: string): Promise<Meeting[]> {
    return meetingRows.meetingsOfPeople(this.db, personIds, from, to);
  }
}
