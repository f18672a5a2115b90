import type { ManagedTransaction } from 'neo4j-driver';
import type { HubRequest } from '../domain/requests.js';

// What an analyst's Cypher reads of a request without parsing its JSON: where it came from, what
// about, at which level it stands and what kind it is (the rest of the record stays in `data`).

export function requestProperties(request: HubRequest): Record<string, unknown> {
  return {
    districtAgs: request.districtAgs,
    municipalityId: request.municipalityId,
    topicId: request.topicId,
    level: request.level,
    kind: request.kind ?? 'REQUEST',
    adviceOfferId: request.adviceOfferId ?? null,
  };
}

/** Migration: requests saved before they carried these properties. */
export async function spreadRequestProperties(tx: ManagedTransaction): Promise<void> {
  const result = await tx.run('MATCH (r:Request) WHERE r.kind IS NULL RETURN r.data AS data');
  const rows = result.records.map((r) => {
    const request = JSON.parse(r.get('data') as string) as HubRequest;
    return { id: request.id, props: requestProperties(request) };
  });
  await tx.run('UNWIND $rows AS row MATCH (r:Request {id: row.id}) SET r += row.props', { rows });
}
