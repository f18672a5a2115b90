import { randomUUID } from 'node:crypto';
import type { CoordinationStore, MeetingStore } from '../../domain/ports/graph-store.port.js';
import type { InvitationNotifier } from '../meetings/meetings.js';
import type { Message, NotificationAction } from '../requests/request-router.js';
import type { Meeting } from '../../domain/meetings.js';
import type { NotificationKind } from '../../domain/notifications.js';
import { pollKey, type DatePoll } from '../meetings/date-polls.js';

// Only one hub instance runs the chat bots. The others leave their notifications in the store;
// the bots' instance delivers each once (claimed), so a request filed anywhere reaches its KIK.

type Entry =
  | {
      kind: 'notify';
      personId: string;
      message: Message;
      actions: NotificationAction[] | null;
      notificationKind?: NotificationKind;
    }
  | { kind: 'invite'; personId: string; meetingId: string; message: Message }
  | { kind: 'updated'; personId: string; meetingId: string; message: Message }
  | { kind: 'meeting'; meetingId: string }
  | { kind: 'datePoll'; personId: string; pollId: string; message: Message };

const PREFIX = 'outbox:';

/** Stands in for the chat bots on an instance that does not run them. */
export class OutboxNotifier implements InvitationNotifier {
  constructor(private readonly store: MeetingStore & CoordinationStore) {}

  async notify(
    personId: string,
    message: Message,
    actions?: NotificationAction[],
    notificationKind?: NotificationKind,
  ): Promise<void> {
    await this.leave({
      kind: 'notify',
      personId,
      message,
      actions: actions ?? null,
      ...(notificationKind ? { notificationKind } : {}),
    });
  }

  async invite(personId: string, meeting: Meeting, message: Message): Promise<void> {
    await this.leave({ kind: 'invite', personId, meetingId: meeting.id, message });
  }

  async meetingUpdated(personId: string, meeting: Meeting, message: Message): Promise<void> {
    await this.leave({ kind: 'updated', personId, meetingId: meeting.id, message });
  }

  async offerDates(personId: string, poll: DatePoll, message: Message): Promise<void> {
    await this.leave({ kind: 'datePoll', personId, pollId: poll.id, message });
  }

  async meetingChanged(meeting: Meeting): Promise<void> {
    await this.leave({ kind: 'meeting', meetingId: meeting.id });
  }

  private async leave(entry: Entry): Promise<void> {
    await this.store.setState(`${PREFIX}${new Date().toISOString()}:${randomUUID()}`, entry);
  }
}

/** On the bots' instance: hands what the others left to the real notifiers, each entry once. */
export async function deliverOutbox(
  store: MeetingStore & CoordinationStore,
  notifiers: readonly InvitationNotifier[],
): Promise<number> {
  const entries = await store.listState<Entry>(PREFIX);
  let delivered = 0;
  for (const { key, value } of entries) {
    if (!(await store.claimOnce(key))) continue;
    const meeting =
      value.kind === 'invite' || value.kind === 'meeting' || value.kind === 'updated'
        ? await store.meetingById(value.meetingId)
        : null;
    const poll = value.kind === 'datePoll' ? await store.getState<DatePoll>(pollKey(value.pollId)) : null;
    await Promise.all(
      notifiers
        .map((n) => {
          if (value.kind === 'datePoll')
            return poll && n.offerDates
              ? n.offerDates(value.personId, poll, value.message)
              : n.notify(value.personId, value.message);
          if (value.kind === 'meeting')
            return meeting && n.meetingChanged ? n.meetingChanged(meeting) : Promise.resolve();
          if (value.kind === 'invite' && meeting)
            return n.invite
              ? n.invite(value.personId, meeting, value.message)
              : n.notify(value.personId, value.message);
          if (value.kind === 'updated' && meeting)
            return n.meetingUpdated
              ? n.meetingUpdated(value.personId, meeting, value.message)
              : n.notify(value.personId, value.message);
          return value.kind === 'notify'
            ? n.notify(value.personId, value.message, value.actions ?? undefined, value.notificationKind)
            : n.notify(value.personId, value.message);
        })
        .map((p) => p.catch(() => undefined)),
    );
    await store.deleteState(key);
    delivered++;
  }
  return delivered;
}
