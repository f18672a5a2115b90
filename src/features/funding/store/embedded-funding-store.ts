import type Database from 'better-sqlite3';
import type { FundingCall } from '../domain/funding-calls.js';
import type { FundingStore } from '../domain/funding-store.port.js';

// Funding calls in SQLite: funding_calls holds the call's own fields as columns, with its topics
// and districts in funding_call_topics and funding_call_districts (foreign keys, cascading), and
// funding_follows the topics each person follows.

interface CallRow {
  id: string;
  programme_id: string | null;
  title: string;
  funder: string;
  level: FundingCall['level'];
  eligible: string;
  amount_min: number | null;
  amount_max: number | null;
  co_financing_percent: number | null;
  url: string | null;
  opens_on: string;
  closes_on: string;
  state_code: string | null;
  public: number;
  demo: number;
  topic_ids: string;
  district_ags: string;
}

const SELECT = `SELECT c.*,
  (SELECT json_group_array(topic_id) FROM (SELECT topic_id FROM funding_call_topics WHERE call_id = c.id ORDER BY position)) AS topic_ids,
  (SELECT json_group_array(district_ags) FROM (SELECT district_ags FROM funding_call_districts WHERE call_id = c.id ORDER BY position)) AS district_ags
  FROM funding_calls c`;

function toCall(row: CallRow): FundingCall {
  return {
    id: row.id,
    programmeId: row.programme_id,
    title: row.title,
    funder: row.funder,
    level: row.level,
    topicIds: JSON.parse(row.topic_ids) as string[],
    eligible: row.eligible ? (row.eligible.split(',') as FundingCall['eligible']) : [],
    amountMin: row.amount_min,
    amountMax: row.amount_max,
    coFinancingPercent: row.co_financing_percent,
    url: row.url,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    stateCode: row.state_code,
    districtAgs: JSON.parse(row.district_ags) as string[],
    public: row.public === 1,
    demo: row.demo === 1,
  };
}

/** Writes calls in the caller's transaction (the migration's too). */
function writeFundingCalls(db: Database.Database, calls: readonly FundingCall[]): void {
  const call = db.prepare(
    `INSERT INTO funding_calls (id, programme_id, title, funder, level, eligible, amount_min, amount_max,
       co_financing_percent, url, opens_on, closes_on, state_code, public, demo)
     VALUES (@id, @programme_id, @title, @funder, @level, @eligible, @amount_min, @amount_max,
       @co_financing_percent, @url, @opens_on, @closes_on, @state_code, @public, @demo)
     ON CONFLICT(id) DO UPDATE SET programme_id = excluded.programme_id, title = excluded.title,
       funder = excluded.funder, level = excluded.level, eligible = excluded.eligible,
       amount_min = excluded.amount_min, amount_max = excluded.amount_max,
       co_financing_percent = excluded.co_financing_percent, url = excluded.url, opens_on = excluded.opens_on,
       closes_on = excluded.closes_on, state_code = excluded.state_code, public = excluded.public, demo = excluded.demo`,
  );
  const clearTopics = db.prepare('DELETE FROM funding_call_topics WHERE call_id = ?');
  const clearDistricts = db.prepare('DELETE FROM funding_call_districts WHERE call_id = ?');
  const topic = db.prepare('INSERT INTO funding_call_topics (call_id, position, topic_id) VALUES (?, ?, ?)');
  const district = db.prepare('INSERT INTO funding_call_districts (call_id, position, district_ags) VALUES (?, ?, ?)');
  for (const c of calls) {
    call.run({
      id: c.id,
      programme_id: c.programmeId,
      title: c.title,
      funder: c.funder,
      level: c.level,
      eligible: c.eligible.join(','),
      amount_min: c.amountMin,
      amount_max: c.amountMax,
      co_financing_percent: c.coFinancingPercent,
      url: c.url,
      opens_on: c.opensOn,
      closes_on: c.closesOn,
      state_code: c.stateCode,
      public: c.public ? 1 : 0,
      demo: c.demo ? 1 : 0,
    });
    clearTopics.run(c.id);
    clearDistricts.run(c.id);
    [...new Set(c.topicIds)].forEach((id, i) => topic.run(c.id, i, id));
    [...new Set(c.districtAgs)].forEach((ags, i) => district.run(c.id, i, ags));
  }
}

function writeFollowedTopics(db: Database.Database, personId: string, topicIds: readonly string[]): void {
  db.prepare('DELETE FROM funding_follows WHERE person_id = ?').run(personId);
  const follow = db.prepare('INSERT INTO funding_follows (person_id, topic_id) VALUES (?, ?)');
  for (const id of new Set(topicIds)) follow.run(personId, id);
}

export class EmbeddedFundingStore implements FundingStore {
  constructor(private readonly db: Database.Database) {}

  async saveFundingCalls(calls: readonly FundingCall[]): Promise<void> {
    this.db.transaction(() => writeFundingCalls(this.db, calls))();
  }

  async fundingCallById(id: string): Promise<FundingCall | null> {
    const row = this.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as CallRow | undefined;
    return row ? toCall(row) : null;
  }

  async allFundingCalls(): Promise<FundingCall[]> {
    return (this.db.prepare(`${SELECT} ORDER BY c.closes_on, c.id`).all() as CallRow[]).map(toCall);
  }

  async followedTopics(personId: string): Promise<string[]> {
    return this.db
      .prepare('SELECT topic_id FROM funding_follows WHERE person_id = ? ORDER BY rowid')
      .pluck()
      .all(personId) as string[];
  }

  async setFollowedTopics(personId: string, topicIds: readonly string[]): Promise<void> {
    this.db.transaction(() => writeFollowedTopics(this.db, personId, topicIds))();
  }

  async followers(): Promise<{ personId: string; topicIds: string[] }[]> {
    const rows = this.db
      .prepare(
        'SELECT person_id, json_group_array(topic_id) AS topics FROM funding_follows GROUP BY person_id ORDER BY person_id',
      )
      .all() as { person_id: string; topics: string }[];
    return rows.map((r) => ({ personId: r.person_id, topicIds: JSON.parse(r.topics) as string[] }));
  }
}
