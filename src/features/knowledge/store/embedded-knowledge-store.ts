import type Database from 'better-sqlite3';
import * as articleRows from './embedded-article-rows.js';
import { alignOne } from '../../../domain/batch.js';
import type { Article, ArticleHit, ArticleVersion, ArticleVisibility } from '../domain/articles.js';
import type { KnowledgeStore } from '../domain/knowledge-store.port.js';

// The knowledge base's articles, versions and full-text index in SQLite (SQL in article-rows.ts).

export class EmbeddedKnowledgeStore implements KnowledgeStore {
  constructor(private readonly db: Database.Database) {}

  async saveArticle(
    article: Article,
    change: ArticleVersion,
    terms: { title: string; body: string },
  ): Promise<boolean> {
    return this.db.transaction(() => articleRows.saveArticle(this.db, article, change, terms))();
  }

  async articlesByIds(ids: readonly string[]): Promise<(Article | null)[]> {
    return alignOne(ids, articleRows.articlesByIds(this.db, ids), (a) => a.id);
  }

  async listArticles(query: { topicId?: string; districtAgs?: readonly string[]; limit: number }): Promise<Article[]> {
    return articleRows.listArticles(this.db, query);
  }

  async searchArticles(terms: readonly string[], limit: number, level: ArticleVisibility): Promise<ArticleHit[]> {
    return articleRows.searchArticles(this.db, terms, limit, level);
  }

  async knowledgeTerms(level: ArticleVisibility): Promise<string[]> {
    return articleRows.knowledgeTerms(this.db, level);
  }

  async articleVersions(id: string): Promise<ArticleVersion[]> {
    return articleRows.articleVersions(this.db, id);
  }

  async forgetArticleAuthor(personId: string): Promise<void> {
    this.db.transaction(() => articleRows.forgetArticleAuthor(this.db, personId))();
  }
}
