import { randomUUID } from 'node:crypto';
import { MAIL_LINK_ACTIONS, MailLinkExpired, MailLinkInvalid, type MailLink } from './domain/mail.js';
import type { PrivacyKeys } from '../access/privacy-keys.js';

// One-click links in mails: the payload (who, what, until when, a nonce) in the link itself,
// signed with a key derived from the hub's secret, so every instance checks them and none keeps
// a list. That a link works once is a claim on its nonce (MailActions).

export class MailLinks {
  constructor(
    private readonly keys: PrivacyKeys,
    private readonly publicUrl: string,
    private readonly validDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  url(link: Omit<MailLink, 'expiresAt' | 'nonce'>): string {
    const full: MailLink = {
      ...link,
      expiresAt: this.now().getTime() + this.validDays * 86_400_000,
      nonce: randomUUID(),
    };
    return `${this.publicUrl}/mail/act?t=${this.token(full)}`;
  }

  token(link: MailLink): string {
    const payload = Buffer.from(
      JSON.stringify([link.personId, link.action, link.subjectId, link.expiresAt, link.nonce, link.language]),
    ).toString('base64url');
    return `${payload}.${this.keys.signLink(payload)}`;
  }

  /** What the token stands for; a changed, foreign or expired token is refused. */
  read(token: string): MailLink {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined || !this.keys.linkSignatureMatches(payload, signature))
      throw new MailLinkInvalid();
    const [personId, action, subjectId, expiresAt, nonce, language] = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    ) as [string, MailLink['action'], string, number, string, MailLink['language']];
    if (!MAIL_LINK_ACTIONS.includes(action)) throw new MailLinkInvalid();
    if (expiresAt < this.now().getTime()) throw new MailLinkExpired();
    return { personId, action, subjectId, expiresAt, nonce, language };
  }
}
