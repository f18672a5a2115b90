import { randomUUID } from 'node:crypto';
import type { CoordinationStore, StateEntry } from '../../domain/ports/graph-store.port.js';
import type { NotificationKind } from '../../features/notifications/domain/notifications.js';
import type { HubNotice } from './notifiers.js';
import { STATE, type StateKey } from '../../domain/ports/state-slots.js';

// Notices of a change are written in the same transaction as the change (as shared state
// `notice:<kind>:…`), then handed to the transports and deleted. What a crash or an outage kept
// from being handed on is found later by the timers (`deliverLeft`) and handed on again, with
// the same delivery key: a transport that already delivered it (a crash between its send and the
// deletion) sends it under the same key, which its server keeps as one message (issue 36: a
// notice claimed before a crash was lost for good).

export interface Notice {
  personId: string;
  notice: HubNotice;
  /** An invitation to, or a change of, this meeting (transports add their calendar entry). */
  meeting?: { id: string; as: 'invitation' | 'update' };
}

/** A notice as stored before notices were typed: its text in both languages. */
interface WrittenBefore {
  personId: string;
  message: { de: string; en: string };
  meeting?: Notice['meeting'];
}

const typed = (value: Notice | WrittenBefore): Notice =>
  'notice' in value
    ? value
    : {
        personId: value.personId,
        notice: { type: 'plain', de: value.message.de, en: value.message.en },
        ...(value.meeting ? { meeting: value.meeting } : {}),
      };

/** Notices younger than this are being handed on by the instance that wrote them. */
const LEFT_AFTER_MS = 30_000;

export class PendingNotices {
  private readonly prefix: StateKey;
  private readonly kind: NotificationKind;

  constructor(
    private readonly store: { readonly coordination: CoordinationStore },
    kind: NotificationKind,
    /** Gives one notice to every transport (the service's notifiers), under a key that stays the same on a repeat. */
    private readonly handTo: (notice: Notice, deliveryKey: string) => Promise<void>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.prefix = STATE.notice.within(kind);
    this.kind = kind;
  }

  /** The notices as state entries, to be written with the change. */
  entries(notices: readonly Notice[]): StateEntry[] {
    const at = this.now().toISOString();
    return notices.map((value) => STATE.notice.entry(value, this.kind, at, randomUUID()));
  }

  /** Hands the notices of a committed change to the transports, each once. */
  async deliver(entries: readonly StateEntry[]): Promise<void> {
    for (const entry of entries) await this.handOn(entry.key, entry.value as Notice);
  }

  /** Hands on what was left (a crash between the change and its notices); answers how many. */
  async deliverLeft(): Promise<number> {
    const cutoff = this.now().getTime() - LEFT_AFTER_MS;
    let delivered = 0;
    for (const { key, value } of await this.store.coordination.listState<Notice | WrittenBefore>(this.prefix)) {
      const at = Date.parse(key.slice(this.prefix.length, this.prefix.length + 24));
      if (at > cutoff) continue;
      if (await this.handOn(key, typed(value))) delivered++;
    }
    return delivered;
  }

  private async handOn(key: StateKey, notice: Notice): Promise<boolean> {
    await this.handTo(notice, key);
    await this.store.coordination.deleteState(key);
    return true;
  }
}
