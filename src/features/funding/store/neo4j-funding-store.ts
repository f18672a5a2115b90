import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { FundingCall } from '../domain/funding-calls.js';
import type { FundingStore } from '../domain/funding-store.port.js';
import type { Neo4jSessions } from '../../../../graph/neo4j/sessions.js';

// Funding calls in Neo4j: (:FundingCall {title, funder, level, opensOn, closesOn, …, topicIds,
// districtAgs}) with -[:ON_TOPIC]->(:Topic) and -[:OPEN_TO]->(:District) kept beside the lists,
// and (:Person)-[:FOLLOWS_FUNDING {position}]->(:Topic) for the topics a person follows. Amounts
// are integers.

type Row = { get(key: string): unknown };

const toNumber = (value: unknown): number | null =>
  value === null || value === undefined
    ? null
    : neo4j.isInt(value)
      ? (value as neo4j.Integer).toNumber()
      : Number(value);

function toCall(r: Row): FundingCall {
  const c = r.get('c') as { properties: Record<string, unknown> };
  const p = c.properties;
  return {
    id: p.id as string,
    programmeId: (p.programmeId as string | undefined) ?? null,
    title: p.title as string,
    funder: p.funder as string,
    level: p.level as FundingCall['level'],
    topicIds: (p.topicIds as string[] | undefined) ?? [],
    eligible: (p.eligible as FundingCall['eligible'] | undefined) ?? [],
    amountMin: toNumber(p.amountMin),
    amountMax: toNumber(p.amountMax),
    coFinancingPercent: toNumber(p.coFinancingPercent),
    url: (p.url as string | undefined) ?? null,
    opensOn: p.opensOn as string,
    closesOn: p.closesOn as string,
    stateCode: (p.stateCode as string | undefined) ?? null,
    districtAgs: (p.districtAgs as string[] | undefined) ?? [],
    public: p.public === true,
    demo: p.demo === true,
  };
}

/** Writes calls with their relationships, in the caller's transaction (the migration's too). */
async function writeFundingCalls(tx: ManagedTransaction, calls: readonly FundingCall[]): Promise<void> {
  if (!calls.length) return;
  await tx.run(
    `UNWIND $calls AS call
     MERGE (c:FundingCall {id: call.id})
     SET c = call
     WITH c, call
     OPTIONAL MATCH (c)-[old:ON_TOPIC|OPEN_TO]->()
     DELETE old
     WITH DISTINCT c, call
     CALL (c, call) {
       UNWIND call.topicIds AS topicId
       MATCH (t:Entity {id: topicId})
       MERGE (c)-[:ON_TOPIC]->(t)
     }
     CALL (c, call) {
       UNWIND call.districtAgs AS ags
       MATCH (d:District {ags: ags})
       MERGE (c)-[:OPEN_TO]->(d)
     }`,
    {
      calls: calls.map((c) => ({
        ...c,
        amountMin: c.amountMin === null ? null : neo4j.int(c.amountMin),
        amountMax: c.amountMax === null ? null : neo4j.int(c.amountMax),
      })),
    },
  );
}

async function writeFollowedTopics(
  tx: ManagedTransaction,
  personId: string,
  topicIds: readonly string[],
): Promise<void> {
  await tx.run(
    `MATCH (p:Entity {id: $personId})
     OPTIONAL MATCH (p)-[old:FOLLOWS_FUNDING]->()
     DELETE old
     WITH DISTINCT p
     UNWIND range(0, size($topicIds) - 1) AS position
     MATCH (t:Entity {id: $topicIds[position]})
     CREATE (p)-[:FOLLOWS_FUNDING {position: position}]->(t)`,
    { personId, topicIds: [...new Set(topicIds)] },
  );
}

export class Neo4jFundingStore implements FundingStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async saveFundingCalls(calls: readonly FundingCall[]): Promise<void> {
    await this.sessions.write((tx) => writeFundingCalls(tx, calls));
  }

  async fundingCallById(id: string): Promise<FundingCall | null> {
    const result = await this.sessions.read((tx) => tx.run('MATCH (c:FundingCall {id: $id}) RETURN c', { id }));
    return result.records[0] ? toCall(result.records[0]) : null;
  }

  async allFundingCalls(): Promise<FundingCall[]> {
    const result = await this.sessions.read((tx) => tx.run('MATCH (c:FundingCall) RETURN c ORDER BY c.closesOn, c.id'));
    return result.records.map(toCall);
  }

  async followedTopics(personId: string): Promise<string[]> {
    const result = await this.sessions.read((tx) =>
      tx.run('MATCH (:Entity {id: $personId})-[f:FOLLOWS_FUNDING]->(t) RETURN t.id AS topicId ORDER BY f.position', {
        personId,
      }),
    );
    return result.records.map((r) => r.get('topicId') as string);
  }

  async setFollowedTopics(personId: string, topicIds: readonly string[]): Promise<void> {
    await this.sessions.write((tx) => writeFollowedTopics(tx, personId, topicIds));
  }

  async followers(): Promise<{ personId: string; topicIds: string[] }[]> {
    const result = await this.sessions.read((tx) =>
      tx.run(
        `MATCH (p:Person)-[f:FOLLOWS_FUNDING]->(t)
         WITH p, f, t ORDER BY f.position
         RETURN p.id AS personId, collect(t.id) AS topicIds ORDER BY personId`,
      ),
    );
    return result.records.map((r) => ({
      personId: r.get('personId') as string,
      topicIds: r.get('topicIds') as string[],
    }));
  }
}

/** Migration: calls and followed topics kept as shared state (JSON) become records. */
export async function moveFundingOutOfState(tx: ManagedTransaction): Promise<void> {
  const state = await tx.run(
    `MATCH (s:SharedState) WHERE s.key STARTS WITH 'funding-call:' OR s.key STARTS WITH 'funding-subscription:'
     RETURN s.key AS key, s.value AS value`,
  );
  const calls: FundingCall[] = [];
  for (const r of state.records) {
    const key = r.get('key') as string;
    const value = JSON.parse(r.get('value') as string) as FundingCall & { topicIds: string[] };
    if (key.startsWith('funding-call:')) calls.push(value);
    else await writeFollowedTopics(tx, key.slice('funding-subscription:'.length), value.topicIds);
  }
  await writeFundingCalls(tx, calls);
  await tx.run(
    `MATCH (s:SharedState) WHERE s.key STARTS WITH 'funding-call:' OR s.key STARTS WITH 'funding-subscription:' DELETE s`,
  );
}
