import { createHash, randomUUID } from 'node:crypto';
import type { CoordinationStore, MeetingStore } from '../../domain/ports/graph-store.port.js';
import type { InvitationNotifier } from '../../features/meetings/meetings.js';
import type { HubNotice } from './notifiers.js';
import type { Meeting } from '../../features/meetings/domain/meetings.js';
import type { NotificationKind } from '../../features/notifications/domain/notifications.js';
import type { DatePoll } from '../../features/meetings/date-polls.js';
import type { PollStore } from '../../features/meetings/domain/poll-store.port.js';
import { STATE } from '../../domain/ports/state-slots.js';

// Only one hub instance runs the chat bots. The others leave their notifications in the store;
// the bots' instance delivers each once (claimed), so a request filed anywhere reaches its KIK.

type Entry =
  | { kind: 'notify'; personId: string; notice: HubNotice; notificationKind?: NotificationKind; deliveryKey?: string }
  | { kind: 'invite'; personId: string; meetingId: string; notice: HubNotice }
  | { kind: 'updated'; personId: string; meetingId: string; notice: HubNotice }
  | { kind: 'meeting'; meetingId: string }
  | { kind: 'datePoll'; personId: string; pollId: string; notice: HubNotice };

/** An entry left by an instance from before notices were typed: the text in both languages. */
type WrittenBefore = Entry & { message?: { de: string; en: string } };

const typed = (entry: WrittenBefore): Entry => {
  if (entry.kind === 'meeting' || !entry.message || entry.notice) return entry;
  const { message, ...rest } = entry;
  return { ...rest, notice: { type: 'plain', de: message.de, en: message.en } };
};

/** Stands in for the chat bots on an instance that does not run them. */
export class OutboxNotifier implements InvitationNotifier {
  constructor(
    private readonly store: { readonly meetings: MeetingStore } & { readonly coordination: CoordinationStore },
  ) {}

  async notify(
    personId: string,
    notice: HubNotice,
    notificationKind?: NotificationKind,
    deliveryKey?: string,
  ): Promise<void> {
    await this.leave(
      {
        kind: 'notify',
        personId,
        notice,
        ...(notificationKind ? { notificationKind } : {}),
        ...(deliveryKey ? { deliveryKey } : {}),
      },
      deliveryKey,
    );
  }

  async invite(personId: string, meeting: Meeting, notice: HubNotice): Promise<void> {
    await this.leave({ kind: 'invite', personId, meetingId: meeting.id, notice });
  }

  async meetingUpdated(personId: string, meeting: Meeting, notice: HubNotice): Promise<void> {
    await this.leave({ kind: 'updated', personId, meetingId: meeting.id, notice });
  }

  async offerDates(personId: string, poll: DatePoll, notice: HubNotice): Promise<void> {
    await this.leave({ kind: 'datePoll', personId, pollId: poll.id, notice });
  }

  async meetingChanged(meeting: Meeting): Promise<void> {
    await this.leave({ kind: 'meeting', meetingId: meeting.id });
  }

  /** Left once per delivery key: handed on again after a crash, it overwrites the entry it left before. */
  private async leave(entry: Entry, deliveryKey?: string): Promise<void> {
    const id = deliveryKey ? createHash('sha256').update(deliveryKey).digest('hex').slice(0, 32) : randomUUID();
    await this.store.coordination.setState(
      STATE.outbox.key(deliveryKey ? 'keyed' : new Date().toISOString(), id),
      entry,
    );
  }
}

/**
 * On the bots' instance: hands what the others left to the real notifiers, each entry once. Not
 * claimed before it is handed on (a crash after a claim would lose it): an entry found again is
 * handed on under the same delivery key, which the chat server keeps as one message.
 */
export async function deliverOutbox(
  store: { readonly meetings: MeetingStore } & { readonly coordination: CoordinationStore } & {
    readonly polls: PollStore;
  },
  notifiers: readonly InvitationNotifier[],
): Promise<number> {
  const entries = await store.coordination.listState<WrittenBefore>(STATE.outbox.within());
  let delivered = 0;
  for (const { key, value: written } of entries) {
    const value = typed(written);
    const meeting =
      value.kind === 'invite' || value.kind === 'meeting' || value.kind === 'updated'
        ? await store.meetings.meetingById(value.meetingId)
        : null;
    const poll = value.kind === 'datePoll' ? await store.polls.datePollById(value.pollId) : null;
    await Promise.all(
      notifiers
        .map((n) => {
          if (value.kind === 'meeting')
            return meeting && n.meetingChanged ? n.meetingChanged(meeting) : Promise.resolve();
          if (value.kind === 'datePoll' && poll && n.offerDates)
            return n.offerDates(value.personId, poll, value.notice);
          if (value.kind === 'invite' && meeting && n.invite) return n.invite(value.personId, meeting, value.notice);
          if (value.kind === 'updated' && meeting && n.meetingUpdated)
            return n.meetingUpdated(value.personId, meeting, value.notice);
          const kind = value.kind === 'notify' ? value.notificationKind : 'meetings';
          return n.notify(
            value.personId,
            value.notice,
            kind,
            value.kind === 'notify' ? (value.deliveryKey ?? key) : key,
          );
        })
        .map((p) => p.catch(() => undefined)),
    );
    await store.coordination.deleteState(key);
    delivered++;
  }
  return delivered;
}
