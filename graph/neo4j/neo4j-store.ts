import { renamePersonEverywhere } from './rename-person.js';
import neo4j, {
  isRetryableError,
  type Driver,
  type ManagedTransaction,
  type Record as Neo4jRecord,
  type Relationship,
  type Session,
} from 'neo4j-driver';
import { bumpChangeSequence, READ_STATEMENT } from './change-sequence.js';
import { alignMany, alignOne } from '../../src/domain/batch.js';
import {
  ENTITY_KINDS,
  LINK_TYPES,
  type Person,
  type District,
  type Entity,
  type EntityKind,
  type Municipality,
  type Link,
  type NetworkBundle,
  type RoleAssignment,
} from '../../src/domain/model.js';
import { nameKey } from '../../src/domain/names.js';
import {
  lastChecked,
  listParameters,
  type ChangeGuard,
  type EntityListQuery,
  type GraphStore,
  type MunicipalityRef,
  type NetworkSnapshot,
  type StoreCounts,
} from '../../src/domain/ports/graph-store.port.js';
import type { AccessToken, AuditEntry } from '../../src/services/access/domain/access.js';
import type { Meeting } from '../../src/services/meetings/domain/meetings.js';
import type { HubRequest } from '../../src/services/requests/domain/requests.js';
import {
  entityToProps,
  fromNeo4j,
  nodeToAudit,
  nodeToEntity,
  nodeToRole,
  nodeToToken,
  relationshipToLink,
} from './mapper.js';
import { appendAudit, readFacts, writeChanges } from './write-changes.js';
import { migrate } from './migrations.js';
import { mapError, Neo4jSessions } from './sessions.js';
import { Neo4jMinutesStore } from '../../src/features/minutes/store/neo4j-minutes-store.js';
import { Neo4jFundingStore } from './funding-store.js';
import { Neo4jAdviceStore } from './advice-store.js';
import { Neo4jProposalStore } from './proposal-store.js';
import { Neo4jPollStore } from './poll-store.js';
import { Neo4jChatAccountStore } from './chat-account-store.js';
import { Neo4jNotificationSettingsStore } from './notification-settings-store.js';
import { Neo4jScheduledChangeStore } from '../../src/features/scheduled-changes/store/neo4j-scheduled-change-store.js';
import { claimOnce, holdLease, releaseLease } from './coordination.js';
import { MEETING_QUERIES, saveMeetings, toMeetings } from './meeting-records.js';
import { requestProperties } from './request-records.js';
import * as articles from './article-records.js';
import type {
  Article,
  ArticleHit,
  ArticleVersion,
  ArticleVisibility,
} from '../../src/services/knowledge/domain/articles.js';
import { HISTORY_QUERIES, readRevisionFacts, writeRevision } from './lifecycle.js';
import type { RevisionGuard } from '../../src/services/lifecycle/domain/network-lifecycle.port.js';
import type { StateEntry, StateKey } from '../../src/domain/ports/coordination-store.port.js';
import type { NetworkRevision } from '../../src/services/lifecycle/domain/revisions.js';

// Every query is parameterised; labels and relationship types in query text come only from the
// domain's own constants, never from input.

const LINK_PATTERN = LINK_TYPES.join('|');

/** The filters of a listing (see EntityListQuery), shared by the page and its total count. */
const LIST_FILTER = `e.kind = $kind AND e.until IS NULL
         AND ($ags IS NULL OR e.districtAgs = $ags OR (e.kind = 'District' AND e.ags = $ags)
              OR (e.kind = 'Person' AND EXISTS { MATCH (e)-[:HOLDS]->(r:RoleAssignment)-[:IN]->(s) WHERE r.until IS NULL AND (s.districtAgs = $ags OR s.ags = $ags) }))
         AND ($key IS NULL OR e.nameKey CONTAINS $key)
         AND ($role IS NULL OR EXISTS { MATCH (e)-[:HOLDS]->(r:RoleAssignment {role: $role}) WHERE r.until IS NULL })
         AND ($topic IS NULL OR $topic IN coalesce(e.topicIds, []) OR EXISTS { MATCH (e)-[x:EXPERT_IN]->(:Entity {id: $topic}) WHERE x.until IS NULL })
         AND ($municipality IS NULL OR e.municipalityId = $municipality OR EXISTS { MATCH (e)-[x]->(:Municipality {id: $municipality}) WHERE x.until IS NULL })
         AND ($institutionType IS NULL OR e.institutionType = $institutionType)
         AND ($contact IS NULL OR e.contactPersonId = $contact)`;

export interface Neo4jSettings {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
}

export class Neo4jStore implements GraphStore {
  readonly name = 'neo4j' as const;
  private ownChangeCount = 0;

  private readonly sessions: Neo4jSessions;
  readonly minutes: Neo4jMinutesStore;
  readonly funding: Neo4jFundingStore;
  readonly advice: Neo4jAdviceStore;
  readonly proposals: Neo4jProposalStore;
  readonly polls: Neo4jPollStore;
  readonly chatAccounts: Neo4jChatAccountStore;
  readonly notificationSettings: Neo4jNotificationSettingsStore;
  readonly scheduledChanges: Neo4jScheduledChangeStore;

  private constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
  ) {
    this.sessions = new Neo4jSessions(driver, database);
    this.minutes = new Neo4jMinutesStore(this.sessions);
    this.funding = new Neo4jFundingStore(this.sessions);
    this.advice = new Neo4jAdviceStore(this.sessions);
    this.proposals = new Neo4jProposalStore(this.sessions);
    this.polls = new Neo4jPollStore(this.sessions);
    this.chatAccounts = new Neo4jChatAccountStore(this.sessions);
    this.notificationSettings = new Neo4jNotificationSettingsStore(this.sessions);
    this.scheduledChanges = new Neo4jScheduledChangeStore(this.sessions);
  }

  /** Connects, checks the server answers, and brings the schema up to date. */
  static async connect(settings: Neo4jSettings): Promise<Neo4jStore> {
    const auth = settings.user ? neo4j.auth.basic(settings.user, settings.password ?? '') : undefined;
    const driver = neo4j.driver(settings.uri, auth, { connectionTimeout: 5000, maxTransactionRetryTime: 5000 });
    const store = new Neo4jStore(driver, settings.database);
    try {
      await store.ping();
      await migrate(driver, settings.database);
    } catch (error) {
      await driver.close();
      throw mapError(error);
    }
    return store;
  }

  async ping(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (error) {
      throw mapError(error);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  async listDistricts(stateCode?: string): Promise<District[]> {
    const records = await this.records(
      'MATCH (d:District) WHERE $state IS NULL OR d.stateCode = $state RETURN d ORDER BY d.ags',
      { state: stateCode ?? null },
    );
    return records.map((r) => nodeToEntity(r.get('d')) as District);
  }

  async districtsByAgs(ags: readonly string[]): Promise<(District | null)[]> {
    const records = await this.records('MATCH (d:District) WHERE d.ags IN $ags RETURN d', { ags });
    return alignOne(
      ags,
      records.map((r) => nodeToEntity(r.get('d')) as District),
      (d) => d.ags,
    );
  }

  async municipalitiesOfDistricts(ags: readonly string[]): Promise<Municipality[][]> {
    const records = await this.records(
      'MATCH (m:Municipality) WHERE m.districtAgs IN $ags AND m.until IS NULL RETURN m ORDER BY m.name',
      { ags },
    );
    return alignMany(
      ags,
      records.map((r) => nodeToEntity(r.get('m')) as Municipality),
      (m) => [m.districtAgs],
    );
  }

  async allMunicipalityDirectory(): Promise<(MunicipalityRef & { since?: string | null; until?: string | null })[]> {
    const records = await this.records(
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
    const records = await this.records('MATCH (m:Municipality) WHERE m.districtAgs IN $ags RETURN m ORDER BY m.name', {
      ags,
    });
    return alignMany(
      ags,
      records.map((r) => nodeToEntity(r.get('m')) as Municipality),
      (m) => [m.districtAgs],
    );
  }

  async municipalityDirectory(): Promise<MunicipalityRef[]> {
    const records = await this.records(
      'MATCH (m:Municipality) WHERE m.until IS NULL RETURN m.id AS id, m.name AS name, m.districtAgs AS districtAgs ORDER BY m.name',
    );
    return records.map((r) => ({ id: r.get('id'), name: r.get('name'), districtAgs: r.get('districtAgs') }));
  }

  async entitiesByIds(ids: readonly string[]): Promise<(Entity | null)[]> {
    const records = await this.records('MATCH (e:Entity) WHERE e.id IN $ids RETURN e', { ids });
    return alignOne(
      ids,
      records.map((r) => nodeToEntity(r.get('e'))),
      (e) => e.id,
    );
  }

  async rolesOfPersons(personIds: readonly string[]): Promise<RoleAssignment[][]> {
    const records = await this.records(
      'MATCH (r:RoleAssignment) WHERE r.personId IN $ids AND r.until IS NULL RETURN r ORDER BY r.role, r.id',
      { ids: personIds },
    );
    return alignMany(
      personIds,
      records.map((r) => nodeToRole(r.get('r'))),
      (r) => [r.personId],
    );
  }

  async rolesInScopes(scopeIds: readonly string[]): Promise<RoleAssignment[][]> {
    const records = await this.records(
      'MATCH (r:RoleAssignment) WHERE r.scopeId IN $ids AND r.until IS NULL RETURN r ORDER BY r.role, r.id',
      { ids: scopeIds },
    );
    return alignMany(
      scopeIds,
      records.map((r) => nodeToRole(r.get('r'))),
      (r) => [r.scopeId],
    );
  }

  async linksOf(ids: readonly string[]): Promise<ReturnType<typeof relationshipToLink>[][]> {
    const records = await this.records(
      `MATCH (e:Entity) WHERE e.id IN $ids MATCH (e)-[l:${LINK_PATTERN}]-() WHERE l.until IS NULL
         WITH DISTINCT l RETURN l, startNode(l).id AS fromId, endNode(l).id AS toId ORDER BY type(l), l.id`,
      { ids },
    );
    const links = records.map((r) => relationshipToLink(r.get('l') as Relationship, r.get('fromId'), r.get('toId')));
    return alignMany(ids, links, (l) => [l.fromId, l.toId]);
  }

  async search(text: string, kinds: readonly EntityKind[] | null, limit: number): Promise<Entity[]> {
    const key = nameKey(text);
    if (!key) return [];
    const records = await this.records(
      `MATCH (e:Entity) WHERE e.nameKey CONTAINS $key AND e.kind IN $kinds AND e.until IS NULL
         RETURN e ORDER BY e.nameKey = $key DESC, e.nameKey STARTS WITH $key DESC, e.name, e.id LIMIT $limit`,
      { key, kinds: kinds ?? ENTITY_KINDS, limit: neo4j.int(limit) },
    );
    return records.map((r) => nodeToEntity(r.get('e')));
  }

  async networkSnapshot(): Promise<NetworkSnapshot> {
    return this.snapshotOf(true);
  }

  async historySnapshot(): Promise<NetworkSnapshot> {
    return this.snapshotOf(false);
  }

  private async snapshotOf(currentOnly: boolean): Promise<NetworkSnapshot> {
    const current = (name: string) => (currentOnly ? `WHERE ${name}.until IS NULL` : '');
    const [entities, roles, links, meetings, requests] = await this.read(async (tx) => [
      (
        await tx.run(`MATCH (e:Entity) ${current('e')} RETURN e.id AS id, e.kind AS kind, e.name AS name,
        CASE WHEN e.kind = 'District' THEN e.ags ELSE e.districtAgs END AS districtAgs, e.municipalityId AS municipalityId, e.population AS population,
        coalesce(e.topicIds, []) AS topicIds, e.since AS since, e.until AS until, e.confirmedAt AS confirmedAt, e.changedAt AS changedAt`)
      ).records,
      (await tx.run(`MATCH (r:RoleAssignment) ${current('r')} RETURN r`)).records,
      (await tx.run(`MATCH (a)-[l:${LINK_PATTERN}]->(b) ${current('l')} RETURN l, a.id AS fromId, b.id AS toId`))
        .records,
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

  async listEntities(q: EntityListQuery): Promise<Entity[]> {
    const records = await this.records(
      `MATCH (e:Entity) WHERE ${LIST_FILTER} AND ($afterName IS NULL OR e.name > $afterName OR (e.name = $afterName AND e.id > $afterId))
       RETURN e ORDER BY e.name, e.id LIMIT $limit`,
      { ...listParameters(q, q.text ? nameKey(q.text) : null), limit: neo4j.int(q.limit) },
    );
    return records.map((r) => nodeToEntity(r.get('e')));
  }

  async countEntities(q: Omit<EntityListQuery, 'after' | 'limit'>): Promise<number> {
    const [record] = await this.records(
      `MATCH (e:Entity) WHERE ${LIST_FILTER} RETURN count(e) AS n`,
      listParameters({ ...q, limit: 0 }, q.text ? nameKey(q.text) : null),
    );
    return fromNeo4j(record!.get('n')) as number;
  }

  async counts(): Promise<StoreCounts> {
    const [kinds, totals] = await this.read(async (tx) => [
      (await tx.run('MATCH (e:Entity) WHERE e.until IS NULL RETURN e.kind AS kind, count(*) AS n')).records,
      (
        await tx.run(
          `CALL { MATCH (r:RoleAssignment) WHERE r.until IS NULL RETURN count(r) AS roles } CALL { MATCH ()-[l:${LINK_PATTERN}]->() WHERE l.until IS NULL RETURN count(l) AS links } RETURN roles, links`,
        )
      ).records,
    ]);
    const entities = Object.fromEntries(ENTITY_KINDS.map((k) => [k, 0])) as Record<EntityKind, number>;
    for (const r of kinds) entities[r.get('kind') as EntityKind] = fromNeo4j(r.get('n')) as number;
    const t = totals[0]!;
    return { entities, roles: fromNeo4j(t.get('roles')) as number, links: fromNeo4j(t.get('links')) as number };
  }

  async commit(changes: NetworkBundle, guard: ChangeGuard, audit?: AuditEntry): Promise<void> {
    await this.write(async (tx) => {
      const facts = await readFacts(tx, changes);
      guard(facts);
      await writeChanges(tx, changes);
      if (audit) await appendAudit(tx, audit);
      await bumpChangeSequence(tx);
    });
    this.ownChangeCount++;
  }

  async replacePerson(person: Person, audit: AuditEntry): Promise<void> {
    await this.write(async (tx) => {
      await tx.run('MATCH (e:Person {id: $id}) SET e = $props', { id: person.id, props: entityToProps(person) });
      await appendAudit(tx, audit);
      await bumpChangeSequence(tx);
    });
    this.ownChangeCount++;
  }

  async renamePerson(oldId: string, newId: string, audit: AuditEntry): Promise<void> {
    await this.write(async (tx) => {
      await renamePersonEverywhere(tx, oldId, newId);
      await appendAudit(tx, audit);
      await bumpChangeSequence(tx);
    });
    this.ownChangeCount++;
  }

  async revise(revision: NetworkRevision, guard: RevisionGuard, audit: AuditEntry): Promise<void> {
    await this.write(async (tx) => {
      guard(await readRevisionFacts(tx, revision));
      await writeRevision(tx, revision);
      await appendAudit(tx, audit);
      await bumpChangeSequence(tx);
    });
    this.ownChangeCount++;
  }

  async rolesByIds(ids: readonly string[]): Promise<(RoleAssignment | null)[]> {
    const records = await this.records(HISTORY_QUERIES.rolesByIds, { ids });
    return alignOne(
      ids,
      records.map((r) => nodeToRole(r.get('r'))),
      (r) => r.id,
    );
  }

  async linksByIds(ids: readonly string[]): Promise<(Link | null)[]> {
    const records = await this.records(HISTORY_QUERIES.linksByIds, { ids });
    return alignOne(
      ids,
      records.map((r) => relationshipToLink(r.get('l') as Relationship, r.get('fromId'), r.get('toId'))),
      (l) => l.id,
    );
  }

  async allRolesOfPersons(personIds: readonly string[]): Promise<RoleAssignment[][]> {
    const records = await this.records(HISTORY_QUERIES.rolesOfPersons, { ids: personIds });
    return alignMany(
      personIds,
      records.map((r) => nodeToRole(r.get('r'))),
      (r) => [r.personId],
    );
  }

  async allRolesInScopes(scopeIds: readonly string[]): Promise<RoleAssignment[][]> {
    const records = await this.records(HISTORY_QUERIES.rolesInScopes, { ids: scopeIds });
    return alignMany(
      scopeIds,
      records.map((r) => nodeToRole(r.get('r'))),
      (r) => [r.scopeId],
    );
  }

  async allLinksOf(ids: readonly string[]): Promise<Link[][]> {
    const records = await this.records(HISTORY_QUERIES.linksOf, { ids });
    const links = records.map((r) => relationshipToLink(r.get('l') as Relationship, r.get('fromId'), r.get('toId')));
    return alignMany(ids, links, (l) => [l.fromId, l.toId]);
  }

  async changeSequence(): Promise<number> {
    return fromNeo4j((await this.records(READ_STATEMENT))[0]!.get('value')) as number;
  }

  ownChanges(): number {
    return this.ownChangeCount;
  }

  async bumpChangeSequence(): Promise<void> {
    await this.write(bumpChangeSequence);
  }

  async closedRequestsWithText(before: string, limit: number): Promise<HubRequest[]> {
    const records = await this.records(
      "MATCH (r:Request) WHERE r.state IN ['RESOLVED', 'DECLINED'] AND r.hasText AND r.closedAt < $before RETURN r.data AS data LIMIT $limit",
      { before, limit: neo4j.int(limit) },
    );
    return records.map((r) => JSON.parse(r.get('data') as string) as HubRequest);
  }

  async deleteState(key: StateKey): Promise<void> {
    await this.write(async (tx) => {
      await tx.run('MATCH (s:SharedState {key: $key}) DELETE s', { key });
    });
  }

  async auditOf(subjectId: string, limit: number): Promise<AuditEntry[]> {
    const records = await this.records(
      'MATCH (:AuditSubject {subjectId: $id})<-[:NAMES]-(a:AuditEntry) RETURN a ORDER BY a.at DESC, a.id DESC LIMIT $limit',
      { id: subjectId, limit: neo4j.int(limit) },
    );
    return records.map((r) => nodeToAudit(r.get('a')));
  }

  async saveToken(token: AccessToken, audit: AuditEntry): Promise<void> {
    await this.write(async (tx) => {
      await tx.run('CREATE (t:AccessToken) SET t = $token', { token });
      await appendAudit(tx, audit);
    });
  }

  async tokenByHash(hash: string): Promise<AccessToken | null> {
    const [record] = await this.records('MATCH (t:AccessToken {hash: $hash}) RETURN t', { hash });
    return record ? nodeToToken(record.get('t')) : null;
  }

  async listTokens(): Promise<AccessToken[]> {
    return (await this.records('MATCH (t:AccessToken) RETURN t ORDER BY t.createdAt, t.id')).map((r) =>
      nodeToToken(r.get('t')),
    );
  }

  async revokeToken(id: string, at: string, audit: AuditEntry): Promise<boolean> {
    let revoked = false;
    await this.write(async (tx) => {
      const result = await tx.run(
        'MATCH (t:AccessToken {id: $id}) WHERE t.revokedAt IS NULL SET t.revokedAt = $at RETURN t.id',
        { id, at },
      );
      revoked = result.records.length > 0;
      if (revoked) await appendAudit(tx, audit);
    });
    return revoked;
  }

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
    await this.write(async (tx) => {
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
    if (saved) this.ownChangeCount++;
    return saved;
  }

  async requestById(id: string): Promise<HubRequest | null> {
    const [record] = await this.records('MATCH (r:Request {id: $id}) RETURN r.data AS data', { id });
    return record ? (JSON.parse(record.get('data') as string) as HubRequest) : null;
  }

  async requestsOf(personId: string, limit: number): Promise<HubRequest[]> {
    const records = await this.records(
      `CALL { MATCH (r:Request {requesterId: $p}) RETURN r UNION MATCH (r:Request {handlerId: $p}) RETURN r }
       RETURN r.data AS data ORDER BY r.createdAt DESC LIMIT $limit`,
      { p: personId, limit: neo4j.int(limit) },
    );
    return records.map((r) => JSON.parse(r.get('data') as string) as HubRequest);
  }

  async requestsToEscalate(now: string, limit: number): Promise<HubRequest[]> {
    const records = await this.records(
      "MATCH (r:Request) WHERE r.state = 'ROUTED' AND r.escalateAt <= $now RETURN r.data AS data ORDER BY r.escalateAt LIMIT $limit",
      { now, limit: neo4j.int(limit) },
    );
    return records.map((r) => JSON.parse(r.get('data') as string) as HubRequest);
  }

  async saveMeeting(meeting: Meeting, alongside: readonly StateEntry[] = []): Promise<boolean> {
    return this.saveMeetings([meeting], alongside);
  }

  async saveMeetings(meetings: readonly Meeting[], alongside: readonly StateEntry[] = []): Promise<boolean> {
    const stale = new Error('stale');
    try {
      await this.write(async (tx) => {
        if (!(await saveMeetings(tx, meetings))) throw stale;
        if (alongside.length) await writeStateEntries(tx, alongside);
        await bumpChangeSequence(tx);
      });
      this.ownChangeCount++;
      return true;
    } catch (error) {
      if (error === stale) return false;
      throw error;
    }
  }

  async meetingsOfSeries(seriesIds: readonly string[]): Promise<Meeting[]> {
    return toMeetings(await this.records(MEETING_QUERIES.ofSeries, { seriesIds }));
  }

  async meetingById(id: string): Promise<Meeting | null> {
    return toMeetings(await this.records(MEETING_QUERIES.byId, { id }))[0] ?? null;
  }

  async meetingsStarting(from: string, to: string): Promise<Meeting[]> {
    return toMeetings(await this.records(MEETING_QUERIES.starting, { from, to }));
  }

  async meetingsOf(personIds: readonly string[], from: string, to: string): Promise<Meeting[]> {
    return toMeetings(await this.records(MEETING_QUERIES.ofPeople, { ids: personIds, from, to }));
  }

  async getState<T>(key: StateKey): Promise<T | null> {
    const [record] = await this.records('MATCH (s:SharedState {key: $key}) RETURN s.value AS value', { key });
    return record ? (JSON.parse(record.get('value') as string) as T) : null;
  }

  async setState(key: StateKey, value: unknown): Promise<void> {
    await this.write(async (tx) => {
      await tx.run('MERGE (s:SharedState {key: $key}) SET s.value = $value, s.updatedAt = datetime()', {
        key,
        value: JSON.stringify(value),
      });
    });
  }

  async listState<T>(prefix: StateKey): Promise<{ key: StateKey; value: T }[]> {
    const records = await this.records(
      'MATCH (s:SharedState) WHERE s.key STARTS WITH $prefix RETURN s.key AS key, s.value AS value ORDER BY key',
      { prefix },
    );
    return records.map((r) => ({ key: r.get('key') as StateKey, value: JSON.parse(r.get('value') as string) as T }));
  }

  async holdLease(name: string, holder: string, until: Date, now: Date): Promise<boolean> {
    let held = false;
    await this.write(async (tx) => void (held = await holdLease(tx, name, holder, until, now)));
    return held;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.write((tx) => releaseLease(tx, name, holder));
  }

  async claimOnce(key: StateKey, alongside: readonly StateEntry[] = []): Promise<boolean> {
    // A claim alone is one statement: in an auto-commit transaction it takes one round trip fewer
    // (it sits on the chat answer's path: 7.5 instead of 12 ms median here).
    if (alongside.length === 0) return this.autoCommit((session) => claimOnce(session, key));
    let first = false;
    await this.write(async (tx) => {
      first = await claimOnce(tx, key);
      if (first && alongside.length) await writeStateEntries(tx, alongside);
    });
    return first;
  }

  async saveArticle(
    article: Article,
    change: ArticleVersion,
    terms: { title: string; body: string },
  ): Promise<boolean> {
    let saved = false;
    await this.write(async (tx) => {
      saved = await articles.saveArticle(tx, article, change, terms);
    });
    return saved;
  }

  async articlesByIds(ids: readonly string[]): Promise<(Article | null)[]> {
    const found = articles.toArticles(await this.records(articles.ARTICLE_QUERIES.byIds, { ids }));
    return alignOne(ids, found, (a) => a.id);
  }

  async listArticles(query: { topicId?: string; districtAgs?: readonly string[]; limit: number }): Promise<Article[]> {
    return articles.toArticles(
      await this.records(articles.ARTICLE_QUERIES.list, {
        topicId: query.topicId ?? null,
        districts: query.districtAgs ?? null,
        limit: neo4j.int(query.limit),
      }),
    );
  }

  async searchArticles(terms: readonly string[], limit: number, level: ArticleVisibility): Promise<ArticleHit[]> {
    if (!terms.length) return [];
    return articles.toHits(
      await this.records(articles.searchStatement(level), {
        query: articles.searchQuery(terms),
        limit: neo4j.int(limit),
      }),
    );
  }

  async knowledgeTerms(level: ArticleVisibility): Promise<string[]> {
    return articles.toTerms(await this.records(articles.termsStatement(level)));
  }

  async articleVersions(id: string): Promise<ArticleVersion[]> {
    return articles.toVersions(await this.records(articles.ARTICLE_QUERIES.versions, { id }));
  }

  async forgetArticleAuthor(personId: string): Promise<void> {
    await this.write((tx) => articles.forgetArticleAuthor(tx, personId));
  }

  async deleteEverything(): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      await session.run(
        'MATCH (n) WHERE NOT n:Migration AND NOT n:HubChangeSequence CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS',
      );
      await session.executeWrite(bumpChangeSequence);
    } catch (error) {
      throw mapError(error);
    } finally {
      await session.close();
    }
  }

  private async records(query: string, params: Record<string, unknown> = {}): Promise<Neo4jRecord[]> {
    return (await this.read((tx) => tx.run(query, params))).records;
  }

  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.sessions.read(work);
  }

  /**
   * One idempotent statement in an auto-commit transaction, retried on transient errors for as
   * long as the driver retries managed transactions (30 s), with the same growing pauses.
   */
  private async autoCommit<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + 30_000;
    for (let pause = 1000; ; pause = Math.min(pause * 2, 8000)) {
      const session = this.driver.session({ database: this.database });
      try {
        return await work(session);
      } catch (error) {
        if (!isRetryableError(error) || Date.now() + pause > giveUpAt) throw mapError(error);
      } finally {
        await session.close();
      }
      await new Promise((resolve) => setTimeout(resolve, pause * (0.8 + Math.random() * 0.4)));
    }
  }

  private async write(work: (tx: ManagedTransaction) => Promise<void>): Promise<void> {
    await this.sessions.write(work);
  }
}

/** Shared state written inside another write's transaction (the notices of a change). */
async function writeStateEntries(tx: ManagedTransaction, entries: readonly StateEntry[]): Promise<void> {
  await tx.run(
    'UNWIND $entries AS e MERGE (s:SharedState {key: e.key}) SET s.value = e.value, s.updatedAt = datetime()',
    { entries: entries.map((e) => ({ key: e.key, value: JSON.stringify(e.value) })) },
  );
}
