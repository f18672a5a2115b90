import neo4j from 'neo4j-driver';
import { bumpChangeSequence } from '../../../../graph/neo4j/change-sequence.js';
import { writeStateEntries } from '../../../../graph/neo4j/coordination.js';
import { requestProperties } from './neo4j-request-records.js';
import type { Neo4jSessions, OwnChanges } from '../../../../graph/neo4j/sessions.js';
import type { StateEntry } from '../../../domain/ports/coordination-store.port.js';
import type { RequestStore } from '../domain/request-store.port.js';
import type { HubRequest } from '../domain/requests.js';

// Requests as Request nodes in Neo4j. A saved request moves the change counter: requests are part
// of the collaboration graph and its figures, so other processes reload them.

export class Neo4jRequestStore implements RequestStore {
  constructor(
    private readonly sessions: Neo4jSessions,
    private readonly own: OwnChanges,
  ) {}

  async saveRequest(request: HubRequest, alongside: readonly StateEntry[] = []): Promise<boolean> {
    const props = {
      id: request.id,
      requesterId: request.requesterId,
      handlerId: request.handlerId,
      state: request.state,
      escalateAt: request.escalateAt,
      createdAt: request.createdAt,
      version: neo4j.int(request.version),
      ...requestProperties(request),
      data: JSON.stringify(request),
      hasText: request.text !== null,
      closedAt: request.state === 'RESOLVED' || request.state === 'DECLINED' ? (request.hops.at(-1)?.at ?? null) : null,
    };
    let saved = false;
    await this.sessions.write(async (tx) => {
      const query =
        request.version === 1
          ? 'MERGE (r:Request {id: $props.id}) ON CREATE SET r += $props, r.created = true WITH r, r.created AS created REMOVE r.created RETURN created'
          : // Writing first takes the node's lock, so the version read next is the latest committed one.
            'MATCH (r:Request {id: $props.id}) SET r.lock = true REMOVE r.lock WITH r WHERE r.version = $props.version - 1 SET r += $props RETURN true AS created';
      const result = await tx.run(query, { props });
      saved = result.records[0]?.get('created') === true;
      if (saved && alongside.length) await writeStateEntries(tx, alongside);
      // Requests are part of the collaboration graph and its figures: other processes reload them.
      if (saved) await bumpChangeSequence(tx);
    });
    if (saved) this.own.counted();
    return saved;
  }

  async requestById(id: string): Promise<HubRequest | null> {
    const [record] = await this.sessions.records('MATCH (r:Request {id: $id}) RETURN r.data AS data', { id });
    return record ? (JSON.parse(record.get('data') as string) as HubRequest) : null;
  }

  async requestsOf(personId: string, limit: number): Promise<HubRequest[]> {
    const records = await this.sessions.records(
      `CALL { MATCH (r:Request {requesterId: $p}) RETURN r UNION MATCH (r:Request {handlerId: $p}) RETURN r }
       RETURN r.data AS data ORDER BY r.createdAt DESC LIMIT $limit`,
      { p: personId, limit: neo4j.int(limit) },
    );
    return records.map((r) => JSON.parse(r.get('data') as string) as HubRequest);
  }

  async requestsToEscalate(now: string, limit: number): Promise<HubRequest[]> {
    const records = await this.sessions.records(
      "MATCH (r:Request) WHERE r.state = 'ROUTED' AND r.escalateAt <= $now RETURN r.data AS data ORDER BY r.escalateAt LIMIT $limit",
      { now, limit: neo4j.int(limit) },
    );
    return records.map((r) => JSON.parse(r.get('data') as string) as HubRequest);
  }

  async closedRequestsWithText(before: string, limit: number): Promise<HubRequest[]> {
    const records = await this.sessions.records(
      "MATCH (r:Request) WHERE r.state IN ['RESOLVED', 'DECLINED'] AND r.hasText AND r.closedAt < $before RETURN r.data AS data LIMIT $limit",
      { before, limit: neo4j.int(limit) },
    );
    return records.map((r) => JSON.parse(r.get('data') as string) as HubRequest);
  }
}
