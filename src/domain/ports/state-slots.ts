// The key-value state holds technical state only (outboxes, claims, sessions, secrets, what the
// chat transports remember, whose slots live with each transport); the domain's records live in their features' stores. Every key is
// made by one of the typed slots below, so a key written inline does not compile (`StateKey` is a
// branded string) and this file lists all there is. Keys keep the form `<slot>:<part>:<part>…`.

declare const slotted: unique symbol;

/** A key of the key-value state, made only by a slot of this file. */
export type StateKey = string & { readonly [slotted]: true };

export class StateSlot<T = unknown> {
  constructor(
    readonly name: string,
    /** What the slot holds, for readers of this file. */
    readonly holds: string,
  ) {}

  key(...parts: readonly string[]): StateKey {
    return [this.name, ...parts].join(':') as StateKey;
  }

  /** The key prefix of every entry whose key starts with these parts, for listing. */
  within(...parts: readonly string[]): StateKey {
    return `${[this.name, ...parts].join(':')}:` as StateKey;
  }

  /** What follows `within(...parts)` in a key of this slot. */
  rest(key: string, ...parts: readonly string[]): string {
    return key.slice(this.within(...parts).length);
  }

  /** An entry to be written with another change (`alongside`). */
  entry(value: T, ...parts: readonly string[]): { key: StateKey; value: T } {
    return { key: this.key(...parts), value };
  }
}

/** Slots of state entries. */
export const STATE = {
  mail: new StateSlot('mail', 'mails waiting to be sent, by queue time'),
  mailFailed: new StateSlot('mail-failed', 'mails given up on, kept for the operator'),
  mailBounced: new StateSlot<{ at: string; reason: string }>('mail-bounced', 'addresses that bounced'),
  mailDigest: new StateSlot('mail-digest', "items collected for a person's next digest mail"),
  notice: new StateSlot('notice', 'notices written with their change, until handed to every transport'),
  outbox: new StateSlot('outbox', 'invitations and date offers written with their change, until handed on'),
  session: new StateSlot('session', 'map widget sessions, by the hash of their secret'),
  calendarFeed: new StateSlot<{ personId: string; createdAt: string }>(
    'calendar-feed',
    'calendar feeds by secret hash',
  ),
  calendarFeedOf: new StateSlot<string>('calendar-feed-of', "the hash of a person's calendar feed secret"),
  hubSecret: new StateSlot<string>('hub', "the hub's own secret (pseudonyms, signed links)"),
  lease: new StateSlot<{ holder: string; until: string }>('lease', 'which instance does a job (the chat bots)'),
  pendingCommand: new StateSlot<{ text: string; at: string }>(
    'pending-command',
    "a far-reaching chat command shown as a preview, waiting for its asker's confirmation",
  ),
} as const;

/** Slots of exactly-once claims (`claimOnce`): each key is claimed once, ever. */
export const CLAIMS = {
  hubSecret: new StateSlot('hub', "the first instance writes the hub's secret"),
  seriesExtension: new StateSlot('series-extension', 'a day on which recurring series were extended'),
  taskReminder: new StateSlot('task-reminder', 'an action item reminded of on its due day'),
  taskOverdue: new StateSlot('task-overdue', 'an action item reminded of once overdue'),
  minutesClosed: new StateSlot('minutes-closed', 'minutes sent to their people'),
  meetingReminder: new StateSlot('reminder', 'a meeting reminder sent some hours before'),
  mailDigestSent: new StateSlot('mail-digest-sent', 'a digest mail sent for a period'),
  mailAttempt: new StateSlot('mail-attempt', 'one attempt to send a mail'),
  mailLink: new StateSlot('mail-link', 'a one-click mail link used'),
  fundingReminder: new StateSlot('funding-reminder', 'a funding deadline reminder sent'),
  yearlyCheck: new StateSlot('yearly-check', 'the yearly reminder to check one record'),
  proposalReminder: new StateSlot('proposal-reminder', 'reviewers reminded of a waiting proposal'),
  suggestionDigest: new StateSlot('suggestion-digest', "a person's weekly section of suggestions"),
  suggestionStep: new StateSlot(
    'suggestion-step',
    "a suggestion's step (a call shared, a question passed on), per its facts",
  ),
} as const;
