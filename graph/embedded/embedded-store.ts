import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { bumpChangeSequence, OwnChanges } from './change-sequence.js';
import { EmbeddedCoordinationStore } from './coordination.js';
import { EmbeddedKnowledgeStore } from '../../src/features/knowledge/store/embedded-knowledge-store.js';
import { EmbeddedLifecycleStore } from './lifecycle-store.js';
import { EmbeddedMeetingStore } from '../../src/features/meetings/store/embedded-meeting-store.js';
import * as queries from './network-queries.js';
import { EmbeddedNetworkWriteStore, readEntities } from './network-write-store.js';
import { EmbeddedRequestStore } from '../../src/features/requests/store/embedded-request-store.js';
import { EmbeddedTokenStore } from './token-store.js';
import { alignMany, alignOne } from '../../src/domain/batch.js';
import { StoreCorrupt } from '../../src/domain/errors.js';
import {
  ENTITY_KINDS,
  type District,
  type Entity,
  type EntityKind,
  type Municipality,
} from '../../src/domain/model.js';
import { nameKey } from '../../src/domain/names.js';
import {
  type CurrentState,
  type EntityListQuery,
  type GraphStore,
  type EntityName,
  type MunicipalityRef,
  type NetworkSnapshot,
  type StoreCounts,
} from '../../src/domain/ports/graph-store.port.js';
import { rowToEntity, rowToLink, rowToRole, type EntityRow, type LinkRow, type RoleRow } from './mapper.js';
import { EmbeddedMinutesStore } from '../../src/features/minutes/store/embedded-minutes-store.js';
import { EmbeddedFundingStore } from '../../src/features/funding/store/embedded-funding-store.js';
import { EmbeddedAdviceStore } from '../../src/features/advice/store/embedded-advice-store.js';
import { EmbeddedProposalStore } from '../../src/features/proposals/store/embedded-proposal-store.js';
import { EmbeddedPollStore } from '../../src/features/meetings/store/embedded-poll-store.js';
import { EmbeddedChatAccountStore } from './chat-account-store.js';
import { EmbeddedNotificationSettingsStore } from '../../src/features/notifications/store/embedded-notification-settings-store.js';
import { EmbeddedScheduledChangeStore } from '../../src/features/scheduled-changes/store/embedded-scheduled-change-store.js';
import { EmbeddedSuggestionFeedbackStore } from '../../src/features/suggestions/store/embedded-feedback-store.js';
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
  readonly writes: EmbeddedNetworkWriteStore;
  readonly lifecycle: EmbeddedLifecycleStore;
  readonly tokens: EmbeddedTokenStore;
  readonly requests: EmbeddedRequestStore;
  readonly meetings: EmbeddedMeetingStore;
  readonly knowledge: EmbeddedKnowledgeStore;
  readonly coordination: EmbeddedCoordinationStore;
  readonly minutes: EmbeddedMinutesStore;
  readonly funding: EmbeddedFundingStore;
  readonly advice: EmbeddedAdviceStore;
  readonly proposals: EmbeddedProposalStore;
  readonly polls: EmbeddedPollStore;
  readonly chatAccounts: EmbeddedChatAccountStore;
  readonly notificationSettings: EmbeddedNotificationSettingsStore;
  readonly scheduledChanges: EmbeddedScheduledChangeStore;
  readonly suggestionFeedback: EmbeddedSuggestionFeedbackStore;

  private constructor(db: Database.Database) {
    this.db = db;
    const own = new OwnChanges();
    this.writes = new EmbeddedNetworkWriteStore(db, own);
    this.lifecycle = new EmbeddedLifecycleStore(db, own);
    this.tokens = new EmbeddedTokenStore(db);
    this.requests = new EmbeddedRequestStore(db, own);
    this.meetings = new EmbeddedMeetingStore(db, own);
    this.knowledge = new EmbeddedKnowledgeStore(db);
    this.coordination = new EmbeddedCoordinationStore(db);
    this.minutes = new EmbeddedMinutesStore(db);
    this.funding = new EmbeddedFundingStore(db);
    this.advice = new EmbeddedAdviceStore(db);
    this.proposals = new EmbeddedProposalStore(db);
    this.polls = new EmbeddedPollStore(db);
    this.chatAccounts = new EmbeddedChatAccountStore(db);
    this.notificationSettings = new EmbeddedNotificationSettingsStore(db);
    this.scheduledChanges = new EmbeddedScheduledChangeStore(db);
    this.suggestionFeedback = new EmbeddedSuggestionFeedbackStore(db);
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

  async municipalityDirectory(): Promise<MunicipalityRef[]> {
    return this.db
      .prepare(
        "SELECT id, name, district_ags AS districtAgs FROM entities WHERE kind = 'Municipality' AND until IS NULL ORDER BY name",
      )
      .all() as MunicipalityRef[];
  }

  async entitiesByIds(ids: readonly string[]): Promise<(Entity | null)[]> {
    return alignOne(ids, readEntities(this.db, ids), (e) => e.id);
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

  async currentState(ids: readonly string[]): Promise<CurrentState> {
    const [entities, personRoles, scopeRoles, links] = await Promise.all([
      this.entitiesByIds(ids),
      this.rolesOfPersons(ids),
      this.rolesInScopes(ids),
      this.linksOf(ids),
    ]);
    const roles = new Map([...personRoles.flat(), ...scopeRoles.flat()].map((r) => [r.id, r]));
    return { entities, roles: [...roles.values()], links: [...new Map(links.flat().map((l) => [l.id, l])).values()] };
  }

  async entityNames(): Promise<EntityName[]> {
    return this.db.prepare('SELECT id, kind, name FROM entities WHERE until IS NULL').all() as EntityName[];
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

  async deleteEverything(): Promise<void> {
    this.db.transaction(() => {
      this.db.exec(
        'DELETE FROM links; DELETE FROM roles; DELETE FROM entities; DELETE FROM audit_subjects; DELETE FROM audit; DELETE FROM tokens; DELETE FROM state; DELETE FROM claims; DELETE FROM requests; DELETE FROM chat_accounts; DELETE FROM scheduled_change_districts; DELETE FROM scheduled_changes; DELETE FROM notification_settings; DELETE FROM decision_votes; DELETE FROM decision_poll_answers; DELETE FROM decision_polls; DELETE FROM date_poll_votes; DELETE FROM date_poll_slots; DELETE FROM date_poll_invitees; DELETE FROM date_poll_invites; DELETE FROM date_polls; DELETE FROM funding_call_topics; DELETE FROM funding_call_districts; DELETE FROM funding_calls; DELETE FROM funding_follows; DELETE FROM advice_offer_topics; DELETE FROM advice_offers; DELETE FROM change_proposal_districts; DELETE FROM change_proposals; DELETE FROM minutes_items; DELETE FROM minutes_attendance; DELETE FROM meeting_people; DELETE FROM meetings; DELETE FROM articles; DELETE FROM article_topics; DELETE FROM article_versions; DELETE FROM article_terms; DELETE FROM article_terms_network; DELETE FROM article_terms_public;',
      );
      bumpChangeSequence(this.db);
    })();
  }
}
