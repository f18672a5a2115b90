import type { Article, ArticleHit, ArticleVersion, ArticleVisibility } from './articles.js';

/**
 * The knowledge base: articles with their versions and a full-text index (SQLite FTS5 on the
 * embedded store, a Neo4j full-text index). The index holds the search terms the service made
 * (stemmed, umlauts folded), so both stores find the same articles.
 */
export interface KnowledgeStore {
  /**
   * Saves an article if its stored version is `version - 1` (or it is new with version 1), with
   * its version record and search terms; false otherwise.
   */
  saveArticle(article: Article, change: ArticleVersion, terms: { title: string; body: string }): Promise<boolean>;
  articlesByIds(ids: readonly string[]): Promise<(Article | null)[]>;
  /** Articles newest first, optionally of one topic or of some districts (null district: the whole network). */
  listArticles(query: { topicId?: string; districtAgs?: readonly string[]; limit: number }): Promise<Article[]>;
  /**
   * Articles readable at this level whose terms match any of these (already stemmed) terms, best
   * first; title matches weigh more. Scores are computed over the level's articles only.
   */
  searchArticles(terms: readonly string[], limit: number, level: ArticleVisibility): Promise<ArticleHit[]>;
  /** Every term of the articles readable at this level, for spelling correction. */
  knowledgeTerms(level: ArticleVisibility): Promise<string[]>;
  articleVersions(id: string): Promise<ArticleVersion[]>;
  /** Erasure: the person no longer stands as author or editor of any article or version (the texts stay). */
  forgetArticleAuthor(personId: string): Promise<void>;
}
