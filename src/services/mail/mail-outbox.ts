import { randomUUID } from 'node:crypto';
import type { QueuedMail } from './domain/mail.js';
import type { CoordinationStore } from '../../domain/ports/graph-store.port.js';
import { CLAIMS, STATE, type StateKey } from '../../domain/ports/state-slots.js';

// Mails wait in the store (shared state `mail:<queued at>:<id>`) until the SMTP server took them.
// The instance holding the timers' lease sends them; each try is claimed, so two instances never
// send the same one; a failed try is retried with growing pauses; an address the server refuses
// for good is marked bounced and gets no more mail.

export interface OutgoingMail {
  /** The same Message-ID on every try: a mail client shows a resent mail once. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  calendar: QueuedMail['calendar'];
  unsubscribeUrl: string;
}

/** Thrown by a sender: `permanent` when the server refused the address (a bounce), not the connection. */
export class MailNotSent extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** What takes mails to an SMTP server (src/server/smtp-mail-sender.ts). */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

const bouncedKey = (address: string) => STATE.mailBounced.key(address.toLowerCase());
/** A try that started this long ago and never finished was cut off (a crash): it is tried again. */
const STUCK_AFTER_MS = 15 * 60_000;
const MAX_PAUSE_MS = 60 * 60_000;
/** About two days of tries, then the mail is kept aside as failed. */
const MAX_ATTEMPTS = 50;

type Entry = QueuedMail & { sendingSince?: string | null };

export class MailOutbox {
  private running: Promise<number> | null = null;

  constructor(
    private readonly store: { readonly coordination: CoordinationStore },
    private readonly domain: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async queue(
    mail: Pick<QueuedMail, 'personId' | 'to' | 'subject' | 'text' | 'calendar' | 'unsubscribeUrl'>,
  ): Promise<void> {
    const at = this.now().toISOString();
    const id = randomUUID();
    const entry: Entry = { ...mail, id, queuedAt: at, attempts: 0, nextAttemptAt: at, lastError: null };
    await this.store.coordination.setState(STATE.mail.key(at, id), entry);
  }

  /** Mails not yet taken by the SMTP server, oldest first. */
  async waiting(): Promise<QueuedMail[]> {
    return (await this.store.coordination.listState<Entry>(STATE.mail.within())).map((e) => e.value);
  }

  /** Sends what is due; calls that overlap share one run. Returns how many mails the server took. */
  deliver(sender: MailSender): Promise<number> {
    this.running ??= this.deliverDue(sender).finally(() => (this.running = null));
    return this.running;
  }

  private async deliverDue(sender: MailSender): Promise<number> {
    const now = this.now();
    let sent = 0;
    for (const { key, value: entry } of await this.store.coordination.listState<Entry>(STATE.mail.within())) {
      const stuck = entry.sendingSince && now.getTime() - Date.parse(entry.sendingSince) > STUCK_AFTER_MS;
      if (stuck) {
        await this.store.coordination.setState(key, { ...entry, attempts: entry.attempts + 1, sendingSince: null });
        continue;
      }
      if (entry.sendingSince || Date.parse(entry.nextAttemptAt) > now.getTime()) continue;
      if (!(await this.store.coordination.claimOnce(CLAIMS.mailAttempt.key(entry.id, String(entry.attempts)))))
        continue;
      await this.store.coordination.setState(key, { ...entry, sendingSince: now.toISOString() });
      try {
        await sender.send({
          messageId: `<${entry.id}@${this.domain}>`,
          to: entry.to,
          subject: entry.subject,
          text: entry.text,
          calendar: entry.calendar,
          unsubscribeUrl: entry.unsubscribeUrl,
        });
        await this.store.coordination.deleteState(key);
        sent++;
      } catch (error) {
        await this.failed(key, entry, error, now);
      }
    }
    return sent;
  }

  private async failed(key: StateKey, entry: Entry, error: unknown, now: Date): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof MailNotSent && error.permanent) {
      await this.store.coordination.setState(bouncedKey(entry.to), { at: now.toISOString(), reason });
      await this.store.coordination.setState(STATE.mailFailed.key(entry.queuedAt, entry.id), {
        ...entry,
        lastError: reason,
      });
      await this.store.coordination.deleteState(key);
      return;
    }
    const attempts = entry.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      await this.store.coordination.setState(STATE.mailFailed.key(entry.queuedAt, entry.id), {
        ...entry,
        lastError: reason,
      });
      await this.store.coordination.deleteState(key);
      return;
    }
    const pause = Math.min(MAX_PAUSE_MS, 60_000 * 2 ** (attempts - 1));
    await this.store.coordination.setState(key, {
      ...entry,
      attempts,
      sendingSince: null,
      lastError: reason,
      nextAttemptAt: new Date(now.getTime() + pause).toISOString(),
    });
  }

  async bounced(address: string): Promise<boolean> {
    return (await this.store.coordination.getState(bouncedKey(address))) !== null;
  }
}
