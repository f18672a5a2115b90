import { MailLinkExpired, MailLinkInvalid } from '../../services/mail/domain/mail.js';
import type { PrivacyKeys } from '../../services/access/privacy-keys.js';

// The printable minutes of a meeting, at an address that carries who may read it: one of the
// meeting's people, signed with the hub's key, for 90 days. Sent with the closed minutes.

const VALID_DAYS = 90;

export class MinutesLinks {
  constructor(
    private readonly keys: PrivacyKeys,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  url(meetingId: string, personId: string): string {
    const payload = Buffer.from(
      JSON.stringify(['minutes', meetingId, personId, this.now().getTime() + VALID_DAYS * 86_400_000]),
    ).toString('base64url');
    return `${this.publicUrl}/minutes/${encodeURIComponent(meetingId)}?t=${payload}.${this.keys.signLink(payload)}`;
  }

  /** The person a link was made for; a changed, foreign or expired link is refused. */
  reader(meetingId: string, token: string): string {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined || !this.keys.linkSignatureMatches(payload, signature))
      throw new MailLinkInvalid();
    const [purpose, forMeeting, personId, expiresAt] = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    ) as [string, string, string, number];
    if (purpose !== 'minutes' || forMeeting !== meetingId) throw new MailLinkInvalid();
    if (expiresAt < this.now().getTime()) throw new MailLinkExpired();
    return personId;
  }
}
