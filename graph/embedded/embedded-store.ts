import { renamePersonEverywhere } from './rename-person.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { bumpChangeSequence, readChangeSequence } from './change-sequence.js';
import { claimOnce, holdLease, releaseLease } from './coordination.js';
import * as lifecycle from './lifecycle.js';
import { appendAudit, insertRolesAndLinks } from './lifecycle.js';
import * as articleRows from './article-rows.js';
import * as meetingRows from './meeting-rows.js';
import * as queries from './network-queries.js';
import * as requestRows from './request-rows.js';
import * as stateRows from './state-rows.js';
import * as tokenRows from './token-rows.js';
import { alignMany, alignOne } from '../../src/domain/batch.js';
import { entitiesOf, FactsSnapshot, referencedIds } from '../../src/domain/changes.js';
import { StoreCorrupt } from '../../src/domain/errors.js';
import {
  ENTITY_KINDS,
  type Person,
  type District,
  type Entity,
  type EntityKind,
  type Municipality,
  type NetworkBundle,
} from '../../src/domain/model.js';
import { nameKey } from '../../src/domain/names.js';
import {
  type ChangeGuard,
  type EntityListQuery,
  type GraphStore,
  type MunicipalityRef,
  type NetworkSnapshot,
  type StoreCounts,
} from '../../src/domain/ports/graph-store.port.js';
import type { AccessToken, AuditEntry } from '../../src/services/access/domain/access.js';
import type { Link, RoleAssignment } from '../../src/domain/model.js';
import type { RevisionGuard } from '../../src/services/lifecycle/domain/network-lifecycle.port.js';
import type { StateEntry, StateKey } from '../../src/domain/ports/coordination-store.port.js';
import type { NetworkRevision } from '../../src/services/lifecycle/domain/revisions.js';
import type { Meeting } from '../../src/services/meetings/domain/meetings.js';
import type { HubRequest } from '../../src/services/requests/domain/requests.js';
import type {
  Article,
  ArticleHit,
  ArticleVersion,
  ArticleVisibility,
} from '../../src/services/knowledge/domain/articles.js';
import {
  entityToRow,
  rowToAudit,
  rowToEntity,
  rowToLink,
  rowToRole,
  type AuditRow,
  type EntityRow,
  type LinkRow,
  type RoleRow,
} from './mapper.js';
import { EmbeddedMinutesStore } from '../../src/features/minutes/store/embedded-minutes-store.js';
import { EmbeddedFundingStore } from './funding-store.js';
import { EmbeddedAdviceStore } from './advice-store.js';
import { EmbeddedProposalStore } from './proposal-store.js';
import { EmbeddedPollStore } from './poll-store.js';
import { EmbeddedChatAccountStore } from './chat-account-store.js';
import { EmbeddedNotificationSettingsStore } from './notification-settings-store.js';
import { EmbeddedScheduledChangeStore } from '../../src/features/scheduled-changes/store/embedded-scheduled-change-store.js';
import { migrate } from './migrations.js';

// Name keys hold only [a-z0-9 ] (see nameKey), so they go into LIKE patterns without escaping.
// The default store: SQLite in the data directory, WAL journal with full sync, so a committed
// write survives kill -9. Lists of keys travel as one JSON parameter (json_each), so a batch
// read is one statement whatever its size.

const APPLICATION_ID = 0x48554231; // "HUB1": marks the file as ours.
const IDS = '(SELECT value FROM json_each(?))';

export class EmbeddedStore implements GraphStore {
  readonly name = 'embedded' as const;
  private readonly db: Database.Database;
  private ownChangeCount = 0;
  readonly minutes: EmbeddedMinutesStore;
  readonly funding: EmbeddedFundingStore;
  readonly advice: EmbeddedAdviceStore;
  readonly proposals: EmbeddedProposalStore;
  readonly polls: EmbeddedPollStore;
  readonly chatAccounts: EmbeddedChatAccountStore;
  readonly notificationSettings: EmbeddedNotificationSettingsStore;
  readonly scheduledChanges: EmbeddedScheduledChangeStore;

  private constructor(db: Database.Database) {
    this.db = db;
    this.minutes = new EmbeddedMinutesStore(db);
    this.funding = new EmbeddedFundingStore(db);
    this.advice = new EmbeddedAdviceStore(db);
    this.proposals = new EmbeddedProposalStore(db);
    this.polls = new EmbeddedPollStore(db);
    this.chatAccounts = new EmbeddedChatAccountStore(db);
    this.notificationSettings = new EmbeddedNotificationSettingsStore(db);
    this.scheduledChanges = new EmbeddedScheduledChangeStore(db);
  }

  /** Opens (or creates) the store; a file that is not a readable hub store is refused, never reset. */
  static file(dataDir: string): string {
    return join(dataDir, 'hub.sqlite');
  }

  static open(dataDir: string): EmbeddedStore {
    mkdirSync(dataDir, { recursive: true });
    const path = EmbeddedStore.file(dataDir);
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      const appId = db.pragma('application_id', { simple: true }) as number;
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (appId !== APPLICATION_ID && tables.n > 0) throw new Error('it belongs to another program');
      if (appId !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
      migrate(db);
    } catch (error) {
      db.close();
      throw new StoreCorrupt(path, error instanceof Error ? error.message : String(error));
    }
    return new EmbeddedStore(db);
  }

  /** A consistent copy of the store while it is in use (SQLite's online backup). */
  async backup(file: string): Promise<void> {
    await this.db.backup(file);
  }

  /** Checks that a file is a readable hub store, without changing it. */
  static verify(file: string): void {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID)
        throw new Error('it is not a hub data file');
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(String(check));
    } catch (error) {
      throw new StoreCorrupt(file, error instanceof Error ? error.message : String(error));
    } finally {
      db.close();
    }
  }

  static inMemory(): EmbeddedStore {
    const db = new Database(':memory:');
    migrate(db);
    return new EmbeddedStore(db);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async listDistricts(stateCode?: string): Promise<District[]> {
    const rows = this.db
      .prepare("SELECT data FROM entities WHERE kind = 'District' ORDER BY district_ags")
      .all() as Pick<EntityRow, 'data'>[];
    const all = rows.map((r) => rowToEntity(r) as District);
    return stateCode ? all.filter((d) => d.stateCode === stateCode) : all;
  }

  async districtsByAgs(ags: readonly string[]): Promise<(District | null)[]> {
    const rows = this.db
      .prepare(`SELECT data FROM entities WHERE kind = 'District' AND district_ags IN ${IDS}`)
      .all(JSON.stringify(ags)) as Pick<EntityRow, 'data'>[];
    return alignOne(
      ags,
      rows.map((r) => rowToEntity(r) as District),
      (d) => d.ags,
    );
  }

  async municipalitiesOfDistricts(ags: readonly string[]): Promise<Municipality[][]> {
    const rows = this.db
      .prepare(
        `SELECT data FROM entities WHERE kind = 'Municipality' AND district_ags IN ${IDS} AND until IS NULL ORDER BY name`,
      )
      .all(JSON.stringify(ags)) as Pick<EntityRow, 'data'>[];
    return alignMany(
      ags,
      rows.map((r) => rowToEntity(r) as Municipality),
      (m) => [m.districtAgs],
    );
  }

  async allMunicipalityDirectory(): Promise<(MunicipalityRef & { since?: string | null; until?: string | null })[]> {
    return this.db
      .prepare(
        `SELECT id, name, district_ags AS districtAgs, json_extract(data, '$.since') AS since, until
         FROM entities WHERE kind = 'Municipality' ORDER BY name`,
      )
      .all() as (MunicipalityRef & { since: string | null; until: string | null })[];
  }

  async allMunicipalitiesOfDistricts(ags: readonly string[]): Promise<Municipality[][]> {
    const rows = this.db
      .prepare(`SELECT data FROM entities WHERE kind = 'Municipality' AND district_ags IN ${IDS} ORDER BY name`)
      .all(JSON.stringify(ags)) as Pick<EntityRow, 'data'>[];
    return alignMany(
      ags,
      rows.map((r) => rowToEntity(r) as Municipality),
      (m) => [m.districtAgs],
    );
  }

  async municipalityDirectory(): Promise<MunicipalityRef[]> {
    return this.db
      .prepare(
        "SELECT id, name, district_ags AS districtAgs FROM entities WHERE kind = 'Municipality' AND until IS NULL ORDER BY name",
      )
      .all() as MunicipalityRef[];
  }

  async entitiesByIds(ids: readonly string[]): Promise<(Entity | null)[]> {
    return alignOne(ids, this.readEntities(ids), (e) => e.id);
  }

  async rolesOfPersons(personIds: readonly string[]): Promise<ReturnType<typeof rowToRole>[][]> {
    const rows = this.db
      .prepare(`SELECT * FROM roles WHERE person_id IN ${IDS} AND until IS NULL ORDER BY role, id`)
      .all(JSON.stringify(personIds)) as RoleRow[];
    return alignMany(personIds, rows.map(rowToRole), (r) => [r.personId]);
  }

  async rolesInScopes(scopeIds: readonly string[]): Promise<ReturnType<typeof rowToRole>[][]> {
    const rows = this.db
      .prepare(`SELECT * FROM roles WHERE scope_id IN ${IDS} AND until IS NULL ORDER BY role, id`)
      .all(JSON.stringify(scopeIds)) as RoleRow[];
    return alignMany(scopeIds, rows.map(rowToRole), (r) => [r.scopeId]);
  }

  async linksOf(ids: readonly string[]): Promise<ReturnType<typeof rowToLink>[][]> {
    const json = JSON.stringify(ids);
    const rows = this.db
      .prepare(
        `SELECT * FROM links WHERE from_id IN ${IDS} AND until IS NULL UNION SELECT * FROM links WHERE to_id IN ${IDS} AND until IS NULL ORDER BY type, id`,
      )
      .all(json, json) as LinkRow[];
    return alignMany(ids, rows.map(rowToLink), (l) => [l.fromId, l.toId]);
  }

  async search(text: string, kinds: readonly EntityKind[] | null, limit: number): Promise<Entity[]> {
    const key = nameKey(text);
    if (!key) return [];
    const rows = this.db
      .prepare(
        `SELECT data FROM entities WHERE name_key LIKE ? AND kind IN ${IDS} AND until IS NULL
         ORDER BY (name_key = ?) DESC, (name_key LIKE ?) DESC, name, id LIMIT ?`,
      )
      .all(`%${key}%`, JSON.stringify(kinds ?? ENTITY_KINDS), key, `${key}%`, limit) as Pick<EntityRow, 'data'>[];
    return rows.map(rowToEntity);
  }

  async networkSnapshot(): Promise<NetworkSnapshot> {
    return queries.snapshotOf(this.db, true);
  }

  async historySnapshot(): Promise<NetworkSnapshot> {
    return queries.snapshotOf(this.db, false);
  }

  async listEntities(q: EntityListQuery): Promise<Entity[]> {
    return queries.listEntities(this.db, q);
  }

  async countEntities(q: Omit<EntityListQuery, 'after' | 'limit'>): Promise<number> {
    return queries.countEntities(this.db, q);
  }

  async counts(): Promise<StoreCounts> {
    const entities = Object.fromEntries(ENTITY_KINDS.map((k) => [k, 0])) as Record<EntityKind, number>;
    for (const row of this.db
      .prepare('SELECT kind, count(*) AS n FROM entities WHERE until IS NULL GROUP BY kind')
      .all() as { kind: EntityKind; n: number }[]) {
      entities[row.kind] = row.n;
    }
    const roles = (this.db.prepare('SELECT count(*) AS n FROM roles WHERE until IS NULL').get() as { n: number }).n;
    const links = (this.db.prepare('SELECT count(*) AS n FROM links WHERE until IS NULL').get() as { n: number }).n;
    return { entities, roles, links };
  }

  async commit(changes: NetworkBundle, guard: ChangeGuard, audit?: AuditEntry): Promise<void> {
    this.db
      .transaction(() => {
        guard(this.snapshot(changes));
        const upsertEntity = this.db.prepare(
          `INSERT INTO entities (id, kind, name, name_key, district_ags, data) VALUES (@id, @kind, @name, @name_key, @district_ags, @data)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, district_ags = excluded.district_ags, data = excluded.data`,
        );
        for (const e of entitiesOf(changes)) upsertEntity.run(entityToRow(e));
        insertRolesAndLinks(this.db, changes.roles, changes.links);
        if (audit) this.appendAudit(audit);
        bumpChangeSequence(this.db);
      })
      .immediate();
    this.ownChangeCount++;
  }

  async replacePerson(person: Person, audit: AuditEntry): Promise<void> {
    this.db
      .transaction(() => {
        const row = entityToRow(person);
        this.db
          .prepare(
            "UPDATE entities SET name = @name, name_key = @name_key, data = @data WHERE id = @id AND kind = 'Person'",
          )
          .run(row);
        this.appendAudit(audit);
        bumpChangeSequence(this.db);
      })
      .immediate();
    this.ownChangeCount++;
  }

  async renamePerson(oldId: string, newId: string, audit: AuditEntry): Promise<void> {
    this.db
      .transaction(() => {
        renamePersonEverywhere(this.db, oldId, newId);
        this.appendAudit(audit);
        bumpChangeSequence(this.db);
      })
      .immediate();
    this.ownChangeCount++;
  }

  async revise(revision: NetworkRevision, guard: RevisionGuard, audit: AuditEntry): Promise<void> {
    lifecycle.revise(this.db, revision, guard, audit);
    this.ownChangeCount++;
  }

  async rolesByIds(ids: readonly string[]): Promise<(RoleAssignment | null)[]> {
    return lifecycle.rolesByIds(this.db, ids);
  }

  async linksByIds(ids: readonly string[]): Promise<(Link | null)[]> {
    return lifecycle.linksByIds(this.db, ids);
  }

  async allRolesOfPersons(personIds: readonly string[]): Promise<RoleAssignment[][]> {
    return lifecycle.allRolesOfPersons(this.db, personIds);
  }

  async allRolesInScopes(scopeIds: readonly string[]): Promise<RoleAssignment[][]> {
    return lifecycle.allRolesInScopes(this.db, scopeIds);
  }

  async allLinksOf(ids: readonly string[]): Promise<Link[][]> {
    return lifecycle.allLinksOf(this.db, ids);
  }

  async changeSequence(): Promise<number> {
    return readChangeSequence(this.db);
  }

  ownChanges(): number {
    return this.ownChangeCount;
  }

  /** Moves the change counter inside the running transaction, counted as this store object's own. */
  private bumpOwnChange(): void {
    bumpChangeSequence(this.db);
    this.ownChangeCount++;
  }

  async bumpChangeSequence(): Promise<void> {
    bumpChangeSequence(this.db);
  }

  async saveRequest(request: HubRequest, alongside: readonly StateEntry[] = []): Promise<boolean> {
    return this.db.transaction(() => {
      const saved = requestRows.saveRequest(this.db, request);
      if (saved) for (const entry of alongside) stateRows.setState(this.db, entry.key, entry.value);
      // Requests are part of the collaboration graph and its figures: other processes reload them.
      if (saved) this.bumpOwnChange();
      return saved;
    })();
  }

  async requestById(id: string): Promise<HubRequest | null> {
    return requestRows.requestById(this.db, id);
  }

  async requestsOf(personId: string, limit: number): Promise<HubRequest[]> {
    return requestRows.requestsOf(this.db, personId, limit);
  }

  async requestsToEscalate(now: string, limit: number): Promise<HubRequest[]> {
    return requestRows.requestsToEscalate(this.db, now, limit);
  }

  async saveToken(token: AccessToken, audit: AuditEntry): Promise<void> {
    tokenRows.saveToken(this.db, token, audit);
  }

  async tokenByHash(hash: string): Promise<AccessToken | null> {
    return tokenRows.tokenByHash(this.db, hash);
  }

  async listTokens(): Promise<AccessToken[]> {
    return tokenRows.listTokens(this.db);
  }

  async revokeToken(id: string, at: string, audit: AuditEntry): Promise<boolean> {
    return tokenRows.revokeToken(this.db, id, at, audit);
  }

  async getState<T>(key: StateKey): Promise<T | null> {
    return stateRows.getState<T>(this.db, key);
  }

  async setState(key: StateKey, value: unknown): Promise<void> {
    stateRows.setState(this.db, key, value);
  }

  async listState<T>(prefix: StateKey): Promise<{ key: StateKey; value: T }[]> {
    return stateRows.listState<T>(this.db, prefix) as { key: StateKey; value: T }[];
  }

  async deleteState(key: StateKey): Promise<void> {
    stateRows.deleteState(this.db, key);
  }

  async closedRequestsWithText(before: string, limit: number): Promise<HubRequest[]> {
    return requestRows.closedRequestsWithText(this.db, before, limit);
  }

  async auditOf(subjectId: string, limit: number): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare(
        'SELECT a.* FROM audit_subjects s JOIN audit a ON a.id = s.audit_id WHERE s.subject_id = ? ORDER BY a.at DESC, a.id DESC LIMIT ?',
      )
      .all(subjectId, limit) as AuditRow[];
    return rows.map(rowToAudit);
  }

  private appendAudit(audit: AuditEntry): void {
    appendAudit(this.db, audit);
  }

  async saveMeeting(meeting: Meeting, alongside: readonly StateEntry[] = []): Promise<boolean> {
    return this.saveMeetings([meeting], alongside);
  }

  async saveMeetings(meetings: readonly Meeting[], alongside: readonly StateEntry[] = []): Promise<boolean> {
    return this.db.transaction(() => {
      const saved = meetingRows.saveMeetings(this.db, meetings);
      if (saved) for (const entry of alongside) stateRows.setState(this.db, entry.key, entry.value);
      if (saved) this.bumpOwnChange();
      return saved;
    })();
  }

  async meetingsOfSeries(seriesIds: readonly string[]): Promise<Meeting[]> {
    return meetingRows.meetingsOfSeries(this.db, seriesIds);
  }

  async meetingById(id: string): Promise<Meeting | null> {
    return meetingRows.meetingById(this.db, id);
  }

  async meetingsStarting(from: string, to: string): Promise<Meeting[]> {
    return meetingRows.meetingsStarting(this.db, from, to);
  }

  async meetingsOf(personIds: readonly string[], from: string, to: string): Promise<Meeting[]> {
    return meetingRows.meetingsOfPeople(this.db, personIds, from, to);
  }

  async saveArticle(
    article: Article,
    change: ArticleVersion,
    terms: { title: string; body: string },
  ): Promise<boolean> {
    return this.db.transaction(() => articleRows.saveArticle(this.db, article, change, terms))();
  }

  async articlesByIds(ids: readonly string[]): Promise<(Article | null)[]> {
    return alignOne(ids, articleRows.articlesByIds(this.db, ids), (a) => a.id);
  }

  async listArticles(query: { topicId?: string; districtAgs?: readonly string[]; limit: number }): Promise<Article[]> {
    return articleRows.listArticles(this.db, query);
  }

  async searchArticles(terms: readonly string[], limit: number, level: ArticleVisibility): Promise<ArticleHit[]> {
    return articleRows.searchArticles(this.db, terms, limit, level);
  }

  async knowledgeTerms(level: ArticleVisibility): Promise<string[]> {
    return articleRows.knowledgeTerms(this.db, level);
  }

  async articleVersions(id: string): Promise<ArticleVersion[]> {
    return articleRows.articleVersions(this.db, id);
  }

  async forgetArticleAuthor(personId: string): Promise<void> {
    this.db.transaction(() => articleRows.forgetArticleAuthor(this.db, personId))();
  }

  async holdLease(name: string, holder: string, until: Date, now: Date): Promise<boolean> {
    return holdLease(this.db, name, holder, until, now);
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    releaseLease(this.db, name, holder);
  }

  async claimOnce(key: StateKey, alongside: readonly StateEntry[] = []): Promise<boolean> {
    return this.db.transaction(() => {
      const first = claimOnce(this.db, key);
      if (first) for (const entry of alongside) stateRows.setState(this.db, entry.key, entry.value);
      return first;
    })();
  }

  async deleteEverything(): Promise<void> {
    this.db.transaction(() => {
      this.db.exec(
        'DELETE FROM links; DELETE FROM roles; DELETE FROM entities; DELETE FROM audit_subjects; DELETE FROM audit; DELETE FROM tokens; DELETE FROM state; DELETE FROM claims; DELETE FROM requests; DELETE FROM chat_accounts; DELETE FROM scheduled_change_districts; DELETE FROM scheduled_changes; DELETE FROM notification_settings; DELETE FROM decision_votes; DELETE FROM decision_poll_answers; DELETE FROM decision_polls; DELETE FROM date_poll_votes; DELETE FROM date_poll_slots; DELETE FROM date_poll_invitees; DELETE FROM date_poll_invites; DELETE FROM date_polls; DELETE FROM funding_call_topics; DELETE FROM funding_call_districts; DELETE FROM funding_calls; DELETE FROM funding_follows; DELETE FROM advice_offer_topics; DELETE FROM advice_offers; DELETE FROM change_proposal_districts; DELETE FROM change_proposals; DELETE FROM minutes_items; DELETE FROM minutes_attendance; DELETE FROM meeting_people; DELETE FROM meetings; DELETE FROM articles; DELETE FROM article_topics; DELETE FROM article_versions; DELETE FROM article_terms; DELETE FROM article_terms_network; DELETE FROM article_terms_public;',
      );
      bumpChangeSequence(this.db);
    })();
  }

  private snapshot(changes: NetworkBundle): FactsSnapshot {
    const { entityIds, roleIds, linkIds } = referencedIds(changes);
    const ids = JSON.stringify(entityIds);
    const roles = this.db
      .prepare(
        `SELECT * FROM roles WHERE person_id IN ${IDS} AND until IS NULL UNION SELECT * FROM roles WHERE scope_id IN ${IDS} AND until IS NULL`,
      )
      .all(ids, ids) as RoleRow[];
    const existingRoles = this.db
      .prepare(`SELECT id FROM roles WHERE id IN ${IDS}`)
      .pluck()
      .all(JSON.stringify(roleIds)) as string[];
    const existingLinks = this.db
      .prepare(`SELECT id FROM links WHERE id IN ${IDS}`)
      .pluck()
      .all(JSON.stringify(linkIds)) as string[];
    const scopeIds = roles.map((r) => r.scope_id).filter((id): id is string => id !== null && !entityIds.includes(id));
    return new FactsSnapshot(
      this.readEntities([...entityIds, ...scopeIds]),
      roles.map(rowToRole),
      existingRoles,
      existingLinks,
    );
  }

  private readEntities(ids: readonly string[]): Entity[] {
    const rows = this.db.prepare(`SELECT data FROM entities WHERE id IN ${IDS}`).all(JSON.stringify(ids)) as Pick<
      EntityRow,
      'data'
    >[];
    return rows.map(rowToEntity);
  }
}
