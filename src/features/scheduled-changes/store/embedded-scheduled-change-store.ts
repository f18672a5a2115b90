import type Database from 'better-sqlite3';
import { targetsOf, type ScheduledChange } from '../domain/scheduled-change.js';
import type { ScheduledChangeStore } from '../domain/scheduled-change-store.port.js';

// Scheduled changes in SQLite: scheduled_changes, one row each with its kind's own details as JSON,
// the roles, records or towns it acts on (scheduled_change_targets) and the districts that see it.
// At most one change still to come per first target (a partial unique index); the service refuses
// overlaps on the others.

interface ChangeRow {
  id: string;
  kind: ScheduledChange['kind'];
  details: string;
  effective_on: string;
  scheduled_by: string | null;
  scheduled_at: string;
  state: ScheduledChange['state'];
  settled_at: string | null;
  settled_by: string | null;
  districts: string;
}

const SELECT = `SELECT c.*, (SELECT json_group_array(district_ags) FROM
  (SELECT district_ags FROM scheduled_change_districts WHERE change_id = c.id ORDER BY district_ags)) AS districts
  FROM scheduled_changes c`;

/** The fields every kind has, stored in columns of their own; the rest is the kind's details. */
const COLUMNS = new Set([
  'id',
  'kind',
  'effectiveOn',
  'districtAgs',
  'scheduledBy',
  'scheduledAt',
  'state',
  'settledAt',
  'settledBy',
]);

function toChange(r: ChangeRow): ScheduledChange {
  return {
    ...(JSON.parse(r.details) as object),
    id: r.id,
    kind: r.kind,
    effectiveOn: r.effective_on,
    districtAgs: JSON.parse(r.districts) as string[],
    scheduledBy: r.scheduled_by,
    scheduledAt: r.scheduled_at,
    state: r.state,
    settledAt: r.settled_at,
    settledBy: r.settled_by,
  } as ScheduledChange;
}

export class EmbeddedScheduledChangeStore implements ScheduledChangeStore {
  constructor(private readonly db: Database.Database) {}

  async saveScheduledChange(c: ScheduledChange): Promise<void> {
    const details = Object.fromEntries(Object.entries(c).filter(([key]) => !COLUMNS.has(key)));
    const targets = targetsOf(c);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO scheduled_changes (id, kind, target_id, details, effective_on, scheduled_by, scheduled_at,
             state, settled_at, settled_by)
           VALUES (@id, @kind, @target_id, @details, @effective_on, @scheduled_by, @scheduled_at, @state,
             @settled_at, @settled_by)
           ON CONFLICT(id) DO UPDATE SET state = excluded.state, settled_at = excluded.settled_at,
             settled_by = excluded.settled_by`,
        )
        .run({
          id: c.id,
          kind: c.kind,
          target_id: targets[0],
          details: JSON.stringify(details),
          effective_on: c.effectiveOn,
          scheduled_by: c.scheduledBy,
          scheduled_at: c.scheduledAt,
          state: c.state,
          settled_at: c.settledAt,
          settled_by: c.settledBy,
        });
      const district = this.db.prepare(
        'INSERT OR IGNORE INTO scheduled_change_districts (change_id, district_ags) VALUES (?, ?)',
      );
      for (const ags of c.districtAgs) district.run(c.id, ags);
      const target = this.db.prepare(
        'INSERT OR IGNORE INTO scheduled_change_targets (change_id, target_id) VALUES (?, ?)',
      );
      for (const id of targets) target.run(c.id, id);
    })();
  }

  async scheduledChangeById(id: string): Promise<ScheduledChange | null> {
    const row = this.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as ChangeRow | undefined;
    return row ? toChange(row) : null;
  }

  async upcomingChanges(districtAgs?: readonly string[]): Promise<ScheduledChange[]> {
    const rows = districtAgs
      ? this.db
          .prepare(
            `${SELECT} WHERE c.state = 'SCHEDULED' AND c.id IN (SELECT change_id FROM scheduled_change_districts
               WHERE district_ags IN (SELECT value FROM json_each(?))) ORDER BY c.effective_on, c.id`,
          )
          .all(JSON.stringify(districtAgs))
      : this.db.prepare(`${SELECT} WHERE c.state = 'SCHEDULED' ORDER BY c.effective_on, c.id`).all();
    return (rows as ChangeRow[]).map(toChange);
  }

  async upcomingChangesOf(targetIds: readonly string[]): Promise<ScheduledChange[]> {
    const rows = this.db
      .prepare(
        `${SELECT} WHERE c.state = 'SCHEDULED' AND c.id IN (SELECT change_id FROM scheduled_change_targets
           WHERE target_id IN (SELECT value FROM json_each(?))) ORDER BY c.effective_on, c.id`,
      )
      .all(JSON.stringify(targetIds)) as ChangeRow[];
    return rows.map(toChange);
  }

  async dueChanges(day: string): Promise<ScheduledChange[]> {
    const rows = this.db
      .prepare(`${SELECT} WHERE c.state = 'SCHEDULED' AND c.effective_on <= ? ORDER BY c.effective_on, c.id`)
      .all(day) as ChangeRow[];
    return rows.map(toChange);
  }
}
