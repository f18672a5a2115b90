import type Database from 'better-sqlite3';
import { MINUTES_EMBEDDED_MIGRATION } from '../../src/features/minutes/store/migrations.js';
import { SCHEDULED_CHANGES_EMBEDDED_MIGRATION } from '../../src/features/scheduled-changes/store/migrations.js';

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
    up: `
      CREATE TABLE funding_calls (
        id TEXT PRIMARY KEY,
        programme_id TEXT,
        title TEXT NOT NULL,
        funder TEXT NOT NULL,
        level TEXT NOT NULL,
        eligible TEXT NOT NULL,
        amount_min INTEGER,
        amount_max INTEGER,
        co_financing_percent REAL,
        url TEXT,
        opens_on TEXT NOT NULL,
        closes_on TEXT NOT NULL,
        state_code TEXT,
        public INTEGER NOT NULL,
        demo INTEGER NOT NULL,
        CHECK (opens_on <= closes_on)
      ) STRICT;
      CREATE INDEX funding_calls_closes ON funding_calls(closes_on);
      CREATE TABLE funding_call_topics (
        call_id TEXT NOT NULL REFERENCES funding_calls(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        topic_id TEXT NOT NULL,
        PRIMARY KEY (call_id, position)
      ) STRICT;
      CREATE INDEX funding_call_topics_topic ON funding_call_topics(topic_id);
      CREATE TABLE funding_call_districts (
        call_id TEXT NOT NULL REFERENCES funding_calls(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        district_ags TEXT NOT NULL,
        PRIMARY KEY (call_id, position)
      ) STRICT;
      CREATE INDEX funding_call_districts_ags ON funding_call_districts(district_ags);
      CREATE TABLE funding_follows (person_id TEXT NOT NULL, topic_id TEXT NOT NULL, PRIMARY KEY (person_id, topic_id)) STRICT;
      CREATE INDEX funding_follows_topic ON funding_follows(topic_id);
      INSERT INTO funding_calls (id, programme_id, title, funder, level, eligible, amount_min, amount_max,
          co_financing_percent, url, opens_on, closes_on, state_code, public, demo)
        SELECT json_extract(value, '$.id'), json_extract(value, '$.programmeId'), json_extract(value, '$.title'),
               json_extract(value, '$.funder'), json_extract(value, '$.level'),
               coalesce((SELECT group_concat(e.value, ',') FROM json_each(state.value, '$.eligible') e), ''),
               json_extract(value, '$.amountMin'), json_extract(value, '$.amountMax'),
               json_extract(value, '$.coFinancingPercent'), json_extract(value, '$.url'),
               json_extract(value, '$.opensOn'), json_extract(value, '$.closesOn'), json_extract(value, '$.stateCode'),
               json_extract(value, '$.public'), json_extract(value, '$.demo')
        FROM state WHERE key >= 'funding-call:' AND key < 'funding-call;';
      INSERT INTO funding_call_topics (call_id, position, topic_id)
        SELECT json_extract(s.value, '$.id'), t.key, t.value FROM state s, json_each(s.value, '$.topicIds') t
        WHERE s.key >= 'funding-call:' AND s.key < 'funding-call;';
      INSERT INTO funding_call_districts (call_id, position, district_ags)
        SELECT json_extract(s.value, '$.id'), d.key, d.value FROM state s, json_each(s.value, '$.districtAgs') d
        WHERE s.key >= 'funding-call:' AND s.key < 'funding-call;';
      INSERT OR IGNORE INTO funding_follows (person_id, topic_id)
        SELECT substr(s.key, 22), t.value FROM state s, json_each(s.value, '$.topicIds') t
        WHERE s.key >= 'funding-subscription:' AND s.key < 'funding-subscription;';
      DELETE FROM state WHERE (key >= 'funding-call:' AND key < 'funding-call;')
        OR (key >= 'funding-subscription:' AND key < 'funding-subscription;');
    `,
  },
  {
    version: 13,
    name: 'advice offers as records',
    up: `
      CREATE TABLE advice_offers (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        provider_id TEXT NOT NULL,
        institution_types TEXT NOT NULL,
        district_ags TEXT NOT NULL,
        created_at TEXT NOT NULL,
        demo INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX advice_offers_district ON advice_offers(district_ags, title);
      CREATE INDEX advice_offers_provider ON advice_offers(provider_id);
      CREATE TABLE advice_offer_topics (
        offer_id TEXT NOT NULL REFERENCES advice_offers(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        topic_id TEXT NOT NULL,
        PRIMARY KEY (offer_id, position)
      ) STRICT;
      CREATE INDEX advice_offer_topics_topic ON advice_offer_topics(topic_id);
      INSERT INTO advice_offers (id, title, description, provider_id, institution_types, district_ags, created_at, demo)
        SELECT json_extract(state.value, '$.id'), json_extract(state.value, '$.title'),
               json_extract(state.value, '$.description'), json_extract(state.value, '$.providerId'),
               coalesce((SELECT group_concat(e.value, ',') FROM json_each(state.value, '$.institutionTypes') e), ''),
               json_extract(state.value, '$.districtAgs'), json_extract(state.value, '$.createdAt'),
               coalesce(json_extract(state.value, '$.demo'), 0)
        FROM state WHERE key >= 'advice-offer:' AND key < 'advice-offer;';
      INSERT INTO advice_offer_topics (offer_id, position, topic_id)
        SELECT json_extract(s.value, '$.id'), t.key, t.value FROM state s, json_each(s.value, '$.topicIds') t
        WHERE s.key >= 'advice-offer:' AND s.key < 'advice-offer;';
      DELETE FROM state WHERE key >= 'advice-offer:' AND key < 'advice-offer;';
    `,
  },
  {
    version: 14,
    name: 'change proposals as records',
    up: `
      CREATE TABLE change_proposals (
        id TEXT PRIMARY KEY,
        proposer_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('updateSelf', 'endRole', 'joinAlliance', 'addLink')),
        role_id TEXT,
        alliance_id TEXT,
        link_type TEXT,
        target_id TEXT,
        note TEXT,
        new_name TEXT,
        new_languages TEXT,
        comment TEXT,
        state TEXT NOT NULL CHECK (state IN ('PENDING', 'CONFIRMED', 'REJECTED')),
        created_at TEXT NOT NULL,
        decided_at TEXT,
        decider_id TEXT,
        reason TEXT
      ) STRICT;
      CREATE INDEX change_proposals_pending ON change_proposals(created_at) WHERE state = 'PENDING';
      CREATE INDEX change_proposals_proposer ON change_proposals(proposer_id, created_at);
      CREATE TABLE change_proposal_districts (
        proposal_id TEXT NOT NULL REFERENCES change_proposals(id) ON DELETE CASCADE,
        district_ags TEXT NOT NULL,
        PRIMARY KEY (proposal_id, district_ags)
      ) STRICT;
      CREATE INDEX change_proposal_districts_ags ON change_proposal_districts(district_ags);
      INSERT INTO change_proposals (id, proposer_id, kind, role_id, alliance_id, link_type, target_id, note, new_name,
          new_languages, comment, state, created_at, decided_at, decider_id, reason)
        SELECT json_extract(value, '$.id'), json_extract(value, '$.proposerId'), json_extract(value, '$.change.kind'),
               json_extract(value, '$.change.roleId'), json_extract(value, '$.change.allianceId'),
               json_extract(value, '$.change.type'), json_extract(value, '$.change.toId'),
               json_extract(value, '$.change.note'), json_extract(value, '$.change.fields.name'),
               json_extract(value, '$.change.fields.languages'), json_extract(value, '$.comment'),
               json_extract(value, '$.state'), json_extract(value, '$.createdAt'), json_extract(value, '$.decidedAt'),
               json_extract(value, '$.deciderId'), json_extract(value, '$.reason')
        FROM state WHERE key >= 'proposal:' AND key < 'proposal;';
      INSERT OR IGNORE INTO change_proposal_districts (proposal_id, district_ags)
        SELECT json_extract(s.value, '$.id'), d.value FROM state s, json_each(s.value, '$.districtAgs') d
        WHERE s.key >= 'proposal:' AND s.key < 'proposal;';
      DELETE FROM state WHERE key >= 'proposal:' AND key < 'proposal;';
    `,
  },
  {
    version: 15,
    name: 'decision and date polls as records, a row per vote',
    up: `
      CREATE TABLE decision_polls (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        question TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT
      ) STRICT;
      CREATE INDEX decision_polls_meeting ON decision_polls(meeting_id, opened_at);
      CREATE INDEX decision_polls_opened_by ON decision_polls(opened_by);
      CREATE TABLE decision_poll_answers (
        poll_id TEXT NOT NULL REFERENCES decision_polls(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (poll_id, position)
      ) STRICT;
      CREATE TABLE decision_votes (
        poll_id TEXT NOT NULL REFERENCES decision_polls(id) ON DELETE CASCADE,
        voter_id TEXT NOT NULL,
        answer INTEGER NOT NULL,
        PRIMARY KEY (poll_id, voter_id)
      ) STRICT;
      CREATE INDEX decision_votes_voter ON decision_votes(voter_id);
      CREATE TABLE date_polls (
        id TEXT PRIMARY KEY,
        organiser_id TEXT NOT NULL,
        district_ags TEXT NOT NULL,
        title TEXT NOT NULL,
        include_alliances INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('OPEN', 'FIXED')),
        meeting_id TEXT REFERENCES meetings(id)
      ) STRICT;
      CREATE INDEX date_polls_organiser ON date_polls(organiser_id);
      CREATE TABLE date_poll_invites (
        poll_id TEXT NOT NULL REFERENCES date_polls(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        word TEXT NOT NULL,
        PRIMARY KEY (poll_id, position)
      ) STRICT;
      CREATE TABLE date_poll_invitees (
        poll_id TEXT NOT NULL REFERENCES date_polls(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        person_id TEXT NOT NULL,
        PRIMARY KEY (poll_id, position)
      ) STRICT;
      CREATE INDEX date_poll_invitees_person ON date_poll_invitees(person_id);
      CREATE TABLE date_poll_slots (
        poll_id TEXT NOT NULL REFERENCES date_polls(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        starts_at TEXT NOT NULL,
        holiday TEXT,
        PRIMARY KEY (poll_id, position)
      ) STRICT;
      CREATE TABLE date_poll_votes (
        poll_id TEXT NOT NULL REFERENCES date_polls(id) ON DELETE CASCADE,
        voter_id TEXT NOT NULL,
        slot INTEGER NOT NULL,
        PRIMARY KEY (poll_id, voter_id, slot)
      ) STRICT;
      CREATE INDEX date_poll_votes_voter ON date_poll_votes(voter_id);
      INSERT INTO decision_polls (id, meeting_id, question, opened_by, opened_at, closed_at)
        SELECT json_extract(s.value, '$.id'), m.id, json_extract(s.value, '$.question'),
               json_extract(s.value, '$.openedBy'), json_extract(s.value, '$.openedAt'), json_extract(s.value, '$.closedAt')
        FROM state s JOIN meetings m ON m.id = json_extract(s.value, '$.meetingId')
        WHERE s.key >= 'decision:' AND s.key < 'decision;';
      INSERT INTO decision_poll_answers (poll_id, position, text)
        SELECT p.id, a.key + 1, a.value FROM state s JOIN decision_polls p ON p.id = json_extract(s.value, '$.id'),
          json_each(s.value, '$.answers') a
        WHERE s.key >= 'decision:' AND s.key < 'decision;';
      INSERT INTO decision_votes (poll_id, voter_id, answer)
        SELECT p.id, v.key, v.value FROM state s JOIN decision_polls p ON p.id = json_extract(s.value, '$.id'),
          json_each(s.value, '$.votes') v
        WHERE s.key >= 'decision:' AND s.key < 'decision;';
      INSERT INTO date_polls (id, organiser_id, district_ags, title, include_alliances, state, meeting_id)
        SELECT json_extract(value, '$.id'), json_extract(value, '$.organiserId'), json_extract(value, '$.districtAgs'),
               json_extract(value, '$.title'), coalesce(json_extract(value, '$.includeAlliances'), 0),
               json_extract(value, '$.state'),
               (SELECT id FROM meetings WHERE id = json_extract(state.value, '$.meetingId'))
        FROM state WHERE key >= 'date-poll:' AND key < 'date-poll;';
      INSERT INTO date_poll_invites (poll_id, position, word)
        SELECT json_extract(s.value, '$.id'), w.key, w.value FROM state s, json_each(s.value, '$.invite') w
        WHERE s.key >= 'date-poll:' AND s.key < 'date-poll;';
      INSERT OR IGNORE INTO date_poll_invitees (poll_id, position, person_id)
        SELECT json_extract(s.value, '$.id'), i.key, i.value FROM state s, json_each(s.value, '$.inviteeIds') i
        WHERE s.key >= 'date-poll:' AND s.key < 'date-poll;';
      INSERT INTO date_poll_slots (poll_id, position, starts_at, holiday)
        SELECT json_extract(s.value, '$.id'), t.key + 1, t.value, json_extract(s.value, '$.holidays[' || t.key || ']')
        FROM state s, json_each(s.value, '$.slots') t
        WHERE s.key >= 'date-poll:' AND s.key < 'date-poll;';
      INSERT OR IGNORE INTO date_poll_votes (poll_id, voter_id, slot)
        SELECT json_extract(s.value, '$.id'), v.key, c.value FROM state s, json_each(s.value, '$.votes') v, json_each(v.value) c
        WHERE s.key >= 'date-poll:' AND s.key < 'date-poll;';
      DELETE FROM state WHERE (key >= 'decision:' AND key < 'decision;') OR (key >= 'decision-of:' AND key < 'decision-of;')
        OR (key >= 'date-poll:' AND key < 'date-poll;');
    `,
  },
  {
    version: 16,
    name: 'chat accounts as records',
    up: `
      CREATE TABLE chat_accounts (
        transport TEXT NOT NULL,
        user_id TEXT NOT NULL,
        person_id TEXT,
        status TEXT CHECK (status IS NULL OR status IN ('pending', 'confirmed')),
        requested_at TEXT,
        confirmed_by TEXT,
        language TEXT,
        PRIMARY KEY (transport, user_id)
      ) STRICT;
      CREATE INDEX chat_accounts_person ON chat_accounts(person_id, status);
      CREATE INDEX chat_accounts_pending ON chat_accounts(requested_at) WHERE status = 'pending';
      INSERT INTO chat_accounts (transport, user_id, person_id, status, requested_at, confirmed_by)
        SELECT substr(substr(key, 11), 1, instr(substr(key, 11), ':') - 1),
               substr(substr(key, 11), instr(substr(key, 11), ':') + 1),
               json_extract(value, '$.personId'), json_extract(value, '$.status'),
               json_extract(value, '$.requestedAt'), json_extract(value, '$.confirmedBy')
        FROM state WHERE key >= 'chat-link:' AND key < 'chat-link;';
      INSERT INTO chat_accounts (transport, user_id, language)
        SELECT substr(substr(key, 15), 1, instr(substr(key, 15), ':') - 1),
               substr(substr(key, 15), instr(substr(key, 15), ':') + 1), json_extract(value, '$')
        FROM state WHERE key >= 'chat-language:' AND key < 'chat-language;'
        ON CONFLICT(transport, user_id) DO UPDATE SET language = excluded.language;
      DELETE FROM state WHERE (key >= 'chat-link:' AND key < 'chat-link;')
        OR (key >= 'chat-language:' AND key < 'chat-language;');
    `,
  },
  {
    version: 17,
    name: 'notification settings as records',
    up: `
      CREATE TABLE notification_settings (
        person_id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        chat INTEGER NOT NULL,
        digest TEXT NOT NULL,
        muted_kinds TEXT NOT NULL
      ) STRICT;
      INSERT INTO notification_settings (person_id, email, chat, digest, muted_kinds)
        SELECT substr(key, 23), coalesce(json_extract(value, '$.email'), 'AUTO'), coalesce(json_extract(value, '$.chat'), 1),
               coalesce(json_extract(value, '$.digest'), 'NONE'),
               coalesce((SELECT group_concat(k.value, ',') FROM json_each(state.value, '$.mutedKinds') k), '')
        FROM state WHERE key >= 'notification-settings:' AND key < 'notification-settings;';
      DELETE FROM state WHERE key >= 'notification-settings:' AND key < 'notification-settings;';
    `,
  },
  { version: 18, name: 'changes scheduled for a later day', up: SCHEDULED_CHANGES_EMBEDDED_MIGRATION },
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
