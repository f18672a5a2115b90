import type Database from 'better-sqlite3';
import { MINUTES_EMBEDDED_MIGRATION } from '../../src/features/minutes/store/migrations.js';
import {
  ADVICE_RECORDS,
  CHAT_ACCOUNT_RECORDS,
  FUNDING_RECORDS,
  NOTIFICATION_SETTINGS_RECORDS,
  POLL_RECORDS,
  PROPOSAL_RECORDS,
} from './record-migrations.js';
import { SUGGESTIONS_EMBEDDED_MIGRATION } from '../../src/features/suggestions/store/migrations.js';
import {
  SCHEDULED_CHANGES_EMBEDDED_MIGRATION,
  SCHEDULED_KINDS_EMBEDDED_MIGRATION,
} from '../../src/features/scheduled-changes/store/migrations.js';

// Numbered, idempotent schema steps for the embedded store, recorded in schema_migrations.
// Append new steps; never edit one that has shipped.

interface Migration {
  version: number;
  name: string;
  up: string;
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'entities, roles and links',
    up: `
      CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        district_ags TEXT,
        data TEXT NOT NULL
      ) STRICT;
      CREATE INDEX entities_kind_district ON entities(kind, district_ags, name);
      CREATE INDEX entities_name_key ON entities(name_key);
      CREATE TABLE roles (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL,
        role TEXT NOT NULL,
        scope_id TEXT
      ) STRICT;
      CREATE INDEX roles_person ON roles(person_id);
      CREATE INDEX roles_scope ON roles(scope_id, role);
      CREATE TABLE links (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        from_id TEXT NOT NULL,
        to_id TEXT NOT NULL,
        since TEXT,
        note TEXT
      ) STRICT;
      CREATE INDEX links_from ON links(from_id, type);
      CREATE INDEX links_to ON links(to_id, type);
    `,
  },
  {
    version: 2,
    name: 'access tokens and audit log',
    up: `
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        person_id TEXT NOT NULL,
        access TEXT NOT NULL,
        district_ags TEXT,
        personal_data INTEGER NOT NULL,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
      CREATE TABLE audit (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id TEXT,
        action TEXT NOT NULL,
        subject_ids TEXT NOT NULL,
        details TEXT NOT NULL
      ) STRICT;
      CREATE TABLE audit_subjects (
        audit_id TEXT NOT NULL REFERENCES audit(id),
        subject_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_subjects_subject ON audit_subjects(subject_id);
    `,
  },
  {
    version: 3,
    name: 'shared state and claims',
    up: `
      CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
      CREATE TABLE claims (key TEXT PRIMARY KEY, claimed_at TEXT NOT NULL) STRICT;
    `,
  },
  {
    version: 4,
    name: 'requests',
    up: `
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        requester_id TEXT NOT NULL,
        handler_id TEXT NOT NULL,
        state TEXT NOT NULL,
        escalate_at TEXT,
        created_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      ) STRICT;
      CREATE INDEX requests_requester ON requests(requester_id, created_at);
      CREATE INDEX requests_handler ON requests(handler_id, created_at);
      CREATE INDEX requests_escalation ON requests(state, escalate_at);
    `,
  },
  {
    version: 5,
    name: 'meetings',
    up: `
      CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      ) STRICT;
      CREATE TABLE meeting_people (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        person_id TEXT NOT NULL,
        PRIMARY KEY (meeting_id, person_id)
      ) STRICT;
      CREATE INDEX meeting_people_person ON meeting_people(person_id);
      CREATE INDEX meetings_time ON meetings(starts_at, ends_at);
    `,
  },
  {
    version: 6,
    name: 'meeting series',
    up: `
      ALTER TABLE meetings ADD COLUMN series_id TEXT;
      CREATE INDEX meetings_series ON meetings(series_id, starts_at);
    `,
  },
  {
    version: 7,
    name: 'change sequence',
    up: `
      CREATE TABLE change_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL) STRICT;
      INSERT INTO change_sequence (id, value) VALUES (1, 0);
    `,
  },
  {
    version: 8,
    name: 'roles, links and records with start and end dates',
    up: `
      ALTER TABLE roles ADD COLUMN since TEXT;
      ALTER TABLE roles ADD COLUMN until TEXT;
      ALTER TABLE links ADD COLUMN until TEXT;
      ALTER TABLE entities ADD COLUMN until TEXT;
      CREATE INDEX roles_ended ON roles(until) WHERE until IS NOT NULL;
      CREATE INDEX links_ended ON links(until) WHERE until IS NOT NULL;
    `,
  },
  {
    version: 9,
    name: 'knowledge base',
    up: `
      CREATE TABLE articles (
        id TEXT PRIMARY KEY, version INTEGER NOT NULL, district_ags TEXT, updated_at TEXT NOT NULL, data TEXT NOT NULL
      ) STRICT;
      CREATE INDEX articles_district ON articles(district_ags, updated_at);
      CREATE INDEX articles_updated ON articles(updated_at);
      CREATE TABLE article_topics (article_id TEXT NOT NULL, topic_id TEXT NOT NULL, PRIMARY KEY (topic_id, article_id)) STRICT;
      CREATE TABLE article_versions (
        article_id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (article_id, version)
      ) STRICT;
      CREATE VIRTUAL TABLE article_terms USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE article_vocabulary USING fts5vocab(article_terms, 'row');
    `,
  },
  {
    version: 10,
    name: 'a search index per reading level',
    up: `
      CREATE VIRTUAL TABLE article_terms_network USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE article_vocabulary_network USING fts5vocab(article_terms_network, 'row');
      CREATE VIRTUAL TABLE article_terms_public USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE article_vocabulary_public USING fts5vocab(article_terms_public, 'row');
      INSERT INTO article_terms_network (id, title, body)
        SELECT t.id, t.title, t.body FROM article_terms t JOIN articles a ON a.id = t.id
        WHERE json_extract(a.data, '$.visibility') IN ('PUBLIC', 'NETWORK');
      INSERT INTO article_terms_public (id, title, body)
        SELECT t.id, t.title, t.body FROM article_terms t JOIN articles a ON a.id = t.id
        WHERE json_extract(a.data, '$.visibility') = 'PUBLIC';
    `,
  },
  {
    version: 11,
    name: 'minutes and action items as records',
    up: MINUTES_EMBEDDED_MIGRATION,
  },
  {
    version: 12,
    name: 'funding calls and followed topics as records',
    up: FUNDING_RECORDS,
  },
  {
    version: 13,
    name: 'advice offers as records',
    up: ADVICE_RECORDS,
  },
  {
    version: 14,
    name: 'change proposals as records',
    up: PROPOSAL_RECORDS,
  },
  {
    version: 15,
    name: 'decision and date polls as records, a row per vote',
    up: POLL_RECORDS,
  },
  {
    version: 16,
    name: 'chat accounts as records',
    up: CHAT_ACCOUNT_RECORDS,
  },
  {
    version: 17,
    name: 'notification settings as records',
    up: NOTIFICATION_SETTINGS_RECORDS,
  },
  { version: 18, name: 'changes scheduled for a later day', up: SCHEDULED_CHANGES_EMBEDDED_MIGRATION },
  {
    version: 19,
    name: "what each person changed, for undoing one's own changes",
    up: 'CREATE INDEX audit_actor_at ON audit(actor_id, at);',
  },
  { version: 20, name: 'record ends and mergers scheduled for a later day', up: SCHEDULED_KINDS_EMBEDDED_MIGRATION },
  { version: 21, name: 'answers to suggestions', up: SUGGESTIONS_EMBEDDED_MIGRATION },
];

export function migrate(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.up);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
}
