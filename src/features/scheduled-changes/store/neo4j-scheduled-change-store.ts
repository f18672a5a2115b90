import type { ScheduledChange } from '../domain/scheduled-change.js';
import { targetsOf } from '../domain/scheduled-change.js';
import type { ScheduledChangeStore } from '../domain/scheduled-change-store.port.js';
import type { Neo4jSessions } from '../../../../graph/neo4j/sessions.js';

// Scheduled changes in Neo4j: (:ScheduledChange {kind, effectiveOn, state, targetIds, …})-[:ENDS]->
// the role or record it ends, -[:MERGES]-> the towns it merges, -[:HANDS_TO]->(:Person) for a
// successor, -[:SCHEDULED_IN]->(:District).

/** Neo4j keeps no null properties: what a kind leaves empty comes back as null. */
const EMPTY: Record<ScheduledChange['kind'], Record<string, null>> = {
  endRole: { scopeId: null, successorId: null },
  endRecord: {},
  mergeMunicipalities: { intoId: null, intoName: null, intoAgs: null, servedBy: null },
};

function toChange(r: { get(key: string): unknown }): ScheduledChange {
  const { targetIds: _targets, ...p } = (r.get('c') as { properties: Record<string, unknown> }).properties;
  const kind = p.kind as ScheduledChange['kind'];
  return {
    ...EMPTY[kind],
    scheduledBy: null,
    settledAt: null,
    settledBy: null,
    districtAgs: [],
    ...p,
  } as unknown as ScheduledChange;
}

export class Neo4jScheduledChangeStore implements ScheduledChangeStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async saveScheduledChange(change: ScheduledChange): Promise<void> {
    const targetIds = targetsOf(change);
    await this.sessions.write((tx) =>
      tx.run(
        `MERGE (c:ScheduledChange {id: $change.id})
         SET c = $change, c.targetIds = $targetIds
         WITH c
         OPTIONAL MATCH (c)-[old:ENDS|MERGES|HANDS_TO|SCHEDULED_IN]->()
         DELETE old
         WITH DISTINCT c
         CALL (c) {
           UNWIND $targetIds AS id
           OPTIONAL MATCH (role:RoleAssignment {id: id})
           OPTIONAL MATCH (record:Entity {id: id})
           WITH coalesce(role, record) AS target WHERE target IS NOT NULL
           FOREACH (_ IN CASE WHEN c.kind = 'mergeMunicipalities' THEN [1] ELSE [] END | MERGE (c)-[:MERGES]->(target))
           FOREACH (_ IN CASE WHEN c.kind = 'mergeMunicipalities' THEN [] ELSE [1] END | MERGE (c)-[:ENDS]->(target))
         }
         WITH c
         OPTIONAL MATCH (successor:Entity {id: $change.successorId})
         FOREACH (_ IN CASE WHEN successor IS NULL THEN [] ELSE [1] END | MERGE (c)-[:HANDS_TO]->(successor))
         WITH c
         CALL (c) {
           UNWIND c.districtAgs AS ags
           MATCH (d:District {ags: ags})
           MERGE (c)-[:SCHEDULED_IN]->(d)
         }`,
        { change: { ...change, successorId: 'successorId' in change ? change.successorId : null }, targetIds },
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

  async upcomingChangesOf(targetIds: readonly string[]): Promise<ScheduledChange[]> {
    return this.changes(
      `MATCH (c:ScheduledChange {state: 'SCHEDULED'})
       WHERE any(id IN c.targetIds WHERE id IN $targetIds)
       RETURN c ORDER BY c.effectiveOn, c.id`,
      { targetIds },
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
