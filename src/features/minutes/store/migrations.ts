import type { ManagedTransaction } from 'neo4j-driver';
import type { Attendance, MinutesItem } from '../domain/minutes.js';
import { writeAttendance, writeMinutesItems } from './neo4j-minutes-store.js';

// The minutes' schema steps on both stores, listed by number in graph/*/migrations.ts (embedded
// step 11, Neo4j step 12), and the move of what an earlier release kept as JSON state.

export const MINUTES_EMBEDDED_MIGRATION = `
      CREATE TABLE minutes_items (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        kind TEXT NOT NULL CHECK (kind IN ('INFO', 'DECISION', 'TASK')),
        text TEXT NOT NULL,
        author_id TEXT NOT NULL,
        owner_id TEXT,
        due TEXT,
        done_at TEXT,
        district_ags TEXT,
        due_moved INTEGER NOT NULL DEFAULT 0,
        at TEXT NOT NULL,
        CHECK (kind <> 'TASK' OR (owner_id IS NOT NULL AND due IS NOT NULL))
      ) STRICT;
      CREATE INDEX minutes_items_meeting ON minutes_items(meeting_id, at);
      CREATE INDEX minutes_items_open ON minutes_items(owner_id, due) WHERE kind = 'TASK' AND done_at IS NULL;
      CREATE INDEX minutes_items_open_due ON minutes_items(due) WHERE kind = 'TASK' AND done_at IS NULL;
      CREATE INDEX minutes_items_author ON minutes_items(author_id);
      CREATE INDEX minutes_items_owner ON minutes_items(owner_id);
      CREATE TABLE minutes_attendance (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        person_id TEXT NOT NULL,
        at TEXT NOT NULL,
        marked_by TEXT,
        PRIMARY KEY (meeting_id, person_id)
      ) STRICT;
      CREATE INDEX minutes_attendance_person ON minutes_attendance(person_id);
      INSERT INTO minutes_items (id, meeting_id, kind, text, author_id, owner_id, due, done_at, district_ags, due_moved, at)
        SELECT json_extract(s.value, '$.id'), m.id, json_extract(s.value, '$.kind'), json_extract(s.value, '$.text'),
               json_extract(s.value, '$.authorId'), json_extract(s.value, '$.ownerId'), json_extract(s.value, '$.due'),
               json_extract(s.value, '$.doneAt'),
               coalesce(json_extract(s.value, '$.districtAgs'), json_extract(m.data, '$.districtAgs')),
               coalesce(json_extract(s.value, '$.dueMoved'), 0), json_extract(s.value, '$.at')
        FROM state s JOIN meetings m ON m.id = json_extract(s.value, '$.meetingId')
        WHERE s.key >= 'minutes:' AND s.key < 'minutes;';
      INSERT INTO minutes_attendance (meeting_id, person_id, at, marked_by)
        SELECT m.id, json_extract(s.value, '$.personId'), json_extract(s.value, '$.at'), json_extract(s.value, '$.by')
        FROM state s JOIN meetings m
          ON m.id = substr(s.key, 12, length(s.key) - 12 - length(json_extract(s.value, '$.personId')))
        WHERE s.key >= 'attendance:' AND s.key < 'attendance;';
      DELETE FROM state WHERE (key >= 'minutes:' AND key < 'minutes;') OR (key >= 'task:' AND key < 'task;')
        OR (key >= 'attendance:' AND key < 'attendance;') OR (key >= 'protocol:' AND key < 'protocol;');
    `;

export const MINUTES_NEO4J_MIGRATION = [
  'CREATE CONSTRAINT minutes_item_id IF NOT EXISTS FOR (i:MinutesItem) REQUIRE i.id IS UNIQUE',
  'CREATE INDEX minutes_item_author IF NOT EXISTS FOR (i:MinutesItem) ON (i.authorId)',
  'CREATE INDEX minutes_item_owner IF NOT EXISTS FOR (i:MinutesItem) ON (i.ownerId)',
  'CREATE INDEX action_item_open IF NOT EXISTS FOR (i:ActionItem) ON (i.open, i.ownerId)',
  'CREATE INDEX action_item_due IF NOT EXISTS FOR (i:ActionItem) ON (i.due)',
];

/** Migration: the minutes kept as shared state (JSON under minutes:, task:, attendance: keys) become records. */
export async function moveMinutesOutOfState(tx: ManagedTransaction): Promise<void> {
  const state = await tx.run(
    `MATCH (s:SharedState) WHERE s.key STARTS WITH 'minutes:' OR s.key STARTS WITH 'attendance:'
     RETURN s.key AS key, s.value AS value`,
  );
  const items: MinutesItem[] = [];
  const marks: (Attendance & { meetingId: string })[] = [];
  for (const r of state.records) {
    const key = r.get('key') as string;
    const value = JSON.parse(r.get('value') as string) as MinutesItem & Attendance;
    if (key.startsWith('minutes:')) items.push(value);
    else marks.push({ ...value, meetingId: key.slice('attendance:'.length, -(value.personId.length + 1)) });
  }
  const withoutDistrict = [...new Set(items.filter((i) => !i.districtAgs).map((i) => i.meetingId))];
  const meetings = await tx.run('MATCH (m:Meeting) WHERE m.id IN $ids RETURN m.id AS id, m.data AS data', {
    ids: withoutDistrict,
  });
  const districtOf = new Map(
    meetings.records.map((r) => [
      r.get('id') as string,
      (JSON.parse(r.get('data') as string) as { districtAgs?: string }).districtAgs,
    ]),
  );
  await writeMinutesItems(
    tx,
    items.map((i) => {
      const districtAgs = i.districtAgs ?? districtOf.get(i.meetingId);
      return districtAgs ? { ...i, districtAgs } : i;
    }),
  );
  await writeAttendance(tx, marks);
  await tx.run(
    `MATCH (s:SharedState)
     WHERE s.key STARTS WITH 'minutes:' OR s.key STARTS WITH 'task:' OR s.key STARTS WITH 'attendance:' OR s.key STARTS WITH 'protocol:'
     DELETE s`,
  );
}
