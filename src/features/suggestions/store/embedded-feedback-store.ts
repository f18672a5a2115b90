import type Database from 'better-sqlite3';
import type { SuggestionFeedback } from '../domain/feedback.js';
import type { SuggestionFeedbackStore } from '../domain/feedback-store.port.js';

// Answers to suggestions in SQLite: one row per district and suggestion, the last answer.

interface Row {
  district_ags: string;
  suggestion_id: string;
  kind: SuggestionFeedback['kind'];
  answer: SuggestionFeedback['answer'];
  facts_key: string;
  until: string | null;
  by: string | null;
  at: string;
}

export class EmbeddedSuggestionFeedbackStore implements SuggestionFeedbackStore {
  constructor(private readonly db: Database.Database) {}

  async saveFeedback(f: SuggestionFeedback): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO suggestion_feedback (district_ags, suggestion_id, kind, answer, facts_key, until, by, at)
         VALUES (@districtAgs, @suggestionId, @kind, @answer, @factsKey, @until, @by, @at)
         ON CONFLICT(district_ags, suggestion_id) DO UPDATE SET kind = excluded.kind, answer = excluded.answer,
           facts_key = excluded.facts_key, until = excluded.until, by = excluded.by, at = excluded.at`,
      )
      .run(f);
  }

  async feedbackOf(districtAgs: string): Promise<SuggestionFeedback[]> {
    const rows = this.db
      .prepare('SELECT * FROM suggestion_feedback WHERE district_ags = ? ORDER BY at, suggestion_id')
      .all(districtAgs) as Row[];
    return rows.map((r) => ({
      districtAgs: r.district_ags,
      suggestionId: r.suggestion_id,
      kind: r.kind,
      answer: r.answer,
      factsKey: r.facts_key,
      until: r.until,
      by: r.by,
      at: r.at,
    }));
  }
}
