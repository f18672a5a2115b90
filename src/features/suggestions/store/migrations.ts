// The suggestions' schema steps, listed by number in graph/*/migrations.ts (embedded step 21,
// Neo4j step 23).

export const SUGGESTIONS_EMBEDDED_MIGRATION = `
  CREATE TABLE suggestion_feedback (
    district_ags TEXT NOT NULL,
    suggestion_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('TAKEN', 'DISMISSED', 'SNOOZED')),
    facts_key TEXT NOT NULL,
    until TEXT,
    by TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (district_ags, suggestion_id)
  ) STRICT;
`;

export const SUGGESTIONS_NEO4J_MIGRATION = [
  'CREATE CONSTRAINT suggestion_feedback_key IF NOT EXISTS FOR (f:SuggestionFeedback) REQUIRE f.key IS UNIQUE',
  'CREATE INDEX suggestion_feedback_district IF NOT EXISTS FOR (f:SuggestionFeedback) ON (f.districtAgs)',
];
