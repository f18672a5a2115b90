import type Database from 'better-sqlite3';
import type { AdviceOffer } from '../domain/advice-offers.js';
import type { AdviceStore } from '../domain/advice-store.port.js';

// Advice offers in SQLite: advice_offers with the offer's fields as columns (institution types as
// a comma-separated list of enum names), its topics in advice_offer_topics.

interface OfferRow {
  id: string;
  title: string;
  description: string;
  provider_id: string;
  institution_types: string;
  district_ags: string;
  created_at: string;
  demo: number;
  topic_ids: string;
}

const SELECT = `SELECT o.*, (SELECT json_group_array(topic_id) FROM
  (SELECT topic_id FROM advice_offer_topics WHERE offer_id = o.id ORDER BY position)) AS topic_ids FROM advice_offers o`;

function toOffer(row: OfferRow): AdviceOffer {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    providerId: row.provider_id,
    institutionTypes: row.institution_types
      ? (row.institution_types.split(',') as AdviceOffer['institutionTypes'])
      : [],
    topicIds: JSON.parse(row.topic_ids) as string[],
    districtAgs: row.district_ags,
    createdAt: row.created_at,
    demo: row.demo === 1,
  };
}

function writeAdviceOffers(db: Database.Database, offers: readonly AdviceOffer[]): void {
  const save = db.prepare(
    `INSERT INTO advice_offers (id, title, description, provider_id, institution_types, district_ags, created_at, demo)
     VALUES (@id, @title, @description, @provider_id, @institution_types, @district_ags, @created_at, @demo)
     ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description,
       provider_id = excluded.provider_id, institution_types = excluded.institution_types,
       district_ags = excluded.district_ags, demo = excluded.demo`,
  );
  const clear = db.prepare('DELETE FROM advice_offer_topics WHERE offer_id = ?');
  const topic = db.prepare('INSERT INTO advice_offer_topics (offer_id, position, topic_id) VALUES (?, ?, ?)');
  for (const o of offers) {
    save.run({
      id: o.id,
      title: o.title,
      description: o.description,
      provider_id: o.providerId,
      institution_types: o.institutionTypes.join(','),
      district_ags: o.districtAgs,
      created_at: o.createdAt,
      demo: o.demo ? 1 : 0,
    });
    clear.run(o.id);
    [...new Set(o.topicIds)].forEach((id, i) => topic.run(o.id, i, id));
  }
}

export class EmbeddedAdviceStore implements AdviceStore {
  constructor(private readonly db: Database.Database) {}

  async saveAdviceOffer(offer: AdviceOffer): Promise<void> {
    this.db.transaction(() => writeAdviceOffers(this.db, [offer]))();
  }

  async adviceOfferById(id: string): Promise<AdviceOffer | null> {
    const row = this.db.prepare(`${SELECT} WHERE o.id = ?`).get(id) as OfferRow | undefined;
    return row ? toOffer(row) : null;
  }

  async adviceOffers(districtAgs?: readonly string[]): Promise<AdviceOffer[]> {
    const rows = districtAgs
      ? (this.db
          .prepare(`${SELECT} WHERE o.district_ags IN (SELECT value FROM json_each(?)) ORDER BY o.title, o.id`)
          .all(JSON.stringify(districtAgs)) as OfferRow[])
      : (this.db.prepare(`${SELECT} ORDER BY o.title, o.id`).all() as OfferRow[]);
    return rows.map(toOffer);
  }
}
