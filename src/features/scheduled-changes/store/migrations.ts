// The scheduled changes' schema steps, listed by number in graph/*/migrations.ts (embedded steps
// 18 and 20, Neo4j steps 20 and 22).

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

/**
 * Embedded step 20: record ends and mergers are scheduled too. The role-shaped columns become a
 * target (for one change still to come per role, record or town) and the kind's own details;
 * SQLite changes a CHECK only by building the table anew, the rows and their districts kept.
 */
export const SCHEDULED_KINDS_EMBEDDED_MIGRATION = `
  CREATE TABLE scheduled_changes_new (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('endRole', 'endRecord', 'mergeMunicipalities')),
    target_id TEXT NOT NULL,
    details TEXT NOT NULL,
    effective_on TEXT NOT NULL,
    scheduled_by TEXT,
    scheduled_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('SCHEDULED', 'APPLIED', 'CANCELLED')),
    settled_at TEXT,
    settled_by TEXT
  ) STRICT;
  INSERT INTO scheduled_changes_new
    SELECT id, kind, role_id, json_object('roleId', role_id, 'personId', person_id, 'role', role, 'scopeId', scope_id,
      'successorId', successor_id), effective_on, scheduled_by, scheduled_at, state, settled_at, settled_by
    FROM scheduled_changes;
  CREATE TABLE scheduled_change_districts_new (
    change_id TEXT NOT NULL REFERENCES scheduled_changes_new(id) ON DELETE CASCADE,
    district_ags TEXT NOT NULL,
    PRIMARY KEY (change_id, district_ags)
  ) STRICT;
  INSERT INTO scheduled_change_districts_new SELECT change_id, district_ags FROM scheduled_change_districts;
  CREATE TABLE scheduled_change_targets (
    change_id TEXT NOT NULL REFERENCES scheduled_changes_new(id) ON DELETE CASCADE,
    target_id TEXT NOT NULL,
    PRIMARY KEY (change_id, target_id)
  ) STRICT;
  INSERT INTO scheduled_change_targets SELECT id, role_id FROM scheduled_changes;
  DROP TABLE scheduled_change_districts;
  DROP TABLE scheduled_changes;
  ALTER TABLE scheduled_changes_new RENAME TO scheduled_changes;
  ALTER TABLE scheduled_change_districts_new RENAME TO scheduled_change_districts;
  CREATE INDEX scheduled_changes_upcoming ON scheduled_changes(effective_on) WHERE state = 'SCHEDULED';
  CREATE UNIQUE INDEX scheduled_changes_one_per_target ON scheduled_changes(target_id) WHERE state = 'SCHEDULED';
  CREATE INDEX scheduled_change_districts_ags ON scheduled_change_districts(district_ags);
  CREATE INDEX scheduled_change_targets_target ON scheduled_change_targets(target_id);
`;

/** Neo4j step 22: what a change acts on, found from the role, record or town. */
export const SCHEDULED_KINDS_NEO4J_MIGRATION = [
  'CREATE INDEX scheduled_change_targets IF NOT EXISTS FOR (c:ScheduledChange) ON (c.targetIds)',
];
