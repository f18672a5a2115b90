import type { NotificationKind } from '../../features/notifications/domain/notifications.js';
import type { SuggestionNotice } from '../../features/suggestions/domain/suggestion-notices.js';
import type { LifecycleNotice } from '../lifecycle/domain/lifecycle-notices.js';
import type { MeetingNotice } from '../../features/meetings/domain/meeting-notices.js';
import type { RequestNotice } from '../../features/requests/domain/request-notices.js';
import type { FundingNotice } from '../../features/funding/domain/funding-notices.js';

// The transports a service tells people through. Services say what happened as a typed notice;
// each transport words it in the reader's language (the table in bots/core/notice-texts.ts), so
// no text or command syntax of a chat lives in the services. A transport that fails for one
// message never keeps the others from delivering it.

type AccountNotice =
  /** To the coordination of the person's districts: a chat account asks to be linked to them. */
  | { type: 'chatLinkRequested'; userId: string; personId: string; personName: string }
  /** To the person: their chat account is linked now. */
  | { type: 'chatLinkConfirmed'; userId: string }
  /** To the person's accounts, before it happens: another account replaces them. */
  | { type: 'chatLinkReplaced'; userId: string; replacedBy: string; confirmerName: string };

/** Text written before notices were typed (left in an older store), or by an operator. */
interface PlainNotice {
  type: 'plain';
  de: string;
  en: string;
}

export type HubNotice =
  RequestNotice | MeetingNotice | LifecycleNotice | FundingNotice | AccountNotice | SuggestionNotice | PlainNotice;

/** A notice in one language: the text (commands as references, see bots/core/command-refs.ts) and its follow-ups. */
export interface WordedNotice {
  text: string;
  actions: NoticeAction[];
}

/** A follow-up a transport with buttons offers beside a notice; others show the text. */
export interface NoticeAction {
  label: string;
  /** The command it runs, as a command reference ("⟦accept request:ab12cd34⟧"). */
  command: string;
}

/** Words notices (given by the composition root to the transports that live among the services: mail). */
export type NoticeWording = (notice: HubNotice, language: 'de' | 'en') => WordedNotice;

export interface Notifier {
  /**
   * `kind` lets a transport honour what the person wants (e.g. no mail about requests).
   * `deliveryKey` is the same when the same notice is handed on again (after a crash): a transport
   * that can sends it under that key, so its server keeps one message.
   */
  notify(personId: string, notice: HubNotice, kind?: NotificationKind, deliveryKey?: string): Promise<void>;
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

  async tell(personIds: readonly string[], notice: HubNotice, deliveryKey?: string): Promise<void> {
    await Promise.all(
      personIds.flatMap((id) =>
        this.list.map((n) =>
          n.notify(id, notice, this.kind, deliveryKey && `${deliveryKey}/${id}`).catch(() => undefined),
        ),
      ),
    );
  }
}
