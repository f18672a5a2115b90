import type Database from 'better-sqlite3';
import type { Entity } from '../../src/domain/model.js';
import { nameKey } from '../../src/domain/names.js';
import {
  lastChecked,
  listParameters,
  type EntityListQuery,
  type NetworkSnapshot,
} from '../../src/domain/ports/graph-store.port.js';
import type { Meeting } from '../../src/features/meetings/domain/meetings.js';
import type { HubRequest } from '../../src/features/requests/domain/requests.js';
import { rowToEntity, rowToLink, rowToRole, type EntityRow, type LinkRow, type RoleRow } from './mapper.js';

// Listings (page and count share one filter) and whole-network snapshots of the embedded store.

/** The filters of a listing (see EntityListQuery), shared by the page and its total count. */
const LIST_FILTER = `kind = @kind AND until IS NULL
           AND (@ags IS NULL OR district_ags = @ags OR (kind = 'Person' AND id IN (
                 SELECT r.person_id FROM roles r JOIN entities s ON s.id = r.scope_id WHERE s.district_ags = @ags AND r.until IS NULL)))
           AND (@key IS NULL OR name_key LIKE '%' || @key || '%')
           AND (@role IS NULL OR id IN (SELECT person_id FROM roles WHERE role = @role AND until IS NULL))
           AND (@topic IS NULL OR EXISTS (SELECT 1 FROM json_each(e.data, '$.topicIds') WHERE value = @topic)
                OR EXISTS (SELECT 1 FROM links WHERE from_id = e.id AND type = 'EXPERT_IN' AND to_id = @topic AND until IS NULL))
           AND (@municipality IS NULL OR json_extract(data, '$.municipalityId') = @municipality
                OR EXISTS (SELECT 1 FROM links WHERE from_id = e.id AND to_id = @municipality AND until IS NULL))
           AND (@institutionType IS NULL OR json_extract(data, '$.institutionType') = @institutionType)
           AND (@contact IS NULL OR json_extract(data, '$.contactPersonId') = @contact)`;

export function snapshotOf(db: Database.Database, currentOnly: boolean): NetworkSnapshot {
  const current = currentOnly ? 'WHERE until IS NULL' : '';
  const rows = db
    .prepare(
      `SELECT id, kind, name, district_ags AS districtAgs, json_extract(data, '$.municipalityId') AS municipalityId,
              json_extract(data, '$.population') AS population, json_extract(data, '$.topicIds') AS topicIds, json_extract(data, '$.since') AS since, until,
              json_extract(data, '$.confirmedAt') AS confirmedAt, json_extract(data, '$.changedAt') AS changedAt FROM entities ${current}`,
    )
    .all() as (Omit<NetworkSnapshot['entities'][number], 'topicIds'> & {
    topicIds: string | null;
    since: string | null;
    until: string | null;
    confirmedAt: string | null;
    changedAt: string | null;
  })[];
  const entities = rows.map(({ since, until, confirmedAt, changedAt, ...r }) => ({
    ...r,
    topicIds: r.topicIds ? (JSON.parse(r.topicIds) as string[]) : [],
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...lastChecked(confirmedAt, changedAt),
  }));
  const roles = (db.prepare(`SELECT * FROM roles ${current}`).all() as RoleRow[]).map(rowToRole);
  const links = (db.prepare(`SELECT * FROM links ${current}`).all() as LinkRow[]).map(rowToLink);
  const meetings = (db.prepare('SELECT data FROM meetings').all() as { data: string }[]).map(
    (r) => JSON.parse(r.data) as Meeting,
  );
  const requests = (db.prepare('SELECT data FROM requests').all() as { data: string }[]).map(
    (r) => JSON.parse(r.data) as HubRequest,
  );
  return { entities, roles, links, meetings, requests };
}

export function listEntities(db: Database.Database, q: EntityListQuery): Entity[] {
  const key = q.text ? nameKey(q.text) : null;
  const rows = db
    .prepare(
      `SELECT data FROM entities e WHERE ${LIST_FILTER} AND (@afterName IS NULL OR (name, id) > (@afterName, @afterId)) ORDER BY name, id LIMIT @limit`,
    )
    .all({ ...listParameters(q, key), limit: q.limit }) as Pick<EntityRow, 'data'>[];
  return rows.map(rowToEntity);
}

export function countEntities(db: Database.Database, q: Omit<EntityListQuery, 'after' | 'limit'>): number {
  const key = q.text ? nameKey(q.text) : null;
  const { afterName: _name, afterId: _id, ...filters } = listParameters({ ...q, limit: 0 }, key);
  const row = db.prepare(`SELECT count(*) AS n FROM entities e WHERE ${LIST_FILTER}`).get(filters) as {
    n: number;
  };
  return row.n;
}
