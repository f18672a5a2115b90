import { MailLinkExpired, MailLinkInvalid } from '../../services/mail/domain/mail.js';
import type { PrivacyKeys } from '../../services/access/privacy-keys.js';
import type { Article } from './domain/articles.js';

// Where an article is read on the hub: a public article at its plain address, any other at an
// address that carries its reader (signed with the hub's key, for 30 days), so a link sent in a
// direct chat opens the article for that person and nobody else.

const VALID_DAYS = 30;

export class ArticleLinks {
  constructor(
    private readonly keys: PrivacyKeys,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The address for this reader; null when only a signed-in reader may open it and there is none. */
  url(article: Pick<Article, 'id' | 'visibility'>, readerId: string | null): string | null {
    const base = `${this.publicUrl}/articles/${encodeURIComponent(article.id)}`;
    if (article.visibility === 'PUBLIC') return base;
    if (!readerId) return null;
    const payload = Buffer.from(
      JSON.stringify(['article', article.id, readerId, this.now().getTime() + VALID_DAYS * 86_400_000]),
    ).toString('base64url');
    return `${base}?t=${payload}.${this.keys.signLink(payload)}`;
  }

  /** The person a link was made for; a changed, foreign or expired link is refused. */
  reader(articleId: string, token: string): string {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined || !this.keys.linkSignatureMatches(payload, signature))
      throw new MailLinkInvalid();
    const [purpose, forArticle, personId, expiresAt] = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    ) as [string, string, string, number];
    if (purpose !== 'article' || forArticle !== articleId) throw new MailLinkInvalid();
    if (expiresAt < this.now().getTime()) throw new MailLinkExpired();
    return personId;
  }
}
