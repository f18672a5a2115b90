import type Database from 'better-sqlite3';
import type { ScheduledChange } from '../domain/scheduled-change.js';
import type { ScheduledChangeStore } from '../domain/scheduled-change-store.port.js';

// Scheduled changes in SQLite: scheduled_changes, one row each, and the districts that see it.
// At most one change still to come per role (a partial unique index).

interface ChangeRow {
  id: string;
  kind: ScheduledChange['kind'];
  role_id: string;
  person_id: string;
  role: ScheduledChange['role'];
  scope_id: string | null;
  successor_id: string | null;
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

function toChange(r: ChangeRow): ScheduledChange {
  return {
    id: r.id,
    kind: r.kind,
    roleId: r.role_id,
    personId: r.person_id,
    role: r.role,
    scopeId: r.scope_id,
    successorId: r.successor_id,
    effectiveOn: r.effective_on,
    districtAgs: JSON.parse(r.districts) as string[],
    scheduledBy: r.scheduled_by,
    scheduledAt: r.scheduled_at,
    state: r.state,
    settledAt: r.settled_at,
    settledBy: r.settled_by,
  };
}

export class EmbeddedScheduledChangeStore implements ScheduledChangeStore {
  constructor(private readonly db: Database.Database) {}

  async saveScheduledChange(c: ScheduledChange): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO scheduled_changes (id, kind, role_id, person_id, role, scope_id, successor_id, effective_on,
             scheduled_by, scheduled_at, state, settled_at, settled_by)
           VALUES (@id, @kind, @role_id, @person_id, @role, @scope_id, @successor_id, @effective_on,
             @scheduled_by, @scheduled_at, @state, @settled_at, @settled_by)
           ON CONFLICT(id) DO UPDATE SET state = excluded.state, settled_at = excluded.settled_at,
             settled_by = excluded.settled_by`,
        )
        .run({
          id: c.id,
          kind: c.kind,
          role_id: c.roleId,
          person_id: c.personId,
          role: c.role,
          scope_id: c.scopeId,
          successor_id: c.successorId,
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

  async dueChanges(day: string): Promise<ScheduledChange[]> {
    const rows = this.db
      .prepare(`${SELECT} WHERE c.state = 'SCHEDULED' AND c.effective_on <= ? ORDER BY c.effective_on, c.id`)
      .all(day) as ChangeRow[];
    return rows.map(toChange);
  }
}
