import type { MailPreference } from '../../../services/mail/domain/mail.js';

// What reaches a person, and how: per channel (chat, e-mail), per kind of notification, and
// whether mail comes at once or as a daily or weekly digest. The person decides.

export const NOTIFICATION_KINDS = ['requests', 'meetings', 'minutes', 'network', 'funding', 'account'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DIGESTS = ['NONE', 'DAILY', 'WEEKLY'] as const;
export type Digest = (typeof DIGESTS)[number];

export interface NotificationSettings {
  /** AUTO: mail only while the person has no chat account (or turned chat off). */
  email: MailPreference;
  chat: boolean;
  /** Mails (other than calendar invitations) collected into one a day or a week. */
  digest: Digest;
  /** Kinds the person wants no mail about (one-click unsubscribe per kind). */
  mutedKinds: NotificationKind[];
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  email: 'AUTO',
  chat: true,
  digest: 'NONE',
  mutedKinds: [],
};

export const KIND_NAMES: Record<NotificationKind, { de: string; en: string }> = {
  requests: { de: 'Anfragen', en: 'requests' },
  meetings: { de: 'Treffen', en: 'meetings' },
  minutes: { de: 'Protokolle und Aufgaben', en: 'minutes and action items' },
  network: { de: 'Netzwerk', en: 'network' },
  funding: { de: 'Förderfristen', en: 'funding deadlines' },
  account: { de: 'Konto', en: 'account' },
};
