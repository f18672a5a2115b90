import type { SuggestionFeedback } from '../domain/feedback.js';
import type { SuggestionFeedbackStore } from '../domain/feedback-store.port.js';
import type { Neo4jSessions } from '../../../../graph/neo4j/sessions.js';

// Answers to suggestions in Neo4j: (:SuggestionFeedback {key, answer, factsKey, …})-[:IN_DISTRICT]->
// (:District), the last answer per district and suggestion.

export class Neo4jSuggestionFeedbackStore implements SuggestionFeedbackStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async saveFeedback(feedback: SuggestionFeedback): Promise<void> {
    await this.sessions.write((tx) =>
      tx.run(
        `MERGE (f:SuggestionFeedback {key: $key})
         SET f = $feedback, f.key = $key
         WITH f
         OPTIONAL MATCH (d:District {ags: $feedback.districtAgs})
         FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | MERGE (f)-[:IN_DISTRICT]->(d))`,
        { feedback, key: `${feedback.districtAgs}|${feedback.suggestionId}` },
      ),
    );
  }

  async feedbackOf(districtAgs: string): Promise<SuggestionFeedback[]> {
    const result = await this.sessions.read((tx) =>
      tx.run('MATCH (f:SuggestionFeedback {districtAgs: $districtAgs}) RETURN f ORDER BY f.at, f.suggestionId', {
        districtAgs,
      }),
    );
    return result.records.map((r) => {
      const { key: _key, ...p } = (r.get('f') as { properties: Record<string, unknown> }).properties;
      return { until: null, by: null, ...p } as SuggestionFeedback;
    });
  }
}
