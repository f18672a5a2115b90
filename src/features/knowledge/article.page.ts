import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, type Language } from '../../domain/errors.js';
import type { ChatIdentities } from '../../services/chat/chat-identities.js';
import { ANONYMOUS } from '../../services/access/domain/access.js';
import type { Article } from './domain/articles.js';
import type { ArticleLinks } from './article-links.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { articleHtml, articlePlainText } from './markdown.js';
import { escapeHtml, sendPage } from '../../server/html-page.js';

// GET /articles/<id>: an article of the knowledge base as a page to read, pass on and print. A
// public article for anybody; any other through the signed link its reader got (?t=…).

export interface ArticlePages {
  knowledge: KnowledgeBase;
  links: ArticleLinks;
  identities: Pick<ChatIdentities, 'viewerOfPerson'>;
}

const KIND_NAMES: Record<Article['kind'], Record<Language, string>> = {
  HOWTO: { de: 'Leitfaden', en: 'How-to' },
  CHECKLIST: { de: 'Checkliste', en: 'Checklist' },
  TEMPLATE: { de: 'Vorlage', en: 'Template' },
};

function day(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
  }).format(new Date(iso));
}

export async function handleArticlePage(req: IncomingMessage, res: ServerResponse, pages: ArticlePages): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://hub.invalid');
  const language: Language = /^en/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'de';
  const de = language === 'de';
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET' }).end();
  const id = decodeURIComponent(url.pathname.slice('/articles/'.length));
  try {
    const token = url.searchParams.get('t');
    const viewer = token ? await pages.identities.viewerOfPerson(pages.links.reader(id, token)) : ANONYMOUS;
    const article = await pages.knowledge.readable(id, viewer);
    const link = pages.links.url(article, viewer.personId);
    const shareText = [article.title, '', articlePlainText(article.body, 1500), ...(link ? ['', link] : [])].join('\n');
    sendPage(
      res,
      200,
      article.language,
      article.title,
      [
        `<article><h1>${escapeHtml(article.title)}</h1>`,
        `<p>${KIND_NAMES[article.kind][language]} · ${de ? 'zuletzt geändert am' : 'last changed on'} ${day(article.updatedAt, language)} · ${de ? 'Version' : 'version'} ${article.version}</p>`,
        articleHtml(article.body),
        '</article>',
        `<section class="no-print" aria-labelledby="share"><h2 id="share">${de ? 'Zum Weitergeben' : 'To pass on'}</h2>`,
        `<p><label for="share-text">${de ? 'Text für Chat oder E-Mail (markieren und kopieren)' : 'Text for a chat or an e-mail (select and copy)'}</label></p>`,
        `<textarea id="share-text" readonly rows="8" style="width:100%">${escapeHtml(shareText)}</textarea>`,
        `<p>${de ? 'Drucken oder als PDF sichern: über das Druckmenü des Browsers.' : "Print or save as PDF: through the browser's print menu."}</p></section>`,
      ].join(''),
    );
  } catch (error) {
    const known = error instanceof DomainError;
    const message = known
      ? error.localized(language)
      : de
        ? 'Der Beitrag ist gerade nicht abrufbar. Bitte versuchen Sie es später noch einmal.'
        : 'The article cannot be shown right now. Please try again later.';
    sendPage(
      res,
      known ? 404 : 503,
      language,
      de ? 'Beitrag' : 'Article',
      `<h1>${de ? 'Beitrag' : 'Article'}</h1><p>${escapeHtml(message)}</p>`,
    );
  }
}
