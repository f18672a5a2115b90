import neo4j, { type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import { endsAt, type Meeting } from '../../src/features/meetings/domain/meetings.js';

// Meetings in Neo4j: a Meeting node holding the meeting as JSON with its times, version and
// series as indexed properties (title, district, state and organiser too, for analysts' Cypher),
// and a MeetingPerson node per person taking part.

export const MEETING_QUERIES = {
  byId: 'MATCH (m:Meeting {id: $id}) RETURN m.data AS data',
  starting:
    'MATCH (m:Meeting) WHERE m.startsAt >= $from AND m.startsAt < $to RETURN m.data AS data ORDER BY m.startsAt',
  ofPeople: `MATCH (p:MeetingPerson)<-[:WITH]-(m:Meeting) WHERE p.personId IN $ids AND m.startsAt < $to AND m.endsAt > $from
             WITH DISTINCT m RETURN m.data AS data ORDER BY m.startsAt`,
  ofSeries: 'MATCH (m:Meeting) WHERE m.seriesId IN $seriesIds RETURN m.data AS data ORDER BY m.startsAt',
};

export function toMeetings(records: Neo4jRecord[]): Meeting[] {
  return records.map((r) => JSON.parse(r.get('data') as string) as Meeting);
}

/**
 * Saves all meetings in one statement, or reports that one was stale (the caller rolls back). Each
 * is locked (a no-op write) before its version is read, so a concurrent save of the same version
 * cannot also pass.
 */
export async function saveMeetings(tx: ManagedTransaction, meetings: readonly Meeting[]): Promise<boolean> {
  const rows = meetings.map((m) => ({
    props: {
      id: m.id,
      startsAt: m.startsAt,
      endsAt: endsAt(m),
      version: neo4j.int(m.version),
      seriesId: m.series?.id ?? null,
      ...meetingProperties(m),
      data: JSON.stringify(m),
    },
    people: [...new Set([m.organiserId, ...m.inviteeIds])],
  }));
  const result = await tx.run(
    `UNWIND $rows AS row
     MERGE (m:Meeting {id: row.props.id}) ON CREATE SET m.version = 0, m.created = true
     SET m.lock = true REMOVE m.lock
     WITH m, row, coalesce(m.created, false) AS created REMOVE m.created
     WITH m, row WHERE (created AND row.props.version = 1) OR (NOT created AND m.version = row.props.version - 1)
     SET m += row.props
     WITH m, row OPTIONAL MATCH (m)-[:WITH]->(old:MeetingPerson) DETACH DELETE old
     WITH DISTINCT m, row UNWIND row.people AS personId CREATE (m)-[:WITH]->(:MeetingPerson {personId: personId})
     RETURN count(DISTINCT m) AS saved`,
    { rows },
  );
  return Number(result.records[0]?.get('saved') ?? 0) === rows.length;
}

/** What an analyst's Cypher reads of a meeting without parsing its JSON. */
function meetingProperties(m: Meeting): Record<string, unknown> {
  return { title: m.title, districtAgs: m.districtAgs, state: m.state, organiserId: m.organiserId };
}

/** Migration: meetings saved before they carried their title, district, state and organiser as properties. */
export async function spreadMeetingProperties(tx: ManagedTransaction): Promise<void> {
  const result = await tx.run('MATCH (m:Meeting) WHERE m.title IS NULL RETURN m.data AS data');
  const rows = result.records.map((r) => {
    const meeting = JSON.parse(r.get('data') as string) as Meeting;
    return { id: meeting.id, props: meetingProperties(meeting) };
  });
  await tx.run('UNWIND $rows AS row MATCH (m:Meeting {id: row.id}) SET m += row.props', { rows });
}
