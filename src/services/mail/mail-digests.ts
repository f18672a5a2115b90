import { randomUUID } from 'node:crypto';
import type { Digest, NotificationKind } from '../../features/notifications/domain/notifications.js';
import type { CoordinationStore } from '../../domain/ports/graph-store.port.js';
import { berlinInstant, berlinWallTime } from '../../features/meetings/when.js';
import { CLAIMS, STATE, type StateKey } from '../../domain/ports/state-slots.js';

// Mails for people who chose a digest wait here (shared state `mail-digest:<person>:…`) and go
// out as one mail at 7:00 Berlin time: every day, or on Mondays, with what came until then.
// Each digest is claimed per person and period, so it goes out once.

export interface DigestItem {
  at: string;
  kind: NotificationKind;
  /** The notification as the person reads it (links included). */
  text: string;
}

const SEND_HOUR = 7;

export class MailDigests {
  constructor(
    private readonly store: { readonly coordination: CoordinationStore },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async collect(personId: string, kind: NotificationKind, text: string): Promise<void> {
    const at = this.now().toISOString();
    await this.store.coordination.setState(STATE.mailDigest.key(personId, at, randomUUID()), {
      at,
      kind,
      text,
    } satisfies DigestItem);
  }

  /**
   * The people whose digest is due now with what it holds; `scheduleOf` says each person's choice.
   * `sent` must be called with the keys once the digest mail is queued.
   */
  async due(
    scheduleOf: (personId: string) => Promise<Digest>,
  ): Promise<{ personId: string; items: DigestItem[]; keys: StateKey[] }[]> {
    const byPerson = new Map<string, { key: StateKey; value: DigestItem }[]>();
    for (const entry of await this.store.coordination.listState<DigestItem>(STATE.mailDigest.within())) {
      const personId = STATE.mailDigest.rest(entry.key).split(':').slice(0, -4).join(':');
      byPerson.set(personId, [...(byPerson.get(personId) ?? []), entry]);
    }
    const due: { personId: string; items: DigestItem[]; keys: StateKey[] }[] = [];
    for (const [personId, entries] of byPerson) {
      const schedule = await scheduleOf(personId);
      const cut = this.cutOff(schedule === 'WEEKLY' ? 'WEEKLY' : 'DAILY');
      const ready = schedule === 'NONE' ? entries : entries.filter((e) => Date.parse(e.value.at) < cut.getTime());
      if (ready.length === 0) continue;
      if (!(await this.store.coordination.claimOnce(CLAIMS.mailDigestSent.key(personId, cut.toISOString())))) continue;
      due.push({ personId, items: ready.map((e) => e.value), keys: ready.map((e) => e.key) });
    }
    return due;
  }

  async sent(keys: readonly StateKey[]): Promise<void> {
    await Promise.all(keys.map((key) => this.store.coordination.deleteState(key)));
  }

  /** The last 7:00 (daily) or Monday 7:00 (weekly) in Berlin that has passed. */
  private cutOff(schedule: 'DAILY' | 'WEEKLY'): Date {
    const now = this.now();
    const wall = berlinWallTime(now);
    let day = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
    if (wall.hour < SEND_HOUR) day = new Date(day.getTime() - 86_400_000);
    if (schedule === 'WEEKLY') day = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
    const cut = berlinInstant({
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
      day: day.getUTCDate(),
      hour: SEND_HOUR,
      minute: 0,
    });
    return cut;
  }
}
