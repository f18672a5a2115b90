import type { Viewer } from '../../../services/access/domain/access.js';
import { InvalidInput, NotAllowed } from '../../../domain/errors.js';
import type { TextRule } from '../../../domain/text.js';

// What the network knows, written down by its coordinators: how-tos, checklists and templates
// (a letter to parents in plain language, a press note after a neighbourhood meeting), in
// Markdown, per topic, for a district or a town or for everyone. Every change is a new version.

export const ARTICLE_KINDS = ['HOWTO', 'CHECKLIST', 'TEMPLATE'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

/** Who may read it: anybody (also on the public page), members of the network, coordinators. */
export const ARTICLE_VISIBILITIES = ['PUBLIC', 'NETWORK', 'COORDINATORS'] as const;
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];

export interface Article {
  id: string;
  title: string;
  /** Markdown; raw HTML in it is shown as text, never run. */
  body: string;
  kind: ArticleKind;
  topicIds: string[];
  /** The district it is written for (null: the whole network), and the town within it, if any. */
  districtAgs: string | null;
  municipalityId: string | null;
  visibility: ArticleVisibility;
  language: 'de' | 'en';
  authorId: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
  /** Optimistic concurrency: each save increments it. */
  version: number;
}

/** One saved state of an article: who changed what, when. */
export interface ArticleVersion {
  articleId: string;
  version: number;
  title: string;
  body: string;
  changedBy: string | null;
  changedAt: string;
  /** What the editor said about the change. */
  note: string | null;
}

/** An article found by a search, with the store's relevance (higher is better). */
export interface ArticleHit {
  id: string;
  score: number;
}

export const ARTICLE_TITLE: TextRule = { field: 'title', fieldDe: 'Titel', max: 200 };
export const ARTICLE_BODY: TextRule = { field: 'body', fieldDe: 'Text', max: 50_000, multiline: true };
export const ARTICLE_NOTE: TextRule = { field: 'note', fieldDe: 'Notiz', max: 500, min: 0 };

const COORDINATING_ACCESS = new Set(['COORDINATOR', 'DISTRICT_COORDINATOR', 'ADMIN']);

/** Whether the viewer may read an article of this visibility. */
export function mayRead(visibility: ArticleVisibility, viewer: Viewer): boolean {
  if (visibility === 'PUBLIC') return true;
  if (visibility === 'NETWORK') return viewer.access !== null;
  return viewer.access !== null && COORDINATING_ACCESS.has(viewer.access);
}

/**
 * The widest visibility the viewer reads. Readers' sets nest (PUBLIC within NETWORK within
 * COORDINATORS), so the stores keep one search index per level and rank, count and correct typos
 * over exactly the articles the reader may read: nothing about the others shows in a score.
 */
export function readingLevel(viewer: Viewer): ArticleVisibility {
  if (mayRead('COORDINATORS', viewer)) return 'COORDINATORS';
  return mayRead('NETWORK', viewer) ? 'NETWORK' : 'PUBLIC';
}

/** The reading levels at which an article of this visibility is found. */
export function levelsReading(visibility: ArticleVisibility): ArticleVisibility[] {
  return ARTICLE_VISIBILITIES.slice(ARTICLE_VISIBILITIES.indexOf(visibility));
}

/** Coordinators write and change articles (changes are versioned, with who made them). */
export function checkMayWrite(viewer: Viewer): void {
  if (!viewer.access || !COORDINATING_ACCESS.has(viewer.access) || !viewer.personId)
    throw new NotAllowed(
      'write articles (coordinators with a linked account do)',
      'keine Beiträge schreiben (das tun Koordinator:innen mit verknüpftem Konto)',
    );
}

export function checkSearchQuery(text: string): void {
  if (text.trim().length < 3)
    throw new InvalidInput('text', 'search for at least three letters', {
      field: 'Suchtext',
      problem: 'bitte mindestens drei Buchstaben',
    });
}
