// The schema steps that turned records kept as JSON state into tables (steps 12 to 17 of
// migrations.ts): each creates its tables and indexes and moves what an earlier release wrote.

/** Step 12: funding calls and followed topics as records. */
export const FUNDING_RECORDS = `
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
    `;

/** Step 13: advice offers as records. */
export const ADVICE_RECORDS = `
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
    `;

/** Step 14: change proposals as records. */
export const PROPOSAL_RECORDS = `
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
    `;

/** Step 15: decision and date polls as records, a row per vote. */
export const POLL_RECORDS = `
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
    `;

/** Step 16: chat accounts as records. */
export const CHAT_ACCOUNT_RECORDS = `
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
    `;

/** Step 17: notification settings as records. */
export const NOTIFICATION_SETTINGS_RECORDS = `
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
    `;
