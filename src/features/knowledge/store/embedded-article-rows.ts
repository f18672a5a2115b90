import type Database from 'better-sqlite3';
import {
  levelsReading,
  type Article,
  type ArticleHit,
  type ArticleVersion,
  type ArticleVisibility,
} from '../domain/articles.js';

// The knowledge base in SQLite: articles as JSON with the columns their lookups need, their
// versions, and an FTS5 table of the search terms the service made per reading level (ranked by
// BM25, the title weighing five times the body), so that a reader's scores and typo corrections
// come from the articles they may read only.

const IDS = '(SELECT value FROM json_each(?))';
const TITLE_WEIGHT = 5;
const TERMS_TABLE: Record<ArticleVisibility, string> = {
  COORDINATORS: 'article_terms',
  NETWORK: 'article_terms_network',
  PUBLIC: 'article_terms_public',
};
const VOCABULARY_TABLE: Record<ArticleVisibility, string> = {
  COORDINATORS: 'article_vocabulary',
  NETWORK: 'article_vocabulary_network',
  PUBLIC: 'article_vocabulary_public',
};

export function saveArticle(
  db: Database.Database,
  article: Article,
  change: ArticleVersion,
  terms: { title: string; body: string },
): boolean {
  const row = {
    id: article.id,
    version: article.version,
    district_ags: article.districtAgs,
    updated_at: article.updatedAt,
    data: JSON.stringify(article),
  };
  const saved =
    article.version === 1
      ? db
          .prepare(
            `INSERT INTO articles (id, version, district_ags, updated_at, data)
             VALUES (@id, @version, @district_ags, @updated_at, @data) ON CONFLICT(id) DO NOTHING`,
          )
          .run(row).changes === 1
      : db
          .prepare(
            `UPDATE articles SET version = @version, district_ags = @district_ags, updated_at = @updated_at, data = @data
             WHERE id = @id AND version = @version - 1`,
          )
          .run(row).changes === 1;
  if (!saved) return false;
  db.prepare('DELETE FROM article_topics WHERE article_id = ?').run(article.id);
  const topic = db.prepare('INSERT INTO article_topics (article_id, topic_id) VALUES (?, ?)');
  for (const topicId of new Set(article.topicIds)) topic.run(article.id, topicId);
  db.prepare('INSERT INTO article_versions (article_id, version, data) VALUES (?, ?, ?)').run(
    article.id,
    article.version,
    JSON.stringify(change),
  );
  for (const table of Object.values(TERMS_TABLE)) db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(article.id);
  for (const level of levelsReading(article.visibility))
    db.prepare(`INSERT INTO ${TERMS_TABLE[level]} (id, title, body) VALUES (?, ?, ?)`).run(
      article.id,
      terms.title,
      terms.body,
    );
  return true;
}

export function articlesByIds(db: Database.Database, ids: readonly string[]): Article[] {
  const rows = db.prepare(`SELECT data FROM articles WHERE id IN ${IDS}`).all(JSON.stringify(ids)) as {
    data: string;
  }[];
  return rows.map((r) => JSON.parse(r.data) as Article);
}

export function listArticles(
  db: Database.Database,
  query: { topicId?: string; districtAgs?: readonly string[]; limit: number },
): Article[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.topicId) {
    where.push('id IN (SELECT article_id FROM article_topics WHERE topic_id = ?)');
    params.push(query.topicId);
  }
  if (query.districtAgs) {
    where.push(`(district_ags IS NULL OR district_ags IN ${IDS})`);
    params.push(JSON.stringify(query.districtAgs));
  }
  const rows = db
    .prepare(
      `SELECT data FROM articles ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id LIMIT ?`,
    )
    .all(...params, query.limit) as { data: string }[];
  return rows.map((r) => JSON.parse(r.data) as Article);
}

/** FTS5 query syntax: each term quoted (so no word is read as an operator), any of them. */
function matchExpression(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
}

export function searchArticles(
  db: Database.Database,
  terms: readonly string[],
  limit: number,
  level: ArticleVisibility,
): ArticleHit[] {
  if (!terms.length) return [];
  const table = TERMS_TABLE[level];
  const rows = db
    .prepare(
      `SELECT id, bm25(${table}, 0, ${TITLE_WEIGHT}, 1) AS rank FROM ${table}
       WHERE ${table} MATCH ? ORDER BY rank, id LIMIT ?`,
    )
    .all(matchExpression(terms), limit) as { id: string; rank: number }[];
  return rows.map((r) => ({ id: r.id, score: -r.rank }));
}

export function knowledgeTerms(db: Database.Database, level: ArticleVisibility): string[] {
  return db.prepare(`SELECT term FROM ${VOCABULARY_TABLE[level]}`).pluck().all() as string[];
}

export function articleVersions(db: Database.Database, id: string): ArticleVersion[] {
  const rows = db.prepare('SELECT data FROM article_versions WHERE article_id = ? ORDER BY version DESC').all(id) as {
    data: string;
  }[];
  return rows.map((r) => JSON.parse(r.data) as ArticleVersion);
}

export function forgetArticleAuthor(db: Database.Database, personId: string): void {
  db.prepare(
    `UPDATE articles SET data = json_set(data,
       '$.authorId', CASE WHEN json_extract(data, '$.authorId') = @p THEN NULL ELSE json_extract(data, '$.authorId') END,
       '$.updatedBy', CASE WHEN json_extract(data, '$.updatedBy') = @p THEN NULL ELSE json_extract(data, '$.updatedBy') END)
     WHERE json_extract(data, '$.authorId') = @p OR json_extract(data, '$.updatedBy') = @p`,
  ).run({ p: personId });
  db.prepare(
    `UPDATE article_versions SET data = json_set(data, '$.changedBy', NULL) WHERE json_extract(data, '$.changedBy') = ?`,
  ).run(personId);
}
