import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import {
  levelsReading,
  type Article,
  type ArticleHit,
  type ArticleVersion,
  type ArticleVisibility,
} from '../domain/articles.js';

// The knowledge base in Neo4j: an Article node holding the article as JSON with its lookups as
// properties, an ArticleVersion node per saved version, and a full-text index (whitespace
// analyzer: the service made the terms) over the search terms, the title boosted five times.
// One index per reading level (labels NetworkReadArticle and PublicReadArticle mark the articles
// members and everyone may read), so Lucene's scores come from what the reader may read only.

/** The full-text index and the label of each reading level. */
const LEVEL: Record<ArticleVisibility, { index: string; label: string }> = {
  COORDINATORS: { index: 'article_terms', label: 'Article' },
  NETWORK: { index: 'article_terms_network', label: 'NetworkReadArticle' },
  PUBLIC: { index: 'article_terms_public', label: 'PublicReadArticle' },
};

export function searchStatement(level: ArticleVisibility): string {
  return `CALL db.index.fulltext.queryNodes('${LEVEL[level].index}', $query) YIELD node, score
          RETURN node.id AS id, score ORDER BY score DESC, id LIMIT $limit`;
}

export function termsStatement(level: ArticleVisibility): string {
  return `MATCH (a:${LEVEL[level].label}) RETURN a.searchTitle AS title, a.searchBody AS body`;
}

export const ARTICLE_QUERIES = {
  byIds: 'MATCH (a:Article) WHERE a.id IN $ids RETURN a.data AS data',
  list: `MATCH (a:Article)
         WHERE ($topicId IS NULL OR $topicId IN a.topicIds)
           AND ($districts IS NULL OR a.districtAgs IS NULL OR a.districtAgs IN $districts)
         RETURN a.data AS data ORDER BY a.updatedAt DESC, a.id LIMIT $limit`,
  versions: 'MATCH (v:ArticleVersion {articleId: $id}) RETURN v.data AS data ORDER BY v.version DESC',
};

/** Saves the article if its version follows the stored one; the node is locked before the version is read. */
export async function saveArticle(
  tx: ManagedTransaction,
  article: Article,
  change: ArticleVersion,
  terms: { title: string; body: string },
): Promise<boolean> {
  const props = {
    id: article.id,
    version: neo4j.int(article.version),
    districtAgs: article.districtAgs,
    topicIds: article.topicIds,
    updatedAt: article.updatedAt,
    data: JSON.stringify(article),
    searchTitle: terms.title,
    searchBody: terms.body,
  };
  const query =
    article.version === 1
      ? 'MERGE (a:Article {id: $props.id}) ON CREATE SET a += $props, a.created = true WITH a, a.created AS created REMOVE a.created RETURN created'
      : 'MATCH (a:Article {id: $props.id}) SET a.lock = true REMOVE a.lock WITH a WHERE a.version = $props.version - 1 SET a += $props RETURN true AS created';
  const result = await tx.run(query, { props });
  if (result.records[0]?.get('created') !== true) return false;
  const readers = levelsReading(article.visibility);
  await tx.run(
    `MATCH (a:Article {id: $id}) REMOVE a:NetworkReadArticle:PublicReadArticle
     FOREACH (_ IN CASE WHEN $network THEN [1] ELSE [] END | SET a:NetworkReadArticle)
     FOREACH (_ IN CASE WHEN $public THEN [1] ELSE [] END | SET a:PublicReadArticle)`,
    { id: article.id, network: readers.includes('NETWORK'), public: readers.includes('PUBLIC') },
  );
  await tx.run('CREATE (:ArticleVersion {articleId: $id, version: $version, data: $data})', {
    id: article.id,
    version: neo4j.int(article.version),
    data: JSON.stringify(change),
  });
  return true;
}

/** Lucene's special characters, escaped so a term is only ever a term. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function searchQuery(terms: readonly string[]): string {
  const escaped = terms.map((t) => t.replace(LUCENE_SPECIAL, '\\$&'));
  return [...escaped.map((t) => `searchTitle:${t}^5`), ...escaped.map((t) => `searchBody:${t}`)].join(' ');
}

export function toArticles(records: { get(key: string): unknown }[]): Article[] {
  return records.map((r) => JSON.parse(r.get('data') as string) as Article);
}

export function toHits(records: { get(key: string): unknown }[]): ArticleHit[] {
  return records.map((r) => ({ id: r.get('id') as string, score: Number(r.get('score')) }));
}

export function toTerms(records: { get(key: string): unknown }[]): string[] {
  const terms = new Set<string>();
  for (const r of records)
    for (const text of [r.get('title'), r.get('body')])
      for (const term of String(text ?? '').split(' ')) if (term) terms.add(term);
  return [...terms];
}

export function toVersions(records: { get(key: string): unknown }[]): ArticleVersion[] {
  return records.map((r) => JSON.parse(r.get('data') as string) as ArticleVersion);
}

/** Erasure: rewrites the articles and versions that name the person as author or editor. */
export async function forgetArticleAuthor(tx: ManagedTransaction, personId: string): Promise<void> {
  const articles = await tx.run('MATCH (a:Article) WHERE a.data CONTAINS $quoted RETURN a.id AS id, a.data AS data', {
    quoted: JSON.stringify(personId),
  });
  for (const r of articles.records) {
    const article = JSON.parse(r.get('data') as string) as Article;
    const cleaned = {
      ...article,
      authorId: article.authorId === personId ? null : article.authorId,
      updatedBy: article.updatedBy === personId ? null : article.updatedBy,
    };
    await tx.run('MATCH (a:Article {id: $id}) SET a.data = $data', { id: article.id, data: JSON.stringify(cleaned) });
  }
  const versions = await tx.run(
    'MATCH (v:ArticleVersion) WHERE v.data CONTAINS $quoted RETURN elementId(v) AS node, v.data AS data',
    { quoted: JSON.stringify(personId) },
  );
  for (const r of versions.records) {
    const version = JSON.parse(r.get('data') as string) as ArticleVersion;
    if (version.changedBy !== personId) continue;
    await tx.run('MATCH (v:ArticleVersion) WHERE elementId(v) = $node SET v.data = $data', {
      node: r.get('node'),
      data: JSON.stringify({ ...version, changedBy: null }),
    });
  }
}
