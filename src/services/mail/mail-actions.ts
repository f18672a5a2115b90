import { MailLinkUsed, type MailLink } from './domain/mail.js';
import type { CoordinationStore, MeetingStore, RequestStore } from '../../domain/ports/graph-store.port.js';
import { cleanText } from '../../domain/text.js';
import type { ChatIdentities } from '../chat/chat-identities.js';
import type { MeetingPlanner } from '../../features/meetings/meetings.js';
import { formatWhen } from '../../features/meetings/when.js';
import type { RequestRouter } from '../../features/requests/request-router.js';
import type { MailLinks } from './mail-links.js';
import { KIND_NAMES, NOTIFICATION_KINDS } from '../../features/notifications/domain/notifications.js';
import type { NotificationPreferences } from '../../features/notifications/notification-settings.js';
import { CLAIMS } from '../../domain/ports/state-slots.js';

// What a one-click link in a mail does, as the person it was sent to: the confirmation page
// asks first (mail scanners open links; only the confirming POST acts), then the link's nonce is
// claimed, so it acts once, and the service call enforces the same rules as the chat command.

export interface MailLinkPage {
  link: MailLink;
  /** The question the page asks, in the link's language. */
  question: string;
  /** Whether the page offers a note (resolving, handing on). */
  takesNote: boolean;
}

const NOTE = { field: 'note', fieldDe: 'Notiz', max: 500, min: 0, multiline: true };

export class MailActions {
  constructor(
    private readonly links: MailLinks,
    private readonly store: { readonly coordination: CoordinationStore } & { readonly requests: RequestStore } & {
      readonly meetings: MeetingStore;
    },
    private readonly identities: ChatIdentities,
    private readonly requests: RequestRouter,
    private readonly meetings: MeetingPlanner,
    private readonly preferences: NotificationPreferences,
  ) {}

  /** Reads the link and says what it would do; a forged or expired link throws. */
  async describe(token: string): Promise<MailLinkPage> {
    const link = this.links.read(token);
    const de = link.language === 'de';
    const about = await this.subjectLine(link);
    const questions: Record<MailLink['action'], [string, string]> = {
      accept: ['Anfrage annehmen?', 'Accept the request?'],
      forwardToCoordination: [
        'Anfrage an die Koordinationskraft des Kreises geben?',
        "Pass the request to the district's coordinator?",
      ],
      resolve: ['Anfrage als erledigt abschließen?', 'Close the request as resolved?'],
      rsvpYes: ['Zusagen?', 'Accept the invitation?'],
      rsvpNo: ['Absagen?', 'Decline the invitation?'],
      rsvpMaybe: ['Mit „vielleicht“ antworten?', 'Answer "maybe"?'],
      unsubscribe: ['Keine E-Mails mehr vom Integrations-Hub erhalten?', 'Stop e-mails from the integration hub?'],
    };
    const kind = NOTIFICATION_KINDS.find((k) => k === link.subjectId);
    if (link.action === 'unsubscribe' && kind)
      questions.unsubscribe = [
        `Keine E-Mails mehr zu ${KIND_NAMES[kind].de} erhalten?`,
        `Stop e-mails about ${KIND_NAMES[kind].en}?`,
      ];
    const [questionDe, questionEn] = questions[link.action];
    return {
      link,
      question: [de ? questionDe : questionEn, about].filter(Boolean).join('\n'),
      takesNote: link.action === 'resolve' || link.action === 'forwardToCoordination',
    };
  }

  /** Does what the link says, once; answers what happened in the link's language. */
  async perform(token: string, note: string | null): Promise<string> {
    const link = this.links.read(token);
    const cleanNote = note?.trim() ? cleanText(note, NOTE) : null;
    if (!(await this.store.coordination.claimOnce(CLAIMS.mailLink.key(link.nonce)))) throw new MailLinkUsed();
    const viewer = await this.identities.viewerOfPerson(link.personId);
    const de = link.language === 'de';
    switch (link.action) {
      case 'accept':
        await this.requests.accept(link.subjectId, viewer, cleanNote);
        return de ? 'Sie haben die Anfrage angenommen.' : 'You accepted the request.';
      case 'resolve':
        await this.requests.resolve(link.subjectId, viewer, cleanNote);
        return de ? 'Die Anfrage ist als erledigt abgeschlossen.' : 'The request is closed as resolved.';
      case 'forwardToCoordination':
        await this.requests.forwardToCoordination(link.subjectId, viewer, cleanNote);
        return de
          ? 'Die Anfrage liegt jetzt bei der Koordinationskraft des Kreises.'
          : "The request now waits on the district's coordinator.";
      case 'rsvpYes':
      case 'rsvpNo':
      case 'rsvpMaybe': {
        const answer = link.action === 'rsvpYes' ? 'YES' : link.action === 'rsvpNo' ? 'NO' : 'MAYBE';
        await this.meetings.rsvp(link.subjectId, answer, viewer);
        const said = {
          YES: ['zugesagt', 'accepted'],
          NO: ['abgesagt', 'declined'],
          MAYBE: ['„vielleicht“ geantwortet', 'answered "maybe"'],
        };
        return de ? `Sie haben ${said[answer][0]}.` : `You ${said[answer][1]}.`;
      }
      case 'unsubscribe': {
        const kind = NOTIFICATION_KINDS.find((k) => k === link.subjectId);
        if (kind) {
          await this.preferences.mute(link.personId, kind, true);
          return de
            ? `Sie erhalten keine E-Mails mehr zu ${KIND_NAMES[kind].de}.`
            : `You will get no more e-mails about ${KIND_NAMES[kind].en}.`;
        }
        await this.preferences.change(link.personId, { email: 'NEVER' });
        return de
          ? 'Sie erhalten keine E-Mails mehr vom Integrations-Hub.'
          : 'You will get no more e-mails from the hub.';
      }
    }
  }

  private async subjectLine(link: MailLink): Promise<string | null> {
    if (link.subjectId.startsWith('request:')) {
      const request = await this.store.requests.requestById(link.subjectId);
      return request ? `${request.id}: ${request.text ?? ''}`.trim() : null;
    }
    if (link.subjectId.startsWith('meeting:')) {
      const meeting = await this.store.meetings.meetingById(link.subjectId);
      return meeting ? `„${meeting.title}“, ${formatWhen(new Date(meeting.startsAt), link.language)}` : null;
    }
    return null;
  }
}
