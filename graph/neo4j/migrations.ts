import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { MINUTES_NEO4J_MIGRATION, moveMinutesOutOfState } from '../../src/features/minutes/store/migrations.js';
import { spreadMeetingProperties } from './meeting-records.js';
import { spreadRequestProperties } from '../../src/features/requests/store/neo4j-request-records.js';
import { moveFundingOutOfState } from '../../src/features/funding/store/neo4j-funding-store.js';
import { moveAdviceOutOfState } from '../../src/features/advice/store/neo4j-advice-store.js';
import { moveProposalsOutOfState } from '../../src/features/proposals/store/neo4j-proposal-store.js';
import { movePollsOutOfState } from '../../src/features/meetings/store/neo4j-poll-store.js';
import { moveChatAccountsOutOfState } from './chat-account-store.js';
import { moveNotificationSettingsOutOfState } from '../../src/features/notifications/store/neo4j-notification-settings-store.js';
import { SUGGESTIONS_NEO4J_MIGRATION } from '../../src/features/suggestions/store/migrations.js';
import {
  SCHEDULED_CHANGES_NEO4J_MIGRATION,
  SCHEDULED_KINDS_NEO4J_MIGRATION,
} from '../../src/features/scheduled-changes/store/migrations.js';
import { LINK_TYPES } from '../../src/domain/model.js';

// Numbered, idempotent schema steps, recorded as (:Migration {version}) nodes in the database.
// Append new steps; never edit one that has shipped.

interface Migration {
  version: number;
  name: string;
  statements: string[];
  /** Moves data after the schema statements, in one write transaction. */
  data?: (tx: ManagedTransaction) => Promise<void>;
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'constraints and lookup indexes',
    statements: [
      'CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE',
      'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE',
      'CREATE CONSTRAINT role_id IF NOT EXISTS FOR (r:RoleAssignment) REQUIRE r.id IS UNIQUE',
      'CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind)',
      'CREATE INDEX district_ags IF NOT EXISTS FOR (d:District) ON (d.ags)',
      'CREATE INDEX municipality_district IF NOT EXISTS FOR (m:Municipality) ON (m.districtAgs)',
      'CREATE INDEX role_person IF NOT EXISTS FOR (r:RoleAssignment) ON (r.personId)',
      'CREATE INDEX role_scope IF NOT EXISTS FOR (r:RoleAssignment) ON (r.scopeId)',
      'CREATE TEXT INDEX entity_name_key IF NOT EXISTS FOR (e:Entity) ON (e.nameKey)',
      ...LINK_TYPES.map((t) => `CREATE INDEX link_id_${t.toLowerCase()} IF NOT EXISTS FOR ()-[l:${t}]-() ON (l.id)`),
    ],
  },
  {
    version: 2,
    name: 'access tokens and audit log',
    statements: [
      'CREATE CONSTRAINT token_id IF NOT EXISTS FOR (t:AccessToken) REQUIRE t.id IS UNIQUE',
      'CREATE CONSTRAINT token_hash IF NOT EXISTS FOR (t:AccessToken) REQUIRE t.hash IS UNIQUE',
      'CREATE CONSTRAINT audit_id IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.id IS UNIQUE',
      'CREATE INDEX audit_subject IF NOT EXISTS FOR (s:AuditSubject) ON (s.subjectId)',
    ],
  },
  {
    version: 3,
    name: 'shared state and claims',
    statements: [
      'CREATE CONSTRAINT state_key IF NOT EXISTS FOR (s:SharedState) REQUIRE s.key IS UNIQUE',
      'CREATE CONSTRAINT claim_key IF NOT EXISTS FOR (c:Claim) REQUIRE c.key IS UNIQUE',
    ],
  },
  {
    version: 4,
    name: 'requests',
    statements: [
      'CREATE CONSTRAINT request_id IF NOT EXISTS FOR (r:Request) REQUIRE r.id IS UNIQUE',
      'CREATE INDEX request_requester IF NOT EXISTS FOR (r:Request) ON (r.requesterId)',
      'CREATE INDEX request_handler IF NOT EXISTS FOR (r:Request) ON (r.handlerId)',
      'CREATE INDEX request_escalation IF NOT EXISTS FOR (r:Request) ON (r.state, r.escalateAt)',
    ],
  },
  {
    version: 5,
    name: 'meetings',
    statements: [
      'CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (m:Meeting) REQUIRE m.id IS UNIQUE',
      'CREATE INDEX meeting_person IF NOT EXISTS FOR (p:MeetingPerson) ON (p.personId)',
      'CREATE INDEX meeting_start IF NOT EXISTS FOR (m:Meeting) ON (m.startsAt)',
    ],
  },
  {
    version: 6,
    name: 'leases',
    statements: ['CREATE CONSTRAINT lease_key IF NOT EXISTS FOR (l:Lease) REQUIRE l.key IS UNIQUE'],
  },
  {
    version: 7,
    name: 'meeting series',
    statements: ['CREATE INDEX meeting_series IF NOT EXISTS FOR (m:Meeting) ON (m.seriesId)'],
  },
  {
    version: 8,
    name: 'ended roles and links',
    statements: [
      'CREATE INDEX role_until IF NOT EXISTS FOR (r:RoleAssignment) ON (r.until)',
      ...LINK_TYPES.map(
        (t) => `CREATE INDEX link_until_${t.toLowerCase()} IF NOT EXISTS FOR ()-[l:${t}]-() ON (l.until)`,
      ),
    ],
  },
  {
    version: 9,
    name: 'knowledge base',
    statements: [
      'CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE',
      'CREATE INDEX article_updated IF NOT EXISTS FOR (a:Article) ON (a.updatedAt)',
      'CREATE INDEX article_version IF NOT EXISTS FOR (v:ArticleVersion) ON (v.articleId)',
      "CREATE FULLTEXT INDEX article_terms IF NOT EXISTS FOR (a:Article) ON EACH [a.searchTitle, a.searchBody] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
    ],
  },
  {
    version: 10,
    name: 'projects of intercultural opening',
    statements: [
      'CREATE INDEX project_district IF NOT EXISTS FOR (p:Project) ON (p.districtAgs)',
      'CREATE INDEX project_municipality IF NOT EXISTS FOR (p:Project) ON (p.municipalityId)',
      'CREATE INDEX project_contact IF NOT EXISTS FOR (p:Project) ON (p.contactPersonId)',
      'CREATE INDEX link_id_partner_in IF NOT EXISTS FOR ()-[l:PARTNER_IN]-() ON (l.id)',
      'CREATE INDEX link_until_partner_in IF NOT EXISTS FOR ()-[l:PARTNER_IN]-() ON (l.until)',
    ],
  },
  {
    version: 11,
    name: 'a search index per reading level',
    statements: [
      "CREATE FULLTEXT INDEX article_terms_network IF NOT EXISTS FOR (a:NetworkReadArticle) ON EACH [a.searchTitle, a.searchBody] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
      "CREATE FULLTEXT INDEX article_terms_public IF NOT EXISTS FOR (a:PublicReadArticle) ON EACH [a.searchTitle, a.searchBody] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
      `MATCH (a:Article) WITH a, a.data CONTAINS '"visibility":"PUBLIC"' AS public, a.data CONTAINS '"visibility":"NETWORK"' AS network
       FOREACH (_ IN CASE WHEN public OR network THEN [1] ELSE [] END | SET a:NetworkReadArticle)
       FOREACH (_ IN CASE WHEN public THEN [1] ELSE [] END | SET a:PublicReadArticle)`,
    ],
  },
  {
    version: 12,
    name: 'minutes and action items as records',
    statements: [
      ...MINUTES_NEO4J_MIGRATION,
      'CREATE INDEX meeting_district IF NOT EXISTS FOR (m:Meeting) ON (m.districtAgs)',
    ],
    data: async (tx) => {
      await spreadMeetingProperties(tx);
      await moveMinutesOutOfState(tx);
    },
  },
  {
    version: 13,
    name: 'requests with their district, town, topic and level as properties',
    statements: [
      'CREATE INDEX request_district IF NOT EXISTS FOR (r:Request) ON (r.districtAgs, r.state)',
      'CREATE INDEX request_topic IF NOT EXISTS FOR (r:Request) ON (r.topicId)',
    ],
    data: spreadRequestProperties,
  },
  {
    version: 14,
    name: 'funding calls and followed topics as records',
    statements: [
      'CREATE CONSTRAINT funding_call_id IF NOT EXISTS FOR (c:FundingCall) REQUIRE c.id IS UNIQUE',
      'CREATE INDEX funding_call_closes IF NOT EXISTS FOR (c:FundingCall) ON (c.closesOn)',
    ],
    data: moveFundingOutOfState,
  },
  {
    version: 15,
    name: 'advice offers as records',
    statements: [
      'CREATE CONSTRAINT advice_offer_id IF NOT EXISTS FOR (o:AdviceOffer) REQUIRE o.id IS UNIQUE',
      'CREATE INDEX advice_offer_district IF NOT EXISTS FOR (o:AdviceOffer) ON (o.districtAgs)',
    ],
    data: moveAdviceOutOfState,
  },
  {
    version: 16,
    name: 'change proposals as records',
    statements: [
      'CREATE CONSTRAINT change_proposal_id IF NOT EXISTS FOR (p:ChangeProposal) REQUIRE p.id IS UNIQUE',
      'CREATE INDEX change_proposal_state IF NOT EXISTS FOR (p:ChangeProposal) ON (p.state, p.createdAt)',
      'CREATE INDEX change_proposal_proposer IF NOT EXISTS FOR (p:ChangeProposal) ON (p.proposerId)',
    ],
    data: moveProposalsOutOfState,
  },
  {
    version: 17,
    name: 'decision and date polls as records, a node per vote',
    statements: [
      'CREATE CONSTRAINT decision_poll_id IF NOT EXISTS FOR (p:DecisionPoll) REQUIRE p.id IS UNIQUE',
      'CREATE INDEX decision_poll_opened_by IF NOT EXISTS FOR (p:DecisionPoll) ON (p.openedBy)',
      'CREATE INDEX decision_vote_key IF NOT EXISTS FOR (v:DecisionVote) ON (v.pollId, v.voterId)',
      'CREATE INDEX decision_vote_voter IF NOT EXISTS FOR (v:DecisionVote) ON (v.voterId)',
      'CREATE CONSTRAINT date_poll_id IF NOT EXISTS FOR (p:DatePoll) REQUIRE p.id IS UNIQUE',
      'CREATE INDEX date_poll_vote_key IF NOT EXISTS FOR (v:DatePollVote) ON (v.pollId, v.voterId)',
    ],
    data: movePollsOutOfState,
  },
  {
    version: 18,
    name: 'chat accounts as records',
    statements: [
      'CREATE CONSTRAINT chat_account_key IF NOT EXISTS FOR (a:ChatAccount) REQUIRE (a.transport, a.userId) IS UNIQUE',
      'CREATE INDEX chat_account_person IF NOT EXISTS FOR (a:ChatAccount) ON (a.personId)',
      'CREATE INDEX chat_account_status IF NOT EXISTS FOR (a:ChatAccount) ON (a.status)',
    ],
    data: moveChatAccountsOutOfState,
  },
  {
    version: 19,
    name: 'notification settings as records',
    statements: [
      'CREATE CONSTRAINT notification_settings_person IF NOT EXISTS FOR (s:NotificationSettings) REQUIRE s.personId IS UNIQUE',
    ],
    data: moveNotificationSettingsOutOfState,
  },
  { version: 20, name: 'changes scheduled for a later day', statements: SCHEDULED_CHANGES_NEO4J_MIGRATION },
  {
    version: 21,
    name: "what each person changed, for undoing one's own changes",
    statements: ['CREATE INDEX audit_actor_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.actorId, a.at)'],
  },
  {
    version: 22,
    name: 'record ends and mergers scheduled for a later day',
    statements: SCHEDULED_KINDS_NEO4J_MIGRATION,
    data: async (tx) => {
      await tx.run(
        "MATCH (c:ScheduledChange) WHERE c.targetIds IS NULL SET c.targetIds = [c.roleId], c.kind = coalesce(c.kind, 'endRole')",
      );
    },
  },
  { version: 23, name: 'answers to suggestions', statements: SUGGESTIONS_NEO4J_MIGRATION },
  {
    // The hub searches names in memory (src/services/reads/name-search.ts); the text index cost
    // every transaction that wrote a name milliseconds of Neo4j's CPU. Listings filtered by a
    // name still read nameKey, through the index of their kind.
    version: 24,
    name: 'names searched in memory',
    statements: ['DROP INDEX entity_name_key IF EXISTS'],
  },
];

export const MIGRATION_VERSIONS = MIGRATIONS.map((m) => m.version);

export async function migrate(driver: Driver, database: string | undefined): Promise<void> {
  const session = driver.session({ database });
  try {
    // The constraint on Migration is itself created by step 1, so read applied versions leniently.
    const applied = new Set(
      (await session.run('MATCH (m:Migration) RETURN m.version AS v')).records.map((r) => Number(r.get('v'))),
    );
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      for (const statement of m.statements) await session.run(statement);
      await session.run('CALL db.awaitIndexes(300)');
      if (m.data) await session.executeWrite(m.data);
      await session.run(
        'MERGE (m:Migration {version: $version}) ON CREATE SET m.name = $name, m.appliedAt = datetime()',
        {
          version: neo4j.int(m.version),
          name: m.name,
        },
      );
    }
  } finally {
    await session.close();
  }
}
