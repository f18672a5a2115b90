import type { ManagedTransaction } from 'neo4j-driver';
import type { Attendance, MinutesItem } from '../domain/minutes.js';
import type { MinutesStore } from '../domain/minutes-store.port.js';
import type { Neo4jSessions } from '../../../../graph/neo4j/sessions.js';

// The minutes in Neo4j, as an analyst would draw them: (:MinutesItem)-[:RECORDED_IN]->(:Meeting);
// action items also carry the label ActionItem, `open` while not done, and point to their owner
// with -[:ASSIGNED_TO]->(:Person); (:Person)-[:ATTENDED {at, markedBy}]->(:Meeting). Dates are
// strings as everywhere in the hub ('2026-12-06' compares as a day; date(i.due) in Cypher).

const ITEM_FIELDS =
  'i.id AS id, m.id AS meetingId, i.kind AS kind, i.text AS text, i.authorId AS authorId, ' +
  'i.ownerId AS ownerId, i.due AS due, i.doneAt AS doneAt, i.districtAgs AS districtAgs, i.dueMoved AS dueMoved, i.at AS at';

type Row = { get(key: string): unknown };

function toItem(r: Row): MinutesItem {
  const optional = (key: string) => (r.get(key) ?? undefined) as string | undefined;
  const doneAt = optional('doneAt');
  const districtAgs = optional('districtAgs');
  return {
    id: r.get('id') as string,
    meetingId: r.get('meetingId') as string,
    kind: r.get('kind') as MinutesItem['kind'],
    text: r.get('text') as string,
    authorId: r.get('authorId') as string,
    ownerId: (r.get('ownerId') as string | null) ?? null,
    due: (r.get('due') as string | null) ?? null,
    at: r.get('at') as string,
    ...(doneAt ? { doneAt } : {}),
    ...(districtAgs ? { districtAgs } : {}),
    ...(r.get('dueMoved') ? { dueMoved: true } : {}),
  };
}

/** Saves items and keeps their relationships to meeting and owner; runs in the caller's transaction (migrations too). */
export async function writeMinutesItems(tx: ManagedTransaction, items: readonly MinutesItem[]): Promise<void> {
  if (!items.length) return;
  await tx.run(
    `UNWIND $items AS item
     MATCH (m:Meeting {id: item.meetingId})
     MERGE (i:MinutesItem {id: item.props.id})
     SET i = item.props
     MERGE (i)-[:RECORDED_IN]->(m)
     FOREACH (_ IN CASE WHEN item.props.kind = 'TASK' THEN [1] ELSE [] END | SET i:ActionItem)
     WITH i, item
     OPTIONAL MATCH (i)-[old:ASSIGNED_TO]->()
     DELETE old
     WITH DISTINCT i, item
     OPTIONAL MATCH (p:Entity {id: item.props.ownerId})
     FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (i)-[:ASSIGNED_TO]->(p))`,
    {
      items: items.map((item) => ({
        meetingId: item.meetingId,
        props: {
          id: item.id,
          kind: item.kind,
          text: item.text,
          authorId: item.authorId,
          ownerId: item.ownerId,
          due: item.due,
          doneAt: item.doneAt ?? null,
          districtAgs: item.districtAgs ?? null,
          dueMoved: item.dueMoved ?? false,
          at: item.at,
          open: item.kind === 'TASK' && !item.doneAt,
        },
      })),
    },
  );
}

/** Marks people present; runs in the caller's transaction (migrations too). */
export async function writeAttendance(
  tx: ManagedTransaction,
  marks: readonly (Attendance & { meetingId: string })[],
): Promise<void> {
  if (!marks.length) return;
  await tx.run(
    `UNWIND $marks AS mark
     MATCH (m:Meeting {id: mark.meetingId}), (p:Entity {id: mark.personId})
     MERGE (p)-[a:ATTENDED]->(m)
     SET a.at = mark.at, a.markedBy = mark.by`,
    { marks: marks.map((m) => ({ meetingId: m.meetingId, personId: m.personId, at: m.at, by: m.by })) },
  );
}

export class Neo4jMinutesStore implements MinutesStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async saveMinutesItems(items: readonly MinutesItem[]): Promise<void> {
    await this.sessions.write((tx) => writeMinutesItems(tx, items));
  }

  async minutesItemsOf(meetingId: string): Promise<MinutesItem[]> {
    return this.items(
      `MATCH (i:MinutesItem)-[:RECORDED_IN]->(m:Meeting {id: $meetingId})
       RETURN ${ITEM_FIELDS} ORDER BY i.at, i.id`,
      { meetingId },
    );
  }

  async openActionItems(ownerId?: string): Promise<MinutesItem[]> {
    const match = ownerId
      ? 'MATCH (i:ActionItem {ownerId: $ownerId, open: true})'
      : 'MATCH (i:ActionItem {open: true})';
    return this.items(`${match}-[:RECORDED_IN]->(m:Meeting) RETURN ${ITEM_FIELDS} ORDER BY i.due, i.at, i.id`, {
      ownerId: ownerId ?? null,
    });
  }

  async minutesItemsOfPerson(personId: string): Promise<MinutesItem[]> {
    return this.items(
      `CALL () {
         MATCH (i:MinutesItem {authorId: $personId}) RETURN i
         UNION
         MATCH (i:MinutesItem {ownerId: $personId}) RETURN i
       }
       MATCH (i)-[:RECORDED_IN]->(m:Meeting)
       RETURN ${ITEM_FIELDS} ORDER BY i.at, i.id`,
      { personId },
    );
  }

  async markPresent(meetingId: string, marks: readonly Attendance[]): Promise<void> {
    await this.sessions.write((tx) =>
      writeAttendance(
        tx,
        marks.map((m) => ({ ...m, meetingId })),
      ),
    );
  }

  async attendanceOf(meetingId: string): Promise<Attendance[]> {
    const result = await this.sessions.read((tx) =>
      tx.run(
        `MATCH (p:Person)-[a:ATTENDED]->(:Meeting {id: $meetingId})
         RETURN p.id AS personId, a.at AS at, a.markedBy AS by ORDER BY a.at, p.id`,
        { meetingId },
      ),
    );
    return result.records.map((r) => ({
      personId: r.get('personId') as string,
      at: r.get('at') as string,
      by: (r.get('by') as string | null) ?? null,
    }));
  }

  async attendanceOfPerson(personId: string): Promise<(Attendance & { meetingId: string })[]> {
    const result = await this.sessions.read((tx) =>
      tx.run(
        `MATCH (:Entity {id: $personId})-[a:ATTENDED]->(m:Meeting)
         RETURN m.id AS meetingId, a.at AS at, a.markedBy AS by ORDER BY a.at`,
        { personId },
      ),
    );
    return result.records.map((r) => ({
      meetingId: r.get('meetingId') as string,
      personId,
      at: r.get('at') as string,
      by: (r.get('by') as string | null) ?? null,
    }));
  }

  async forgetInMinutes(personId: string, erasedText: string): Promise<void> {
    await this.sessions.write(async (tx) => {
      await tx.run('MATCH (i:MinutesItem {authorId: $personId}) SET i.text = $erasedText', { personId, erasedText });
      await tx.run('MATCH (:Entity {id: $personId})-[a:ATTENDED]->(:Meeting) DELETE a', { personId });
    });
  }

  private async items(query: string, params: Record<string, unknown>): Promise<MinutesItem[]> {
    const result = await this.sessions.read((tx) => tx.run(query, params));
    return result.records.map(toItem);
  }
}
