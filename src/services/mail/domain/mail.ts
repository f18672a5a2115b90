import { DomainError } from '../../../domain/errors.js';

// E-mail reaches the people who are not in the chat (a mayor, a job centre's contact). What a
// mail may do is a small set of actions behind signed links, each for the person it was sent
// to, once, until it expires.

export const MAIL_LINK_ACTIONS = [
  'accept',
  'forwardToCoordination',
  'resolve',
  'rsvpYes',
  'rsvpNo',
  'rsvpMaybe',
  'unsubscribe',
] as const;
export type MailLinkAction = (typeof MAIL_LINK_ACTIONS)[number];

/** What a signed link stands for. */
export interface MailLink {
  personId: string;
  action: MailLinkAction;
  /** The request or meeting it acts on (the person for unsubscribe). */
  subjectId: string;
  /** Epoch milliseconds after which the link no longer works. */
  expiresAt: number;
  /** Makes each link single-use: its claim in the store. */
  nonce: string;
  language: 'de' | 'en';
}

/** Whether a person wants mail: only when not in the chat (auto), always as well, or never. */
export const MAIL_PREFERENCES = ['AUTO', 'ALWAYS', 'NEVER'] as const;
export type MailPreference = (typeof MAIL_PREFERENCES)[number];

/** A mail that waits in the outbox until the SMTP server took it. */
export interface QueuedMail {
  id: string;
  personId: string;
  to: string;
  subject: string;
  text: string;
  /** An iTIP message (iMIP) that calendar programs add or update. */
  calendar: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
  /** RFC 8058 one-click unsubscribe address. */
  unsubscribeUrl: string;
  queuedAt: string;
  attempts: number;
  /** ISO instant of the next try (backoff after a failed one). */
  nextAttemptAt: string;
  lastError: string | null;
}

export class MailLinkInvalid extends DomainError {
  readonly code = 'MAIL_LINK_INVALID';
  constructor() {
    super(
      'This link is not valid (it may have been shortened or changed). Please use the link from the mail as it is.',
      'Dieser Link ist ungültig (vielleicht gekürzt oder verändert). Bitte nutzen Sie den Link aus der E-Mail unverändert.',
    );
  }
}

export class MailLinkExpired extends DomainError {
  readonly code = 'MAIL_LINK_EXPIRED';
  constructor() {
    super(
      'This link has expired. Please answer the person who wrote to you, or ask your district coordination.',
      'Dieser Link ist abgelaufen. Bitte antworten Sie der Person direkt oder wenden Sie sich an Ihre Kreiskoordination.',
    );
  }
}

export class MailLinkUsed extends DomainError {
  readonly code = 'MAIL_LINK_USED';
  constructor() {
    super('This link was used already; it works once.', 'Dieser Link wurde bereits benutzt; er gilt nur einmal.');
  }
}
