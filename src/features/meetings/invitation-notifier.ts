import type { HubNotice, Notifier } from '../../services/chat/notifiers.js';
import type { DatePoll, Meeting } from './domain/meetings.js';

// What a transport (a chat, mail, the outbox) can do with meetings beyond a plain notice.

export interface InvitationNotifier extends Notifier {
  /** Sends an invitation the person can answer (where the chat allows, also with a reaction). */
  invite?(personId: string, meeting: Meeting, notice: HubNotice): Promise<void>;
  /** A meeting (or series) was scheduled or changed: its room on the chat shows the new state. */
  meetingChanged?(meeting: Meeting): Promise<void>;
  /** A meeting the person is invited to moved or was cancelled: the message and, where the chat carries files, the updated calendar entry. */
  meetingUpdated?(personId: string, meeting: Meeting, notice: HubNotice): Promise<void>;
  /** Offers the dates of a date poll as a native poll where the chat has one. */
  offerDates?(personId: string, poll: DatePoll, notice: HubNotice): Promise<void>;
  /** The date of a poll is fixed: native polls are closed. */
  datesFixed?(poll: DatePoll, meeting: Meeting): Promise<void>;
}
