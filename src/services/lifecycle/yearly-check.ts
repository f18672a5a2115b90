import type { Analytics } from '../analysis/analytics.js';
import type { ChatIdentities } from '../chat/chat-identities.js';
import { Notifiers, type Notifier } from '../chat/notifiers.js';
import { CLAIMS, type StateKey } from '../../domain/ports/state-slots.js';

// Kept current by the people in it: whoever holds a role and whose entry nobody changed or
// confirmed for a year is asked once, in chat, to check it (until they change or confirm it,
// after which the year starts again).

export class YearlyCheck {
  private readonly notifiers = new Notifiers<Notifier>('network');

  constructor(
    private readonly analytics: Analytics,
    private readonly identities: ChatIdentities,
    private readonly claimOnce: (key: StateKey) => Promise<boolean>,
  ) {}

  addNotifier(notifier: Notifier): void {
    this.notifiers.add(notifier);
  }

  removeNotifier(notifier: Notifier): void {
    this.notifiers.remove(notifier);
  }

  /** Asks the people who can be reached in chat and whose entry is due, each once per unchecked period. Returns how many. */
  async askDue(): Promise<number> {
    const reachable = await this.identities.linkedPeople();
    let asked = 0;
    for (const { id, checkedAt } of await this.analytics.unconfirmedPeople(null)) {
      if (!reachable.has(id) || !(await this.claimOnce(CLAIMS.yearlyCheck.key(id, checkedAt ?? 'never')))) continue;
      asked++;
      await this.notifiers.tell([id], { type: 'entryCheckDue' });
    }
    return asked;
  }
}
