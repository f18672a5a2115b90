import type { Language } from '../../domain/errors.js';
import type { NotificationKind } from '../../domain/notifications.js';

// The chat transports a service tells people through. A transport that fails for one message
// never keeps the others from delivering it.

export type Message = Record<Language, string>;

/** A follow-up a transport with buttons offers beside a notification; others show the text. */
export interface NotificationAction {
  label: Message;
  /** The command it runs, as a command reference (see commandRef). */
  command: string;
}

/**
 * A chat command named in a notification, by its English name and its arguments: the chat layer
 * writes it in the reader's words ("!annehmen request:ab12cd34" in German), so no command syntax
 * lives here. Arguments that are words of a language (ja|nein) are given per language.
 */
export function commandRef(name: string, args = ''): string {
  return `⟦${name}${args ? ` ${args}` : ''}⟧`;
}

export interface Notifier {
  /** `kind` lets a transport honour what the person wants (e.g. no mail about requests). */
  notify(personId: string, message: Message, actions?: NotificationAction[], kind?: NotificationKind): Promise<void>;
}

/** The transports a service tells people through; everything one service sends is of one kind. */
export class Notifiers<N extends Notifier = Notifier> {
  private readonly list: N[] = [];

  constructor(readonly kind: NotificationKind) {}

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
    await Promise.all(
      personIds.flatMap((id) => this.list.map((n) => n.notify(id, message, actions, this.kind).catch(() => undefined))),
    );
  }
}
