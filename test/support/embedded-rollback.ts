import Database from 'better-sqlite3';
import { SCHEDULED_CHANGES_EMBEDDED_MIGRATION } from '../../src/features/scheduled-changes/store/migrations.js';

// Turns a current embedded store file back into what an earlier release wrote, for migration
// tests: what each later migration created is dropped and its record removed. A new migration
// adds its line here.

const CREATED_BY: Record<number, string> = {
  9: 'DROP TABLE article_vocabulary; DROP TABLE article_terms; DROP TABLE article_versions; DROP TABLE article_topics; DROP TABLE articles;',
  10: 'DROP TABLE article_vocabulary_public; DROP TABLE article_terms_public; DROP TABLE article_vocabulary_network; DROP TABLE article_terms_network;',
  11: 'DROP TABLE minutes_attendance; DROP TABLE minutes_items;',
  12: 'DROP TABLE funding_call_topics; DROP TABLE funding_call_districts; DROP TABLE funding_calls; DROP TABLE funding_follows;',
  13: 'DROP TABLE advice_offer_topics; DROP TABLE advice_offers;',
  14: 'DROP TABLE change_proposal_districts; DROP TABLE change_proposals;',
  21: 'DROP TABLE suggestion_feedback;',
  20: `DROP TABLE scheduled_change_targets; DROP TABLE scheduled_change_districts; DROP TABLE scheduled_changes; ${SCHEDULED_CHANGES_EMBEDDED_MIGRATION}`,
  19: 'DROP INDEX audit_actor_at;',
  18: 'DROP TABLE scheduled_change_districts; DROP TABLE scheduled_changes;',
  17: 'DROP TABLE notification_settings;',
  16: 'DROP TABLE chat_accounts;',
  15: 'DROP TABLE decision_votes; DROP TABLE decision_poll_answers; DROP TABLE decision_polls; DROP TABLE date_poll_votes; DROP TABLE date_poll_slots; DROP TABLE date_poll_invitees; DROP TABLE date_poll_invites; DROP TABLE date_polls;',
};

/** Drops what migrations after `version` created (down to 9; the test itself undoes older ones). */
export function rollBackEmbedded(file: string, version: number): void {
  const db = new Database(file);
  const latest = Math.max(...Object.keys(CREATED_BY).map(Number));
  for (let v = latest; v > version; v--) db.exec(CREATED_BY[v] ?? '');
  db.prepare('DELETE FROM schema_migrations WHERE version > ?').run(version);
  db.close();
}
