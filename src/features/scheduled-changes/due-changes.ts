import { AlreadyEnded, NotFound } from '../../domain/errors.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import { SYSTEM } from '../../services/access/domain/authorization.js';
import type { Handover } from '../../services/lifecycle/handover.js';
import type { NetworkReviser } from '../../services/lifecycle/network-reviser.js';
import type { RecordMerger } from '../../services/lifecycle/record-merger.js';
import type { ScheduledChange } from './domain/scheduled-change.js';
import type { ScheduledChanges } from './scheduled-changes.js';

// Applies the changes whose day has come, run by the timer of the instance that holds the lease.

export class DueChanges {
  constructor(
    private readonly store: NetworkStore,
    private readonly scheduled: ScheduledChanges,
    private readonly handover: Handover,
    private readonly reviser: NetworkReviser,
    private readonly merger: RecordMerger,
  ) {}

  /**
   * Applies each due change once: a role or record already ended, towns already merged into the
   * target, are not changed again (a run interrupted after the change is settled by the next);
   * one whose subject is gone is cancelled. Answers how many were applied; one that fails for
   * another reason stays scheduled for the next run, and the others still go ahead.
   */
  async apply(): Promise<number> {
    let applied = 0;
    let failure: unknown = null;
    for (const change of await this.scheduled.due()) {
      try {
        await this.applyOne(change);
      } catch (error) {
        if (error instanceof NotFound && !(await this.mergedAlready(change))) {
          await this.scheduled.settle(change, 'CANCELLED');
          continue;
        }
        if (!(error instanceof AlreadyEnded) && !(error instanceof NotFound)) {
          failure ??= error;
          continue;
        }
      }
      await this.scheduled.settle(change, 'APPLIED');
      applied++;
    }
    if (failure) throw failure;
    return applied;
  }

  private async applyOne(change: ScheduledChange): Promise<void> {
    const until = change.effectiveOn;
    if (change.kind === 'endRole')
      await this.handover.endRole({ id: change.roleId, until }, change.successorId, SYSTEM);
    else if (change.kind === 'endRecord') await this.reviser.endRecord({ id: change.recordId, until }, SYSTEM);
    else
      await this.merger.mergeMunicipalities(
        change.townIds,
        { id: change.intoId, name: change.intoName, ags: change.intoAgs },
        SYSTEM,
        change.servedBy,
        { on: until },
      );
  }

  /** The towns of a merger ended on its day, merged into one: it was applied before a crash. */
  private async mergedAlready(change: ScheduledChange): Promise<boolean> {
    if (change.kind !== 'mergeMunicipalities') return false;
    const towns = await this.store.entitiesByIds(change.townIds);
    return towns.every((t) => t?.kind === 'Municipality' && t.until === change.effectiveOn && Boolean(t.mergedInto));
  }
}
