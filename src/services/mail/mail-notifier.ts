import type { Language } from '../../domain/errors.js';
import type { MailLinkAction } from './domain/mail.js';
import type { Meeting } from '../../features/meetings/domain/meetings.js';
import type { Person } from '../../domain/model.js';
import type { MeetingStore, NetworkStore, RequestStore } from '../../domain/ports/graph-store.port.js';
import type { ChatIdentities } from '../chat/chat-identities.js';
import type { HubNotice, NoticeAction, NoticeWording } from '../chat/notifiers.js';
import { meetingInvitationIcs } from '../../features/meetings/meeting-ics.js';
import type { InvitationNotifier } from '../../features/meetings/meetings.js';
import {
  KIND_NAMES,
  type NotificationKind,
  type NotificationSettings,
} from '../../features/notifications/domain/notifications.js';
import type { NotificationPreferences } from '../../features/notifications/notification-settings.js';
import type { MailDigests } from './mail-digests.js';
import type { MailLinks } from './mail-links.js';
import type { MailOutbox } from './mail-outbox.js';

// E-mail as a transport beside the chats: the same notifications, for people with an address
// who are not in the chat (or who asked for mail as well). A command the chat would offer becomes
// a signed one-click link; invitations carry an iTIP calendar message. Mails are queued in the
// store's outbox and sent by the lease holder (MailOutbox).

export interface MailSettings {
  publicUrl: string;
  /** Name and address the hub sends as (HUB_MAIL_FROM), also the calendar ORGANIZER. */
  fromName: string;
  fromAddress: string;
}

interface Recipient {
  person: Person;
  address: string;
  language: Language;
  settings: NotificationSettings;
}

const SUBJECT_MAX = 90;

export class MailNotifier implements InvitationNotifier {
  constructor(
    private readonly store: NetworkStore & { readonly meetings: MeetingStore } & { readonly requests: RequestStore },
    private readonly identities: ChatIdentities,
    private readonly outbox: MailOutbox,
    private readonly links: MailLinks,
    private readonly settings: MailSettings,
    private readonly preferences: NotificationPreferences,
    private readonly digests: MailDigests,
    /** The same words the chats use (bots/core/notice-texts.ts, given by the composition root). */
    private readonly wording: NoticeWording,
  ) {}

  async notify(personId: string, notice: HubNotice, kind: NotificationKind = 'network'): Promise<void> {
    const to = await this.recipient(personId, kind);
    if (!to) return;
    const { text, actions } = this.wording(notice, to.language);
    const extra = await this.requestLinks(to, actions);
    if (to.settings.digest !== 'NONE')
      return this.digests.collect(personId, kind, [this.withLinks(text, to), ...extra].join('\n'));
    await this.queue(to, text, extra, null, kind);
  }

  /** Invitations come at once whatever the digest: a calendar program adds them from the mail. */
  async invite(personId: string, meeting: Meeting, notice: HubNotice): Promise<void> {
    const to = await this.recipient(personId, 'meetings');
    if (to)
      await this.queue(
        to,
        this.wording(notice, to.language).text,
        [],
        await this.calendar(meeting, 'REQUEST', to),
        'meetings',
      );
  }

  async meetingUpdated(personId: string, meeting: Meeting, notice: HubNotice): Promise<void> {
    const to = await this.recipient(personId, 'meetings');
    // A cancelled date of a series is an EXDATE of the series' REQUEST; a single meeting is CANCELled.
    const method = meeting.state === 'CANCELLED' && !meeting.series ? 'CANCEL' : 'REQUEST';
    if (to)
      await this.queue(
        to,
        this.wording(notice, to.language).text,
        [],
        await this.calendar(meeting, method, to),
        'meetings',
      );
  }

  /** The digests due now, each queued as one mail. Answers how many. */
  async sendDigests(): Promise<number> {
    let sent = 0;
    for (const { personId, items, keys } of await this.digests.due(
      async (id) => (await this.preferences.of(id)).digest,
    )) {
      const to = await this.recipient(personId, null);
      if (to) {
        const body = items.map((item) => `• ${item.text.replace(/\n/g, '\n  ')}`).join('\n\n');
        const count = items.length;
        const heading =
          to.language === 'de'
            ? `Ihre Zusammenfassung aus dem Integrations-Hub (${count} ${count === 1 ? 'Nachricht' : 'Nachrichten'})`
            : `Your summary from the integration hub (${count} ${count === 1 ? 'message' : 'messages'})`;
        await this.queue(to, `${heading}\n\n${body}`, [], null, null);
        sent++;
      }
      await this.digests.sent(keys);
    }
    return sent;
  }

  /**
   * Who gets this as mail: an address that did not bounce, a kind not unsubscribed, and not in the
   * chat unless asked for (or chat notifications are off). `kind` null: any kind (a digest).
   */
  private async recipient(personId: string, kind: NotificationKind | null): Promise<Recipient | null> {
    const [entity] = await this.store.entitiesByIds([personId]);
    if (entity?.kind !== 'Person') return null;
    const address = entity.channels.find((c) => c.channel === 'EMAIL')?.value;
    if (!address) return null;
    const settings = await this.preferences.of(personId);
    if (settings.email === 'NEVER' || (kind && settings.mutedKinds.includes(kind))) return null;
    if (await this.outbox.bounced(address)) return null;
    if (settings.email === 'AUTO' && settings.chat && (await this.identities.linkedPeople()).has(personId)) return null;
    const language: Language = entity.languages.length && !entity.languages.includes('de') ? 'en' : 'de';
    return { person: entity, address, language, settings };
  }

  /** Beside "accept": resolving with a note, and (from a KIK) handing it to the district's coordination. */
  private async requestLinks(to: Recipient, actions: readonly NoticeAction[]): Promise<string[]> {
    const accept = actions.map((a) => refOf(a.command)).find((r) => r?.name === 'accept');
    if (!accept) return [];
    const id = accept.args.split(' ')[0]!;
    const request = await this.store.requests.requestById(id);
    if (!request || request.handlerId !== to.person.id) return [];
    const de = to.language === 'de';
    return [
      `${de ? 'Erledigen (mit Notiz)' : 'Resolve (with a note)'}: ${this.link(to, 'resolve', id)}`,
      ...(request.level === 'KIK'
        ? [
            `${de ? 'An die Koordinationskraft des Kreises geben' : "Pass it to the district's coordinator"}: ${this.link(to, 'forwardToCoordination', id)}`,
          ]
        : []),
    ];
  }

  private async calendar(meeting: Meeting, method: 'REQUEST' | 'CANCEL', to: Recipient) {
    const [organiser] = await this.store.entitiesByIds([meeting.organiserId]);
    const occurrences = meeting.series ? await this.store.meetings.meetingsOfSeries([meeting.series.id]) : [];
    const content = meetingInvitationIcs(
      meeting,
      occurrences,
      method,
      { name: organiser?.name ?? this.settings.fromName, email: this.settings.fromAddress },
      { name: to.person.name, email: to.address },
    );
    return { method, content };
  }

  private async queue(
    to: Recipient,
    message: string,
    extraLines: string[],
    calendar: { method: 'REQUEST' | 'CANCEL'; content: string } | null,
    kind: NotificationKind | null,
  ): Promise<void> {
    const de = to.language === 'de';
    const text = this.withLinks(message, to);
    // One click (RFC 8058) ends mails of this kind; the footer also offers ending all.
    const unsubscribeAll = this.link(to, 'unsubscribe', 'all');
    const unsubscribeUrl = kind ? this.link(to, 'unsubscribe', kind) : unsubscribeAll;
    const body = [
      `${de ? 'Guten Tag' : 'Hello'} ${to.person.name},`,
      '',
      text,
      ...(extraLines.length ? ['', ...extraLines] : []),
      '',
      '-- ',
      de
        ? `Diese Nachricht kommt vom Integrations-Hub Ihres Kreises (${this.settings.publicUrl}), weil Sie im Netzwerk der Integrationskoordination eingetragen sind.`
        : `This message comes from your district's integration hub (${this.settings.publicUrl}) because you are listed in its integration coordination network.`,
      ...(kind
        ? [
            `${de ? `Keine E-Mails mehr zu ${KIND_NAMES[kind].de}` : `No more e-mails about ${KIND_NAMES[kind].en}`}: ${unsubscribeUrl}`,
          ]
        : []),
      `${de ? 'Keine E-Mails mehr' : 'No more e-mails'}: ${unsubscribeAll}`,
    ].join('\n');
    await this.outbox.queue({
      personId: to.person.id,
      to: to.address,
      subject: subjectOf(text),
      text: body,
      calendar,
      unsubscribeUrl,
    });
  }

  /** Each command named in the text becomes the link that does it, for this reader. */
  private withLinks(text: string, to: Recipient): string {
    const de = to.language === 'de';
    // "Zusagen: <command>" reads "Ihre Antwort:" over the three links.
    const labelled = text.replace(/^(Zusagen|Answer): (⟦rsvp )/gm, (_, _label: string, ref: string) =>
      de ? `Ihre Antwort: ${ref}` : `Your answer: ${ref}`,
    );
    return labelled
      .replace(/⟦([^⟧]*)⟧/g, (whole, inner: string) => {
        const ref = refOf(whole) ?? { name: inner, args: '' };
        const id = ref.args.split(' ')[0] ?? '';
        if (ref.name === 'accept') return this.link(to, 'accept', id);
        if (ref.name === 'rsvp' && id.startsWith('meeting:'))
          return [
            '',
            `  ${de ? 'Zusagen' : 'Yes'}: ${this.link(to, 'rsvpYes', id)}`,
            `  ${de ? 'Absagen' : 'No'}: ${this.link(to, 'rsvpNo', id)}`,
            `  ${de ? 'Vielleicht' : 'Maybe'}: ${this.link(to, 'rsvpMaybe', id)}`,
          ].join('\n');
        return this.settings.publicUrl;
      })
      .replace(/ +\n/g, '\n');
  }

  private link(to: Recipient, action: MailLinkAction, subjectId: string): string {
    return this.links.url({ personId: to.person.id, action, subjectId, language: to.language });
  }
}

function refOf(command: string): { name: string; args: string } | null {
  const match = /^⟦(\S+)(?: (.*))?⟧$/.exec(command);
  return match ? { name: match[1]!, args: match[2] ?? '' } : null;
}

/**
 * The notice's first line; one too long ends where someone's own words begin ("Neue Anfrage für
 * Radebeul (Thema Gesundheit, von Anna Weber)": the words follow in the mail), or else at a word,
 * never in the middle of a name.
 */
export function subjectOf(text: string): string {
  const line = (text.split('\n')[0] ?? '').replace(/https?:\/\/\S+/g, '').trim();
  if (line.length <= SUBJECT_MAX) return line;
  const quoted = line.indexOf(': „');
  if (quoted >= 20 && quoted <= SUBJECT_MAX) return line.slice(0, quoted);
  const cut = line.slice(0, SUBJECT_MAX);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > 0 ? space : SUBJECT_MAX - 1).replace(/[\s,;:(–-]+$/, '')} …`;
}
