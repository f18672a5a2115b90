import neo4j from 'neo4j-driver';
import * as articles from './neo4j-article-records.js';
import type { Neo4jSessions } from '../../../../graph/neo4j/sessions.js';
import { alignOne } from '../../../domain/batch.js';
import type { Article, ArticleHit, ArticleVersion, ArticleVisibility } from '../domain/articles.js';
import type { KnowledgeStore } from '../domain/knowledge-store.port.js';

// The knowledge base's articles, versions and full-text indexes in Neo4j (article-records.ts).

export class Neo4jKnowledgeStore implements KnowledgeStore {
  constructor(private readonly sessions: Neo4jSessions) {}

  async saveArticle(
    article: Article,
    change: ArticleVersion,
    terms: { title: string; body: string },
  ): Promise<boolean> {
    let saved = false;
    await this.sessions.write(async (tx) => {
      saved = await articles.saveArticle(tx, article, change, terms);
    });
    return saved;
  }

  async articlesByIds(ids: readonly string[]): Promise<(Article | null)[]> {
    const found = articles.toArticles(await this.sessions.records(articles.ARTICLE_QUERIES.byIds, { ids }));
    return alignOne(ids, found, (a) => a.id);
  }

  async listArticles(query: { topicId?: string; districtAgs?: readonly string[]; limit: number }): Promise<Article[]> {
    return articles.toArticles(
      await this.sessions.records(articles.ARTICLE_QUERIES.list, {
        topicId: query.topicId ?? null,
        districts: query.districtAgs ?? null,
        limit: neo4j.int(query.limit),
      }),
    );
  }

  async searchArticles(terms: readonly string[], limit: number, level: ArticleVisibility): Promise<ArticleHit[]> {
    if (!terms.length) return [];
    return articles.toHits(
      await this.sessions.records(articles.searchStatement(level), {
        query: articles.searchQuery(terms),
        limit: neo4j.int(limit),
      }),
    );
  }

  async knowledgeTerms(level: ArticleVisibility): Promise<string[]> {
    return articles.toTerms(await this.sessions.records(articles.termsStatement(level)));
  }

  async articleVersions(id: string): Promise<ArticleVersion[]> {
    return articles.toVersions(await this.sessions.records(articles.ARTICLE_QUERIES.versions, { id }));
  }

  async forgetArticleAuthor(personId: string): Promise<void> {
    await this.sessions.write((tx) => articles.forgetArticleAuthor(tx, personId));
  }
}
