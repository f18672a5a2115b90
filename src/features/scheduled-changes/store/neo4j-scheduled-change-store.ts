import type { ScheduledChange } from '../domain/scheduled-change.js';
import type { ScheduledChangeStore } from '../domain/scheduled-change-store.port.js';
import type { Neo4jSessions } from '../../../../graph/neo4j/sessions.js';

// Scheduled changes in Neo4j: (:ScheduledChange {kind, effectiveOn, state, …})-[:ENDS]->
// (:RoleAssignment), -[:HANDS_TO]->(:Person) for the successor, -[:SCHEDULED_IN]->(:District).

function toChange(r: { get(key: string): unknown }): ScheduledChange {
  const p = (r.get('c') as { properties: Record<string, unknown> }).properties;
  const text = (key: string) => (p[key] as string | undefined) ?? null;
  return {
    id: p.id as string,
    kind: p.kind as ScheduledChange['kind'],
    roleId: p.roleId as string,
    personId: p.personId as string,
    role: p.role as ScheduledChange['role'],
    scopeId: text('scopeId'),
    successorId: text('successorId'),
    effectiveOn: p.effectiveOn as string,
    districtAgs: (p.districtAgs as string[] | undefined) ?? [],
    scheduledBy: text('scheduledBy'),
    scheduledAt: p.scheduledAt as string,
    state: p.state as ScheduledChange['state'],
    settledAt: text('settledAt'),
    settledBy: text('settledBy'),
  };
}

export class Neo4jScheduledChangeStore implements ScheduledChangeStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async saveScheduledChange(change: ScheduledChange): Promise<void> {
    await this.sessions.write((tx) =>
      tx.run(
        `MERGE (c:ScheduledChange {id: $change.id})
         SET c = $change
         WITH c
         OPTIONAL MATCH (c)-[old:ENDS|HANDS_TO|SCHEDULED_IN]->()
         DELETE old
         WITH DISTINCT c
         OPTIONAL MATCH (role:RoleAssignment {id: $change.roleId})
         FOREACH (_ IN CASE WHEN role IS NULL THEN [] ELSE [1] END | MERGE (c)-[:ENDS]->(role))
         WITH c
         OPTIONAL MATCH (successor:Entity {id: $change.successorId})
         FOREACH (_ IN CASE WHEN successor IS NULL THEN [] ELSE [1] END | MERGE (c)-[:HANDS_TO]->(successor))
         WITH c
         CALL (c) {
           UNWIND c.districtAgs AS ags
           MATCH (d:District {ags: ags})
           MERGE (c)-[:SCHEDULED_IN]->(d)
         }`,
        { change },
      ),
    );
  }

  async scheduledChangeById(id: string): Promise<ScheduledChange | null> {
    return (await this.changes('MATCH (c:ScheduledChange {id: $id}) RETURN c', { id }))[0] ?? null;
  }

  async upcomingChanges(districtAgs?: readonly string[]): Promise<ScheduledChange[]> {
    return this.changes(
      `MATCH (c:ScheduledChange {state: 'SCHEDULED'})
       WHERE $districts IS NULL OR any(ags IN c.districtAgs WHERE ags IN $districts)
       RETURN c ORDER BY c.effectiveOn, c.id`,
      { districts: districtAgs ?? null },
    );
  }

  async dueChanges(day: string): Promise<ScheduledChange[]> {
    return this.changes(
      "MATCH (c:ScheduledChange {state: 'SCHEDULED'}) WHERE c.effectiveOn <= $day RETURN c ORDER BY c.effectiveOn, c.id",
      { day },
    );
  }

  private async changes(query: string, params: Record<string, unknown>): Promise<ScheduledChange[]> {
    const result = await this.sessions.read((tx) => tx.run(query, params));
    return result.records.map(toChange);
  }
}
