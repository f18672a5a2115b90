import type { NotificationKind } from '../../features/notifications/domain/notifications.js';
import type { CoordinationStore } from '../../domain/ports/graph-store.port.js';
import { Notifiers, type Notifier } from './notifiers.js';
import { PendingNotices, type Notice } from './pending-notices.js';

// What every service that tells people shares: the transports registered to deliver (chat, mail),
// and the notices written with a change and handed on once, also after a crash (PendingNotices).
// A service extends it and tells through `this.notices` (with a change) or `this.notifiers`.

export abstract class Telling<N extends Notifier = Notifier> {
  protected readonly notifiers: Notifiers<N>;
  protected readonly notices: PendingNotices;

  protected constructor(
    store: { readonly coordination: CoordinationStore },
    kind: NotificationKind,
    now: () => Date,
    /** How one written notice reaches the transports; to everyone registered by default. */
    handOn?: (notice: Notice, deliveryKey: string) => Promise<void>,
  ) {
    this.notifiers = new Notifiers<N>(kind);
    this.notices = new PendingNotices(
      store,
      kind,
      handOn ?? ((notice, deliveryKey) => this.notifiers.tell([notice.personId], notice.notice, deliveryKey)),
      now,
    );
  }

  /** Transports register here to deliver messages to the people they know. */
  addNotifier(notifier: N): void {
    this.notifiers.add(notifier);
  }

  removeNotifier(notifier: N): void {
    this.notifiers.remove(notifier);
  }

  /** Hands on the notices a crash or outage left between a change and its delivery. */
  deliverLeftNotices(): Promise<number> {
    return this.notices.deliverLeft();
  }
}
