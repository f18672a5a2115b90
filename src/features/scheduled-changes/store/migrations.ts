// The scheduled changes' schema steps, listed by number in graph/*/migrations.ts (embedded step
// 18, Neo4j step 20).

export const SCHEDULED_CHANGES_EMBEDDED_MIGRATION = `
  CREATE TABLE scheduled_changes (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('endRole')),
    role_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    role TEXT NOT NULL,
    scope_id TEXT,
    successor_id TEXT,
    effective_on TEXT NOT NULL,
    scheduled_by TEXT,
    scheduled_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('SCHEDULED', 'APPLIED', 'CANCELLED')),
    settled_at TEXT,
    settled_by TEXT
  ) STRICT;
  CREATE INDEX scheduled_changes_upcoming ON scheduled_changes(effective_on) WHERE state = 'SCHEDULED';
  CREATE UNIQUE INDEX scheduled_changes_one_per_role ON scheduled_changes(role_id) WHERE state = 'SCHEDULED';
  CREATE TABLE scheduled_change_districts (
    change_id TEXT NOT NULL REFERENCES scheduled_changes(id) ON DELETE CASCADE,
    district_ags TEXT NOT NULL,
    PRIMARY KEY (change_id, district_ags)
  ) STRICT;
  CREATE INDEX scheduled_change_districts_ags ON scheduled_change_districts(district_ags);
`;

export const SCHEDULED_CHANGES_NEO4J_MIGRATION = [
  'CREATE CONSTRAINT scheduled_change_id IF NOT EXISTS FOR (c:ScheduledChange) REQUIRE c.id IS UNIQUE',
  'CREATE INDEX scheduled_change_upcoming IF NOT EXISTS FOR (c:ScheduledChange) ON (c.state, c.effectiveOn)',
];
