import type Database from 'better-sqlite3';
import { endsAt, type Meeting } from '../../src/features/meetings/domain/meetings.js';

// Meetings in SQLite: each as JSON with its times, version and series as columns, plus a row per
// person taking part, so "whose meetings overlap this time" and "the dates of a series" are
// indexed lookups. Saves follow the version rule: one stale meeting and none of the batch is saved.

const IDS = '(SELECT value FROM json_each(?))';
const meetingsOf = (rows: unknown[]) => (rows as { data: string }[]).map((r) => JSON.parse(r.data) as Meeting);

export function saveMeetings(db: Database.Database, meetings: readonly Meeting[]): boolean {
  const insert = db.prepare(
    'INSERT INTO meetings (id, starts_at, ends_at, version, series_id, data) VALUES (@id, @starts_at, @ends_at, @version, @series_id, @data) ON CONFLICT(id) DO NOTHING',
  );
  const update = db.prepare(
    'UPDATE meetings SET starts_at = @starts_at, ends_at = @ends_at, version = @version, series_id = @series_id, data = @data WHERE id = @id AND version = @version - 1',
  );
  const forget = db.prepare('DELETE FROM meeting_people WHERE meeting_id = ?');
  const person = db.prepare('INSERT INTO meeting_people (meeting_id, person_id) VALUES (?, ?)');
  const stale = new Error('stale');
  try {
    db.transaction(() => {
      for (const meeting of meetings) {
        const row = {
          id: meeting.id,
          starts_at: meeting.startsAt,
          ends_at: endsAt(meeting),
          version: meeting.version,
          series_id: meeting.series?.id ?? null,
          data: JSON.stringify(meeting),
        };
        if ((meeting.version === 1 ? insert : update).run(row).changes === 0) throw stale;
        forget.run(meeting.id);
        for (const id of new Set([meeting.organiserId, ...meeting.inviteeIds])) person.run(meeting.id, id);
      }
    }).immediate();
    return true;
  } catch (error) {
    if (error === stale) return false;
    throw error;
  }
}

export function meetingById(db: Database.Database, id: string): Meeting | null {
  return meetingsOf(db.prepare('SELECT data FROM meetings WHERE id = ?').all(id))[0] ?? null;
}

export function meetingsStarting(db: Database.Database, from: string, to: string): Meeting[] {
  return meetingsOf(
    db.prepare('SELECT data FROM meetings WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at').all(from, to),
  );
}

export function meetingsOfPeople(
  db: Database.Database,
  personIds: readonly string[],
  from: string,
  to: string,
): Meeting[] {
  return meetingsOf(
    db
      .prepare(
        `SELECT DISTINCT m.data, m.starts_at FROM meeting_people p JOIN meetings m ON m.id = p.meeting_id
         WHERE p.person_id IN ${IDS} AND m.starts_at < ? AND m.ends_at > ? ORDER BY m.starts_at`,
      )
      .all(JSON.stringify(personIds), to, from),
  );
}

export function meetingsOfSeries(db: Database.Database, seriesIds: readonly string[]): Meeting[] {
  return meetingsOf(
    db.prepare(`SELECT data FROM meetings WHERE series_id IN ${IDS} ORDER BY starts_at`).all(JSON.stringify(seriesIds)),
  );
}
