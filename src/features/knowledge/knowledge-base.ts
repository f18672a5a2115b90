import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../services/access/domain/access.js';
import { NotFound } from '../../domain/errors.js';
import type { NetworkStore } from '../../domain/ports/network-store.port.js';
import { cleanText } from '../../domain/text.js';
import { topicNamed } from '../../domain/topic-match.js';
import type { NameIndex } from '../../services/reads/name-index.js';
import {
  ARTICLE_BODY,
  ARTICLE_NOTE,
  ARTICLE_TITLE,
  checkMayWrite,
  checkSearchQuery,
  mayRead,
  readingLevel,
  type Article,
  type ArticleKind,
  type ArticleVersion,
  type ArticleVisibility,
} from './domain/articles.js';
import type { KnowledgeStore } from './domain/knowledge-store.port.js';
import { EditConflict } from '../../domain/errors.js';
import { queryTerms, termsOf } from './search-terms.js';
import { districtsOfPerson } from '../../services/reads/districts-of.js';

// The knowledge base: coordinators write articles, everybody finds what they may read. Search
// runs in the store's full-text index over stemmed terms and forgives typos (search-terms.ts).

export interface ArticleInput {
  title: string;
  body: string;
  kind?: ArticleKind;
  /** Topic names or ids. */
  topics?: readonly string[];
  districtAgs?: string | null;
  municipalityId?: string | null;
  visibility?: ArticleVisibility;
  language?: 'de' | 'en';
}

export interface ArticleChange extends Partial<ArticleInput> {
  /** The version the editor read. */
  version: number;
  note?: string | null;
}

export interface FoundArticle {
  article: Article;
  score: number;
}

/** How much more an article of the reader's district (or the whole network) weighs in a search. */
const OWN_DISTRICT_WEIGHT = 1.5;

/** Search hits read from the index before visibility is applied: enough for a page of visible ones. */
const SEARCH_OVERFETCH = 5;

export class KnowledgeBase {
  /** Each reading level's index terms, read anew after a minute (other instances write articles too). */
  private indexed = new Map<ArticleVisibility, { at: number; terms: Promise<Set<string>> }>();

  constructor(
    private readonly store: NetworkStore & { readonly knowledge: KnowledgeStore },
    private readonly names: NameIndex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: ArticleInput, viewer: Viewer): Promise<Article> {
    checkMayWrite(viewer);
    const at = this.now().toISOString();
    const scope = await this.scope(input.districtAgs ?? null, input.municipalityId ?? null);
    const article: Article = {
      id: `article:${randomUUID().slice(0, 8)}`,
      title: cleanText(input.title, ARTICLE_TITLE),
      body: cleanText(input.body, ARTICLE_BODY),
      kind: input.kind ?? 'HOWTO',
      topicIds: await this.topicIds(input.topics ?? []),
      ...scope,
      visibility: input.visibility ?? 'NETWORK',
      language: input.language ?? 'de',
      authorId: viewer.personId,
      createdAt: at,
      updatedAt: at,
      updatedBy: viewer.personId,
      version: 1,
    };
    await this.save(article, null);
    return article;
  }

  async update(id: string, change: ArticleChange, viewer: Viewer): Promise<Article> {
    checkMayWrite(viewer);
    const current = await this.readable(id, viewer);
    if (current.version !== change.version) throw this.conflict(current, change.version);
    const scope =
      change.districtAgs !== undefined || change.municipalityId !== undefined
        ? await this.scope(
            change.districtAgs !== undefined ? change.districtAgs : current.districtAgs,
            change.municipalityId !== undefined ? change.municipalityId : current.municipalityId,
          )
        : { districtAgs: current.districtAgs, municipalityId: current.municipalityId };
    const next: Article = {
      ...current,
      ...(change.title !== undefined ? { title: cleanText(change.title, ARTICLE_TITLE) } : {}),
      ...(change.body !== undefined ? { body: cleanText(change.body, ARTICLE_BODY) } : {}),
      ...(change.kind ? { kind: change.kind } : {}),
      ...(change.topics ? { topicIds: await this.topicIds(change.topics) } : {}),
      ...scope,
      ...(change.visibility ? { visibility: change.visibility } : {}),
      ...(change.language ? { language: change.language } : {}),
      updatedAt: this.now().toISOString(),
      updatedBy: viewer.personId,
      version: current.version + 1,
    };
    const note = change.note ? cleanText(change.note, ARTICLE_NOTE) : null;
    await this.save(next, note);
    return next;
  }

  /** The article if the viewer may read it; NotFound otherwise (whether it exists stays unsaid). */
  async readable(id: string, viewer: Viewer): Promise<Article> {
    const [article] = await this.store.knowledge.articlesByIds([id]);
    if (!article || !mayRead(article.visibility, viewer)) throw new NotFound('Article', id);
    return article;
  }

  async byIds(ids: readonly string[], viewer: Viewer): Promise<(Article | null)[]> {
    const found = await this.store.knowledge.articlesByIds(ids);
    return found.map((a) => (a && mayRead(a.visibility, viewer) ? a : null));
  }

  async list(query: { topic?: string; districtAgs?: string }, viewer: Viewer, limit = 50): Promise<Article[]> {
    const topicId = query.topic ? (await this.topicIds([query.topic]))[0] : undefined;
    const articles = await this.store.knowledge.listArticles({
      ...(topicId ? { topicId } : {}),
      ...(query.districtAgs ? { districtAgs: [query.districtAgs] } : {}),
      limit: limit * SEARCH_OVERFETCH,
    });
    return articles.filter((a) => mayRead(a.visibility, viewer)).slice(0, limit);
  }

  /** The articles best matching the text that the viewer may read, best first. */
  async search(text: string, viewer: Viewer, limit = 10, only?: ArticleVisibility[]): Promise<FoundArticle[]> {
    checkSearchQuery(text);
    const level = readingLevel(viewer);
    const terms = queryTerms(text, await this.indexedTerms(level));
    if (!terms.length) return [];
    const hits = await this.store.knowledge.searchArticles(terms, limit * SEARCH_OVERFETCH, level);
    const [articles, own] = await Promise.all([
      this.store.knowledge.articlesByIds(hits.map((h) => h.id)),
      viewer.personId ? districtsOfPerson(this.store, viewer.personId, viewer.districtAgs) : new Set<string>(),
    ]);
    // What is written for the reader's own district (or the whole network) comes before the same
    // from elsewhere: a KIK in Meißen asking about accommodation wants Meißen's how-to.
    const nearby = (a: Article) => (a.districtAgs === null || own.has(a.districtAgs) ? OWN_DISTRICT_WEIGHT : 1);
    return hits
      .map((hit, i) => ({ article: articles[i]!, score: hit.score }))
      .filter(
        ({ article }) => article && mayRead(article.visibility, viewer) && (!only || only.includes(article.visibility)),
      )
      .map((found) => ({ ...found, score: found.score * nearby(found.article) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  async versions(id: string, viewer: Viewer): Promise<ArticleVersion[]> {
    await this.readable(id, viewer);
    return this.store.knowledge.articleVersions(id);
  }

  private async save(article: Article, note: string | null): Promise<void> {
    const change: ArticleVersion = {
      articleId: article.id,
      version: article.version,
      title: article.title,
      body: article.body,
      changedBy: article.updatedBy,
      changedAt: article.updatedAt,
      note,
    };
    const topics = await this.names.topics();
    const topicWords = article.topicIds
      .map((id) => topics.find((t) => t.id === id))
      .flatMap((t) => (t ? [t.name, t.nameEn] : []))
      .join(' ');
    const terms = {
      title: termsOf(article.title, article.language).join(' '),
      body: termsOf(`${article.body} ${topicWords}`, article.language).join(' '),
    };
    if (!(await this.store.knowledge.saveArticle(article, change, terms))) {
      const [stored] = await this.store.knowledge.articlesByIds([article.id]);
      throw this.conflict(stored ?? article, article.version - 1);
    }
    this.indexed.clear();
  }

  private conflict(stored: Article, expected: number): EditConflict {
    return new EditConflict(`Article "${stored.title}"`, expected, stored.version, stored.updatedBy, stored.updatedAt);
  }

  private indexedTerms(level: ArticleVisibility): Promise<Set<string>> {
    const cached = this.indexed.get(level);
    if (cached && Date.now() - cached.at <= 60_000) return cached.terms;
    const terms = this.store.knowledge.knowledgeTerms(level).then(
      (found) => new Set(found),
      (error: unknown) => {
        this.indexed.delete(level);
        throw error;
      },
    );
    this.indexed.set(level, { at: Date.now(), terms });
    return terms;
  }

  private async topicIds(names: readonly string[]): Promise<string[]> {
    const topics = await this.names.topics();
    return names.map((name) => topicNamed(name, topics).id);
  }

  private async scope(
    districtAgs: string | null,
    municipalityId: string | null,
  ): Promise<{ districtAgs: string | null; municipalityId: string | null }> {
    if (municipalityId) {
      const [town] = await this.store.entitiesByIds([municipalityId]);
      if (town?.kind !== 'Municipality') throw new NotFound('Municipality', municipalityId);
      return { districtAgs: town.districtAgs, municipalityId };
    }
    if (districtAgs) {
      const [district] = await this.store.districtsByAgs([districtAgs]);
      if (!district) throw new NotFound('District', districtAgs);
    }
    return { districtAgs, municipalityId: null };
  }
}
