import { randomUUID } from 'node:crypto';
import type { MatrixClient } from '@vector-im/matrix-bot-sdk';
import type { CoordinationStore } from '../../src/domain/ports/graph-store.port.js';
import type { Language } from '../../src/domain/errors.js';
import type { Meeting } from '../../src/features/meetings/domain/meetings.js';
import type { DatePoll } from '../../src/features/meetings/date-polls.js';
import { formatWhen } from '../../src/features/meetings/when.js';
import { icsFileName, meetingIcs } from '../../src/features/meetings/meeting-ics.js';
import type { HubNotice } from '../../src/services/chat/notifiers.js';
import { wordNotice } from '../core/notice-texts.js';
import type { Dispatcher } from '../core/dispatcher.js';
import type { ChatIdentities } from '../core/identities.js';
import { TEXTS } from '../core/texts.js';
import type { Reply } from '../core/reply.js';
import { directNotice } from './matrix-content.js';
import { POLL_END_TYPE, POLL_START_TYPE, pollEnd, pollStart } from './matrix-polls.js';
import { fileMessage } from './files.js';
import { MATRIX_STATE } from './matrix-state.js';

// What the hub tells people on Matrix, in their direct chat with the bot: notices, meeting
// invitations (answered with a reaction, with their calendar file) and date polls as native
// polls. Every send has a key that stays the same when the same thing is sent again.

interface Deps {
  client: () => MatrixClient | null;
  identities: ChatIdentities;
  dispatcher: Dispatcher;
  store: { readonly coordination: CoordinationStore };
  directRoom: (userId: string) => Promise<string>;
  send: (roomId: string, key: string, content: Record<string, unknown>) => Promise<string>;
  sendEvent: (roomId: string, type: string, key: string, content: Record<string, unknown>) => Promise<string>;
}

export class MatrixNotices {
  constructor(private readonly deps: Deps) {}

  /**
   * Tells a person something in their direct chat with the bot, on every linked Matrix account.
   * Handed on again after a crash, the same notice comes with the same delivery key: the same
   * transaction id, so Synapse keeps one message.
   */
  async notify(personId: string, notice: HubNotice, _kind?: unknown, deliveryKey?: string): Promise<void> {
    await this.toEachAccount(personId, notice, async ({ userId, direct, text }) => {
      await this.deps.send(direct, `notify/${deliveryKey ?? randomUUID()}/${userId}`, directNotice(text, userId));
    });
  }

  /** An invitation in the person's direct chat, which they can answer with a reaction. */
  async invite(personId: string, meeting: Meeting, notice: HubNotice): Promise<void> {
    await this.toEachAccount(personId, notice, async ({ userId, direct, text, language }) => {
      // On Matrix an invitation is also answered with a reaction on it.
      const withHint = { ...text, lines: [...text.lines, [TEXTS.reactionHint[language]()]] };
      const eventId = await this.deps.send(direct, `invite/${meeting.id}/${userId}`, directNotice(withHint, userId));
      await this.deps.store.coordination.setState(MATRIX_STATE.invitation.key(eventId), {
        meetingId: meeting.id,
        personId,
      });
      await this.attachCalendarFile(direct, meeting, userId);
    });
  }

  /** A meeting moved or was cancelled: the message and the updated .ics (same UID, higher SEQUENCE), once per version. */
  async meetingUpdated(personId: string, meeting: Meeting, notice: HubNotice): Promise<void> {
    await this.toEachAccount(personId, notice, async ({ userId, direct, text }) => {
      await this.deps.send(direct, `updated/${meeting.id}/${meeting.version}/${userId}`, directNotice(text, userId));
      await this.attachCalendarFile(direct, meeting, userId);
    });
  }

  /** For each Matrix account of the person: their direct chat and the message in their language, commands written out. */
  private async toEachAccount(
    personId: string,
    notice: HubNotice,
    send: (to: { userId: string; direct: string; language: Language; text: Reply }) => Promise<void>,
  ): Promise<void> {
    if (!this.deps.client()) return;
    for (const userId of await this.deps.identities.accountsOf(personId, 'matrix')) {
      const language = await this.deps.identities.language({ transport: 'matrix', userId });
      const direct = await this.deps.directRoom(userId);
      const lines = this.deps.dispatcher
        .expand(wordNotice(notice, language).text, language)
        .split('\n')
        .map((line) => [line]);
      await send({ userId, direct, language, text: { title: undefined, lines, privateDetails: true } });
    }
  }

  /** The dates of a date poll as a native poll in the person's direct chat; its text says how to vote by command. */
  async offerDates(personId: string, poll: DatePoll, notice: HubNotice): Promise<void> {
    if (!this.deps.client()) return;
    for (const userId of await this.deps.identities.accountsOf(personId, 'matrix')) {
      const language = await this.deps.identities.language({ transport: 'matrix', userId });
      const direct = await this.deps.directRoom(userId);
      const question =
        language === 'de'
          ? `Welche Termine passen Ihnen für „${poll.title}“?`
          : `Which dates suit you for "${poll.title}"?`;
      const content = pollStart(
        question,
        poll.slots.map((s) => formatWhen(new Date(s), language)),
        this.deps.dispatcher.expand(wordNotice(notice, language).text, language),
      );
      const eventId = await this.deps.sendEvent(direct, POLL_START_TYPE, `poll/${poll.id}/${userId}`, content);
      await this.deps.store.coordination.setState(MATRIX_STATE.datePoll.key(eventId), { pollId: poll.id, personId });
      await this.deps.store.coordination.setState(MATRIX_STATE.datePollSent.key(poll.id, eventId), {
        roomId: direct,
        userId,
      });
    }
  }

  /** Closes the native polls of a fixed date poll, saying which date it is. */
  async datesFixed(poll: DatePoll, meeting: Meeting): Promise<void> {
    if (!this.deps.client()) return;
    for (const { key, value } of await this.deps.store.coordination.listState<{ roomId: string; userId: string }>(
      MATRIX_STATE.datePollSent.within(poll.id),
    )) {
      const eventId = MATRIX_STATE.datePollSent.rest(key, poll.id);
      const language = await this.deps.identities.language({ transport: 'matrix', userId: value.userId });
      const at = formatWhen(new Date(meeting.startsAt), language);
      const text =
        language === 'de'
          ? `Die Abstimmung ist beendet: „${poll.title}“ findet am ${at} statt.`
          : `The poll has ended: "${poll.title}" takes place on ${at}.`;
      await this.deps.sendEvent(value.roomId, POLL_END_TYPE, `poll-end/${poll.id}/${eventId}`, pollEnd(eventId, text));
    }
  }

  /** The meeting as an .ics file beside the invitation, to open in any calendar program. */
  private async attachCalendarFile(roomId: string, meeting: Meeting, userId: string): Promise<void> {
    const bytes = Buffer.from(meetingIcs(meeting, null), 'utf8');
    const content = await fileMessage(this.deps.client()!, roomId, {
      name: icsFileName(meeting),
      mimeType: 'text/calendar',
      bytes,
    });
    await this.deps.send(roomId, `invite-ics/${meeting.id}/${meeting.version}/${userId}`, content);
  }
}
