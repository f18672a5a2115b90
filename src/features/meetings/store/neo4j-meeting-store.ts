import { bumpChangeSequence } from '../../../../graph/neo4j/change-sequence.js';
import { writeStateEntries } from '../../../../graph/neo4j/coordination.js';
import { MEETING_QUERIES, saveMeetings, toMeetings } from '../../../../graph/neo4j/meeting-records.js';
import type { Neo4jSessions, OwnChanges } from '../../../../graph/neo4j/sessions.js';
import type { StateEntry } from '../../../domain/ports/coordination-store.port.js';
import type { MeetingStore } from '../domain/meeting-store.port.js';
import type { Meeting } from '../domain/meetings.js';

// Meetings in Neo4j (the Cypher lives in meeting-records.ts). Saving moves the change counter.

export class Neo4jMeetingStore implements MeetingStore {
  constructor(
    private readonly sessions: Neo4jSessions,
    private readonly own: OwnChanges,
  ) {}

  async saveMeeting(meeting: Meeting, alongside: readonly StateEntry[] = []): Promise<boolean> {
    return this.saveMeetings([meeting], alongside);
  }

  async saveMeetings(meetings: readonly Meeting[], alongside: readonly StateEntry[] = []): Promise<boolean> {
    const stale = new Error('stale');
    try {
      await this.sessions.write(async (tx) => {
        if (!(await saveMeetings(tx, meetings))) throw stale;
        if (alongside.length) await writeStateEntries(tx, alongside);
        await bumpChangeSequence(tx);
      });
      this.own.counted();
      return true;
    } catch (error) {
      if (error === stale) return false;
      throw error;
    }
  }

  async meetingsOfSeries(seriesIds: readonly string[]): Promise<Meeting[]> {
    return toMeetings(await this.sessions.records(MEETING_QUERIES.ofSeries, { seriesIds }));
  }

  async meetingById(id: string): Promise<Meeting | null> {
    return toMeetings(await this.sessions.records(MEETING_QUERIES.byId, { id }))[0] ?? null;
  }

  async meetingsStarting(from: string, to: string): Promise<Meeting[]> {
    return toMeetings(await this.sessions.records(MEETING_QUERIES.starting, { from, to }));
  }

  async meetingsOf(personIds: readonly string[], from: string, to: string): Promise<Meeting[]> {
    return toMeetings(await this.sessions.records(MEETING_QUERIES.ofPeople, { ids: personIds, from, to }));
  }
}
