import type Database from 'better-sqlite3';
import type { HubRequest } from '../domain/requests.js';

// Requests in SQLite: each as JSON with the columns its lookups need; saves follow the version rule.

export function saveRequest(db: Database.Database, request: HubRequest): boolean {
  const row = {
    id: request.id,
    requester_id: request.requesterId,
    handler_id: request.handlerId,
    state: request.state,
    escalate_at: request.escalateAt,
    created_at: request.createdAt,
    version: request.version,
    data: JSON.stringify(request),
  };
  if (request.version === 1) {
    return (
      db
        .prepare(
          `INSERT INTO requests (id, requester_id, handler_id, state, escalate_at, created_at, version, data)
      VALUES (@id, @requester_id, @handler_id, @state, @escalate_at, @created_at, @version, @data) ON CONFLICT(id) DO NOTHING`,
        )
        .run(row).changes === 1
    );
  }
  return (
    db
      .prepare(
        `UPDATE requests SET handler_id = @handler_id, state = @state, escalate_at = @escalate_at, version = @version, data = @data
    WHERE id = @id AND version = @version - 1`,
      )
      .run(row).changes === 1
  );
}

export function requestById(db: Database.Database, id: string): HubRequest | null {
  const row = db.prepare('SELECT data FROM requests WHERE id = ?').get(id) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as HubRequest) : null;
}

export function requestsOf(db: Database.Database, personId: string, limit: number): HubRequest[] {
  const rows = db
    .prepare('SELECT data FROM requests WHERE requester_id = @p UNION SELECT data FROM requests WHERE handler_id = @p')
    .all({ p: personId }) as { data: string }[];
  return rows
    .map((r) => JSON.parse(r.data) as HubRequest)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, limit);
}

export function requestsToEscalate(db: Database.Database, now: string, limit: number): HubRequest[] {
  const rows = db
    .prepare("SELECT data FROM requests WHERE state = 'ROUTED' AND escalate_at <= ? ORDER BY escalate_at LIMIT ?")
    .all(now, limit) as { data: string }[];
  return rows.map((r) => JSON.parse(r.data) as HubRequest);
}

export function closedRequestsWithText(db: Database.Database, before: string, limit: number): HubRequest[] {
  const rows = db
    .prepare(
      `SELECT data FROM requests WHERE state IN ('RESOLVED', 'DECLINED') AND json_extract(data, '$.text') IS NOT NULL
       AND json_extract(data, '$.hops[#-1].at') < ? LIMIT ?`,
    )
    .all(before, limit) as { data: string }[];
  return rows.map((r) => JSON.parse(r.data) as HubRequest);
}
