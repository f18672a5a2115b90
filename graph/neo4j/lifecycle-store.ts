import type { Relationship } from 'neo4j-driver';
import { HISTORY_QUERIES, readRevisionFacts, writeRevision } from './lifecycle.js';
import { nodeToEntity, nodeToRole, relationshipToLink } from './mapper.js';
import { snapshotOf } from './network-snapshot.js';
import type { Neo4jSessions, OwnChanges } from './sessions.js';
import { Statements } from './statements.js';
import { appendAudit } from './write-changes.js';
import { alignMany, alignOne } from '../../src/domain/batch.js';
import type { Link, Municipality, RoleAssignment } from '../../src/domain/model.js';
import type { MunicipalityRef, NetworkSnapshot } from '../../src/domain/ports/network-store.port.js';
import type { AuditEntry } from '../../src/services/access/domain/access.js';
import type {
  NetworkLifecycleStore,
  RevisionGuard,
} from '../../src/services/lifecycle/domain/network-lifecycle.port.js';
import type { NetworkRevision } from '../../src/services/lifecycle/domain/revisions.js';

// Revisions (changes, ends, merges, deletions) and the reads that include what has ended, in
// Neo4j (the Cypher lives in lifecycle.ts).

export class Neo4jLifecycleStore implements NetworkLifecycleStore {
  constructor(
    private readonly sessions: Neo4jSessions,
    private readonly own: OwnChanges,
  ) {}

  async revise(revision: NetworkRevision, guard: RevisionGuard, audit: AuditEntry): Promise<void> {
    await this.sessions.write(async (tx) => {
      const facts = await readRevisionFacts(tx, revision);
      const stored = new Map(revision.updates.map(({ entity }) => [entity.id, facts.entity(entity.id)]));
      guard(facts);
      await appendAudit(
        writeRevision(new Statements(), revision, (id) => stored.get(id)),
        audit,
      ).run(tx);
    });
    this.own.counted();
  }

  async rolesByIds(ids: readonly string[]): Promise<(RoleAssignment | null)[]> {
    const records = await this.sessions.records(HISTORY_QUERIES.rolesByIds, { ids });
    return alignOne(
      ids,
      records.map((r) => nodeToRole(r.get('r'))),
      (r) => r.id,
    );
  }

  async linksByIds(ids: readonly string[]): Promise<(Link | null)[]> {
    const records = await this.sessions.records(HISTORY_QUERIES.linksByIds, { ids });
    return alignOne(
      ids,
      records.map((r) => relationshipToLink(r.get('l') as Relationship, r.get('fromId'), r.get('toId'))),
      (l) => l.id,
    );
  }

  async allRolesOfPersons(personIds: readonly string[]): Promise<RoleAssignment[][]> {
    const records = await this.sessions.records(HISTORY_QUERIES.rolesOfPersons, { ids: personIds });
    return alignMany(
      personIds,
      records.map((r) => nodeToRole(r.get('r'))),
      (r) => [r.personId],
    );
  }

  async allRolesInScopes(scopeIds: readonly string[]): Promise<RoleAssignment[][]> {
    const records = await this.sessions.records(HISTORY_QUERIES.rolesInScopes, { ids: scopeIds });
    return alignMany(
      scopeIds,
      records.map((r) => nodeToRole(r.get('r'))),
      (r) => [r.scopeId],
    );
  }

  async allLinksOf(ids: readonly string[]): Promise<Link[][]> {
    const records = await this.sessions.records(HISTORY_QUERIES.linksOf, { ids });
    const links = records.map((r) => relationshipToLink(r.get('l') as Relationship, r.get('fromId'), r.get('toId')));
    return alignMany(ids, links, (l) => [l.fromId, l.toId]);
  }

  async allMunicipalityDirectory(): Promise<(MunicipalityRef & { since?: string | null; until?: string | null })[]> {
    const records = await this.sessions.records(
      'MATCH (m:Municipality) RETURN m.id AS id, m.name AS name, m.districtAgs AS districtAgs, m.since AS since, m.until AS until ORDER BY m.name',
    );
    return records.map((r) => ({
      id: r.get('id'),
      name: r.get('name'),
      districtAgs: r.get('districtAgs'),
      since: r.get('since') ?? null,
      until: r.get('until') ?? null,
    }));
  }

  async allMunicipalitiesOfDistricts(ags: readonly string[]): Promise<Municipality[][]> {
    const records = await this.sessions.records(
      'MATCH (m:Municipality) WHERE m.districtAgs IN $ags RETURN m ORDER BY m.name',
      {
        ags,
      },
    );
    return alignMany(
      ags,
      records.map((r) => nodeToEntity(r.get('m')) as Municipality),
      (m) => [m.districtAgs],
    );
  }

  async historySnapshot(): Promise<NetworkSnapshot> {
    return snapshotOf(this.sessions, false);
  }
}
