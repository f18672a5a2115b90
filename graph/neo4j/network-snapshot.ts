import type { Relationship } from 'neo4j-driver';
import { fromNeo4j, nodeToRole, relationshipToLink } from './mapper.js';
import { toMeetings } from './meeting-records.js';
import type { Neo4jSessions } from './sessions.js';
import { LINK_TYPES } from '../../src/domain/model.js';
import { lastChecked, type NetworkSnapshot } from '../../src/domain/ports/network-store.port.js';
import type { HubRequest } from '../../src/features/requests/domain/requests.js';

// The whole network in one read transaction: what is current, or everything with its ends (for
// the history and the network as it stood on a day).

const LINK_PATTERN = LINK_TYPES.join('|');

export async function snapshotOf(sessions: Neo4jSessions, currentOnly: boolean): Promise<NetworkSnapshot> {
  const current = (name: string) => (currentOnly ? `WHERE ${name}.until IS NULL` : '');
  const [entities, roles, links, meetings, requests] = await sessions.read(async (tx) => [
    (
      await tx.run(`MATCH (e:Entity) ${current('e')} RETURN e.id AS id, e.kind AS kind, e.name AS name,
      CASE WHEN e.kind = 'District' THEN e.ags ELSE e.districtAgs END AS districtAgs, e.municipalityId AS municipalityId, e.population AS population,
      coalesce(e.topicIds, []) AS topicIds, e.since AS since, e.until AS until, e.confirmedAt AS confirmedAt, e.changedAt AS changedAt`)
    ).records,
    (await tx.run(`MATCH (r:RoleAssignment) ${current('r')} RETURN r`)).records,
    (await tx.run(`MATCH (a)-[l:${LINK_PATTERN}]->(b) ${current('l')} RETURN l, a.id AS fromId, b.id AS toId`)).records,
    (await tx.run('MATCH (m:Meeting) RETURN m.data AS data')).records,
    (await tx.run('MATCH (r:Request) RETURN r.data AS data')).records,
  ]);
  return {
    entities: entities.map((r) => ({
      id: r.get('id'),
      kind: r.get('kind'),
      name: r.get('name'),
      districtAgs: r.get('districtAgs') ?? null,
      municipalityId: r.get('municipalityId') ?? null,
      population: (fromNeo4j(r.get('population')) as number | null) ?? null,
      topicIds: r.get('topicIds') as string[],
      ...(r.get('since') ? { since: r.get('since') as string } : {}),
      ...(r.get('until') ? { until: r.get('until') as string } : {}),
      ...lastChecked(r.get('confirmedAt') as string | null, r.get('changedAt') as string | null),
    })),
    roles: roles.map((r) => nodeToRole(r.get('r'))),
    links: links.map((r) => relationshipToLink(r.get('l') as Relationship, r.get('fromId'), r.get('toId'))),
    meetings: toMeetings(meetings),
    requests: requests.map((r) => JSON.parse(r.get('data') as string) as HubRequest),
  };
}
