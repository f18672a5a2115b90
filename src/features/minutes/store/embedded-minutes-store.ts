import type Database from 'better-sqlite3';
import type { Attendance, MinutesItem } from '../domain/minutes.js';
import type { MinutesStore } from '../domain/minutes-store.port.js';

// The minutes in SQLite: minutes_items (each row belongs to a meeting by foreign key; the columns
// are the record, nothing kept as JSON) and minutes_attendance, with an index for every lookup.

interface ItemRow {
  id: string;
  meeting_id: string;
  kind: MinutesItem['kind'];
  text: string;
  author_id: string;
  owner_id: string | null;
  due: string | null;
  done_at: string | null;
  district_ags: string | null;
  due_moved: number;
  at: string;
}

const COLUMNS = 'id, meeting_id, kind, text, author_id, owner_id, due, done_at, district_ags, due_moved, at';

function toItem(row: ItemRow): MinutesItem {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    kind: row.kind,
    text: row.text,
    authorId: row.author_id,
    ownerId: row.owner_id,
    due: row.due,
    at: row.at,
    ...(row.done_at ? { doneAt: row.done_at } : {}),
    ...(row.district_ags ? { districtAgs: row.district_ags } : {}),
    ...(row.due_moved ? { dueMoved: true } : {}),
  };
}

export class EmbeddedMinutesStore implements MinutesStore {
  constructor(private readonly db: Database.Database) {}

  async saveMinutesItems(items: readonly MinutesItem[]): Promise<void> {
    const save = this.db.prepare(
      `INSERT INTO minutes_items (${COLUMNS})
       VALUES (@id, @meeting_id, @kind, @text, @author_id, @owner_id, @due, @done_at, @district_ags, @due_moved, @at)
       ON CONFLICT(id) DO UPDATE SET text = excluded.text, owner_id = excluded.owner_id, due = excluded.due,
         done_at = excluded.done_at, district_ags = excluded.district_ags, due_moved = excluded.due_moved`,
    );
    this.db.transaction(() => {
      for (const item of items)
        save.run({
          id: item.id,
          meeting_id: item.meetingId,
          kind: item.kind,
          text: item.text,
          author_id: item.authorId,
          owner_id: item.ownerId,
          due: item.due,
          done_at: item.doneAt ?? null,
          district_ags: item.districtAgs ?? null,
          due_moved: item.dueMoved ? 1 : 0,
          at: item.at,
        });
    })();
  }

  async minutesItemsOf(meetingId: string): Promise<MinutesItem[]> {
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM minutes_items WHERE meeting_id = ? ORDER BY at, id`)
      .all(meetingId) as ItemRow[];
    return rows.map(toItem);
  }

  async openActionItems(ownerId?: string): Promise<MinutesItem[]> {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM minutes_items
         WHERE kind = 'TASK' AND done_at IS NULL AND (@owner IS NULL OR owner_id = @owner)
         ORDER BY due, at, id`,
      )
      .all({ owner: ownerId ?? null }) as ItemRow[];
    return rows.map(toItem);
  }

  async minutesItemsOfPerson(personId: string): Promise<MinutesItem[]> {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM minutes_items WHERE author_id = @p
         UNION SELECT ${COLUMNS} FROM minutes_items WHERE owner_id = @p ORDER BY at, id`,
      )
      .all({ p: personId }) as ItemRow[];
    return rows.map(toItem);
  }

  async markPresent(meetingId: string, marks: readonly Attendance[]): Promise<void> {
    const mark = this.db.prepare(
      `INSERT INTO minutes_attendance (meeting_id, person_id, at, marked_by) VALUES (?, ?, ?, ?)
       ON CONFLICT(meeting_id, person_id) DO UPDATE SET at = excluded.at, marked_by = excluded.marked_by`,
    );
    this.db.transaction(() => {
      for (const m of marks) mark.run(meetingId, m.personId, m.at, m.by);
    })();
  }

  async attendanceOf(meetingId: string): Promise<Attendance[]> {
    const rows = this.db
      .prepare('SELECT person_id, at, marked_by FROM minutes_attendance WHERE meeting_id = ? ORDER BY at, person_id')
      .all(meetingId) as { person_id: string; at: string; marked_by: string | null }[];
    return rows.map((r) => ({ personId: r.person_id, at: r.at, by: r.marked_by }));
  }

  async attendanceOfPerson(personId: string): Promise<(Attendance & { meetingId: string })[]> {
    const rows = this.db
      .prepare('SELECT meeting_id, at, marked_by FROM minutes_attendance WHERE person_id = ? ORDER BY at')
      .all(personId) as { meeting_id: string; at: string; marked_by: string | null }[];
    return rows.map((r) => ({ meetingId: r.meeting_id, personId, at: r.at, by: r.marked_by }));
  }

  async forgetInMinutes(personId: string, erasedText: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('UPDATE minutes_items SET text = ? WHERE author_id = ?').run(erasedText, personId);
      this.db.prepare('DELETE FROM minutes_attendance WHERE person_id = ?').run(personId);
    })();
  }
}
