import neo4j, { type Driver, type Node, type Relationship } from 'neo4j-driver';
import { FOLD_STATEMENT } from './change-sequence.js';
import { alignMany, alignOne } from '../../src/domain/batch.js';
import {
  ENTITY_KINDS,
  LINK_TYPES,
  type District,
  type Entity,
  type EntityKind,
  type Municipality,
  type RoleAssignment,
} from '../../src/domain/model.js';
import { nameKey } from '../../src/domain/names.js';
import {
  listParameters,
  type CurrentState,
  type EntityListQuery,
  type GraphStore,
  type EntityName,
  type MunicipalityRef,
  type NetworkSnapshot,
  type StoreCounts,
} from '../../src/domain/ports/graph-store.port.js';
import { fromNeo4j, nodeToEntity, nodeToRole, relationshipToLink } from './mapper.js';
import { migrate } from './migrations.js';
import { snapshotOf } from './network-snapshot.js';
import { mapError, Neo4jSessions, OwnChanges } from './sessions.js';
import { Neo4jCoordinationStore } from './coordination-store.js';
import { Neo4jKnowledgeStore } from '../../src/features/knowledge/store/neo4j-knowledge-store.js';
import { Neo4jLifecycleStore } from './lifecycle-store.js';
import { Neo4jMeetingStore } from '../../src/features/meetings/store/neo4j-meeting-store.js';
import { Neo4jNetworkWriteStore } from './network-write-store.js';
import { Neo4jRequestStore } from '../../src/features/requests/store/neo4j-request-store.js';
import { Neo4jTokenStore } from './token-store.js';
import { Neo4jMinutesStore } from '../../src/features/minutes/store/neo4j-minutes-store.js';
import { Neo4jFundingStore } from '../../src/features/funding/store/neo4j-funding-store.js';
import { Neo4jAdviceStore } from '../../src/features/advice/store/neo4j-advice-store.js';
import { Neo4jProposalStore } from '../../src/features/proposals/store/neo4j-proposal-store.js';
import { Neo4jPollStore } from '../../src/features/meetings/store/neo4j-poll-store.js';
import { Neo4jChatAccountStore } from './chat-account-store.js';
import { Neo4jNotificationSettingsStore } from '../../src/features/notifications/store/neo4j-notification-settings-store.js';
import { Neo4jScheduledChangeStore } from '../../src/features/scheduled-changes/store/neo4j-scheduled-change-store.js';
import { Neo4jSuggestionFeedbackStore } from '../../src/features/suggestions/store/neo4j-feedback-store.js';

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
  private readonly sessions: Neo4jSessions;
  readonly writes: Neo4jNetworkWriteStore;
  readonly lifecycle: Neo4jLifecycleStore;
  readonly tokens: Neo4jTokenStore;
  readonly requests: Neo4jRequestStore;
  readonly meetings: Neo4jMeetingStore;
  readonly knowledge: Neo4jKnowledgeStore;
  readonly coordination: Neo4jCoordinationStore;
  readonly minutes: Neo4jMinutesStore;
  readonly funding: Neo4jFundingStore;
  readonly advice: Neo4jAdviceStore;
  readonly proposals: Neo4jProposalStore;
  readonly polls: Neo4jPollStore;
  readonly chatAccounts: Neo4jChatAccountStore;
  readonly notificationSettings: Neo4jNotificationSettingsStore;
  readonly scheduledChanges: Neo4jScheduledChangeStore;
  readonly suggestionFeedback: Neo4jSuggestionFeedbackStore;

  private constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
  ) {
    this.sessions = new Neo4jSessions(driver, database);
    const own = new OwnChanges();
    this.writes = new Neo4jNetworkWriteStore(this.sessions, own);
    this.lifecycle = new Neo4jLifecycleStore(this.sessions, own);
    this.tokens = new Neo4jTokenStore(this.sessions);
    this.requests = new Neo4jRequestStore(this.sessions, own);
    this.meetings = new Neo4jMeetingStore(this.sessions, own);
    this.knowledge = new Neo4jKnowledgeStore(this.sessions);
    this.coordination = new Neo4jCoordinationStore(this.sessions);
    this.minutes = new Neo4jMinutesStore(this.sessions);
    this.funding = new Neo4jFundingStore(this.sessions);
    this.advice = new Neo4jAdviceStore(this.sessions);
    this.proposals = new Neo4jProposalStore(this.sessions);
    this.polls = new Neo4jPollStore(this.sessions);
    this.chatAccounts = new Neo4jChatAccountStore(this.sessions);
    this.notificationSettings = new Neo4jNotificationSettingsStore(this.sessions);
    this.scheduledChanges = new Neo4jScheduledChangeStore(this.sessions);
    this.suggestionFeedback = new Neo4jSuggestionFeedbackStore(this.sessions);
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
    const records = await this.sessions.records(
      'MATCH (d:District) WHERE $state IS NULL OR d.stateCode = $state RETURN d ORDER BY d.ags',
      { state: stateCode ?? null },
    );
    return records.map((r) => nodeToEntity(r.get('d')) as District);
  }

  async districtsByAgs(ags: readonly string[]): Promise<(District | null)[]> {
    const records = await this.sessions.records('MATCH (d:District) WHERE d.ags IN $ags RETURN d', { ags });
    return alignOne(
      ags,
      records.map((r) => nodeToEntity(r.get('d')) as District),
      (d) => d.ags,
    );
  }

  async municipalitiesOfDistricts(ags: readonly string[]): Promise<Municipality[][]> {
    const records = await this.sessions.records(
      'MATCH (m:Municipality) WHERE m.districtAgs IN $ags AND m.until IS NULL RETURN m ORDER BY m.name',
      { ags },
    );
    return alignMany(
      ags,
      records.map((r) => nodeToEntity(r.get('m')) as Municipality),
      (m) => [m.districtAgs],
    );
  }

  async municipalityDirectory(): Promise<MunicipalityRef[]> {
    const records = await this.sessions.records(
      'MATCH (m:Municipality) WHERE m.until IS NULL RETURN m.id AS id, m.name AS name, m.districtAgs AS districtAgs ORDER BY m.name',
    );
    return records.map((r) => ({ id: r.get('id'), name: r.get('name'), districtAgs: r.get('districtAgs') }));
  }

  async entitiesByIds(ids: readonly string[]): Promise<(Entity | null)[]> {
    const records = await this.sessions.records('MATCH (e:Entity) WHERE e.id IN $ids RETURN e', { ids });
    return alignOne(
      ids,
      records.map((r) => nodeToEntity(r.get('e'))),
      (e) => e.id,
    );
  }

  async rolesOfPersons(personIds: readonly string[]): Promise<RoleAssignment[][]> {
    const records = await this.sessions.records(
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
    const records = await this.sessions.records(
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
    const records = await this.sessions.records(
      `MATCH (e:Entity) WHERE e.id IN $ids MATCH (e)-[l:${LINK_PATTERN}]-() WHERE l.until IS NULL
         WITH DISTINCT l RETURN l, startNode(l).id AS fromId, endNode(l).id AS toId ORDER BY type(l), l.id`,
      { ids },
    );
    const links = records.map((r) => relationshipToLink(r.get('l') as Relationship, r.get('fromId'), r.get('toId')));
    return alignMany(ids, links, (l) => [l.fromId, l.toId]);
  }

  async currentState(ids: readonly string[]): Promise<CurrentState> {
    const [record] = await this.sessions.records(
      `CALL () { MATCH (e:Entity) WHERE e.id IN $ids RETURN collect(e) AS entities }
       CALL () {
         CALL () {
           MATCH (r:RoleAssignment) WHERE r.personId IN $ids AND r.until IS NULL RETURN r
           UNION MATCH (r:RoleAssignment) WHERE r.scopeId IN $ids AND r.until IS NULL RETURN r
         }
         RETURN collect(r) AS roles
       }
       CALL () {
         MATCH (e:Entity) WHERE e.id IN $ids MATCH (e)-[l:${LINK_PATTERN}]-() WHERE l.until IS NULL
         WITH DISTINCT l
         RETURN collect({l: l, fromId: startNode(l).id, toId: endNode(l).id}) AS links
       }
       RETURN entities, roles, links`,
      { ids },
    );
    const links = record!.get('links') as { l: Relationship; fromId: string; toId: string }[];
    return {
      entities: alignOne(ids, (record!.get('entities') as Node[]).map(nodeToEntity), (e) => e.id),
      roles: (record!.get('roles') as Node[]).map(nodeToRole),
      links: links.map(({ l, fromId, toId }) => relationshipToLink(l, fromId, toId)),
    };
  }

  async entityNames(): Promise<EntityName[]> {
    const records = await this.sessions.records(
      'MATCH (e:Entity) WHERE e.until IS NULL RETURN e.id AS id, e.kind AS kind, e.name AS name',
    );
    return records.map((r) => ({ id: r.get('id'), kind: r.get('kind'), name: r.get('name') }));
  }

  async search(text: string, kinds: readonly EntityKind[] | null, limit: number): Promise<Entity[]> {
    const key = nameKey(text);
    if (!key) return [];
    const records = await this.sessions.records(
      `MATCH (e:Entity) WHERE e.nameKey CONTAINS $key AND e.kind IN $kinds AND e.until IS NULL
         RETURN e ORDER BY e.nameKey = $key DESC, e.nameKey STARTS WITH $key DESC, e.name, e.id LIMIT $limit`,
      { key, kinds: kinds ?? ENTITY_KINDS, limit: neo4j.int(limit) },
    );
    return records.map((r) => nodeToEntity(r.get('e')));
  }

  async networkSnapshot(): Promise<NetworkSnapshot> {
    return snapshotOf(this.sessions, true);
  }

  async listEntities(q: EntityListQuery): Promise<Entity[]> {
    const records = await this.sessions.records(
      `MATCH (e:Entity) WHERE ${LIST_FILTER} AND ($afterName IS NULL OR e.name > $afterName OR (e.name = $afterName AND e.id > $afterId))
       RETURN e ORDER BY e.name, e.id LIMIT $limit`,
      { ...listParameters(q, q.text ? nameKey(q.text) : null), limit: neo4j.int(q.limit) },
    );
    return records.map((r) => nodeToEntity(r.get('e')));
  }

  async countEntities(q: Omit<EntityListQuery, 'after' | 'limit'>): Promise<number> {
    const [record] = await this.sessions.records(
      `MATCH (e:Entity) WHERE ${LIST_FILTER} RETURN count(e) AS n`,
      listParameters({ ...q, limit: 0 }, q.text ? nameKey(q.text) : null),
    );
    return fromNeo4j(record!.get('n')) as number;
  }

  async counts(): Promise<StoreCounts> {
    const [kinds, totals] = await this.sessions.read(async (tx) => [
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

  async deleteEverything(): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      await session.executeWrite((tx) => tx.run(FOLD_STATEMENT));
      await session.run(
        'MATCH (n) WHERE NOT n:Migration AND NOT n:HubChangeSequence CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS',
      );
    } catch (error) {
      throw mapError(error);
    } finally {
      await session.close();
    }
  }

  /**
   * One idempotent statement in an auto-commit transaction, retried on transient errors for as
   * long as the driver retries managed transactions (30 s), with the same growing pauses.
   */
}
