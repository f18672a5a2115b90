import type { Language } from '../domain/errors.js';

// The chat transports a service tells people through. A transport that fails for one message
// never keeps the others from delivering it.

export type Message = Record<Language, string>;

/** A follow-up a transport with buttons offers beside a notification; others show the text. */
export interface NotificationAction {
  label: Message;
  /** The chat command it runs, e.g. "!annehmen request:ab12cd34". */
  command: string;
}

export interface Notifier {
  notify(personId: string, message: Message, actions?: NotificationAction[]): Promise<void>;
}

export class Notifiers<N extends Notifier = Notifier> {
  private readonly list: N[] = [];

  add(notifier: N): void {
    this.list.push(notifier);
  }

  remove(notifier: N): void {
    const index = this.list.indexOf(notifier);
    if (index >= 0) this.list.splice(index, 1);
  }

  get all(): readonly N[] {
    return this.list;
  }

  async tell(personIds: readonly string[], message: Message, actions?: NotificationAction[]): Promise<void> {
    await Promise.all(personIds.flatMap((id) => this.list.map((n) => n.notify(id, message, actions).catch(() => undefined))));
  }
}
