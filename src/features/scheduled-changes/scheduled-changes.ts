import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../services/access/domain/access.js';
import { AlreadyEnded, InvalidInput, NotAllowed, NotFound } from '../../domain/errors.js';
import { districtId } from '../../domain/ids.js';
import type { Entity, RoleAssignment } from '../../domain/model.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { NetworkLifecycleStore } from '../../services/lifecycle/domain/network-lifecycle.port.js';
import type { HubNotice } from '../../services/chat/notifiers.js';
import type { NetworkReviser } from '../../services/lifecycle/network-reviser.js';
import { berlinDay } from '../meetings/when.js';
import { districtsOfPerson, districtsOfRoles } from '../../services/reads/districts-of.js';
import {
  targetsOf,
  type ScheduledChange,
  type ScheduledMerger,
  type ScheduledRecordEnd,
  type ScheduledRoleEnd,
} from './domain/scheduled-change.js';
import type { ScheduledSummary } from './domain/scheduled-summary.js';
import type { ScheduledChangeStore } from './domain/scheduled-change-store.port.js';

// Changes that take effect on a later day: scheduled after every check the change itself would
// pass (a dry run of it, with the scheduler's rights), announced to the people it concerns,
// listed for the district coordination until the day, cancellable until then. Applying them on
// the day is DueChanges' part, which the timer runs.

/** How far ahead a change may be scheduled: a typo in the year is caught, a real plan is not. */
const MAX_YEARS_AHEAD = 2;

type Store = NetworkStore & { readonly lifecycle: NetworkLifecycleStore } & {
  readonly scheduledChanges: ScheduledChangeStore;
};

export class ScheduledChanges {
  constructor(
    private readonly store: Store,
    private readonly reviser: NetworkReviser,
    private readonly tell: (personIds: string[], notice: HubNotice) => Promise<void>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): string {
    return berlinDay(this.now());
  }

  /** Schedules the end of a role (with its successor) for a day after today; answers it with the role. */
  async scheduleRoleEnd(
    input: { roleId: string; effectiveOn: string; successorId: string | null },
    viewer: Viewer,
  ): Promise<{ change: ScheduledRoleEnd; role: RoleAssignment }> {
    const role = await this.checkRoleEnd(input, viewer);
    const change = await this.schedule<ScheduledRoleEnd>(
      {
        kind: 'endRole',
        roleId: role.id,
        personId: role.personId,
        role: role.role,
        scopeId: role.scopeId,
        successorId: input.successorId,
        effectiveOn: input.effectiveOn,
        districtAgs: [...(await districtsOfRoles(this.store, [role]))].sort(),
      },
      viewer,
    );
    return { change, role };
  }

  /**
   * Ends an alliance or institution on `until`: today or a day gone by at once, a later day
   * scheduled (checked now as if made then). With dryRun, checks and writes nothing.
   */
  async endRecord(
    input: { id: string; until?: string | null },
    viewer: Viewer,
    options: { dryRun?: boolean } = {},
  ): Promise<{ record: Entity; scheduled: ScheduledRecordEnd | null }> {
    const later = Boolean(input.until && input.until > this.today());
    if (!later || options.dryRun) {
      if (later) await this.checkDay(input.until!, [input.id]);
      const record = await this.reviser.endRecord(input, viewer, { dryRun: later || options.dryRun });
      return { record, scheduled: null };
    }
    await this.checkDay(input.until!, [input.id]);
    const record = await this.reviser.endRecord(input, viewer, { dryRun: true });
    const scheduled = await this.schedule<ScheduledRecordEnd>(
      {
        kind: 'endRecord',
        recordId: record.id,
        effectiveOn: input.until!,
        districtAgs: 'districtAgs' in record && record.districtAgs ? [record.districtAgs] : [],
      },
      viewer,
    );
    return { record: { ...record, until: null } as Entity, scheduled };
  }

  /**
   * Schedules a merger of towns, already checked by the merger as if made on its day (the merger
   * calls this for a day after today).
   */
  async scheduleMerger(
    input: Omit<ScheduledMerger, 'id' | 'kind' | 'scheduledBy' | 'scheduledAt' | 'state' | 'settledAt' | 'settledBy'>,
    viewer: Viewer,
  ): Promise<ScheduledMerger> {
    await this.checkDay(input.effectiveOn, [...input.townIds, ...(input.intoId ? [input.intoId] : [])]);
    return this.schedule<ScheduledMerger>({ kind: 'mergeMunicipalities', ...input }, viewer);
  }

  /** A day not too far ahead, and nothing else still to come for what the change acts on. */
  async checkDay(effectiveOn: string, targetIds: readonly string[]): Promise<void> {
    const latest = `${Number(this.today().slice(0, 4)) + MAX_YEARS_AHEAD}${this.today().slice(4)}`;
    if (effectiveOn > latest)
      throw new InvalidInput('until', `must lie within ${MAX_YEARS_AHEAD} years`, {
        field: 'Datum',
        problem: `liegt zu weit in der Zukunft (höchstens ${MAX_YEARS_AHEAD} Jahre voraus)`,
      });
    const [planned] = await this.store.scheduledChanges.upcomingChangesOf(targetIds);
    if (planned)
      throw new InvalidInput('until', `a change of this is scheduled for ${planned.effectiveOn} already`, {
        field: 'Datum',
        problem: `hierfür ist schon eine Änderung zum ${germanDay(planned.effectiveOn)} geplant; erst die absagen`,
      });
  }

  private async schedule<C extends ScheduledChange>(
    draft: DistributiveOmit<C, 'id' | 'scheduledBy' | 'scheduledAt' | 'state' | 'settledAt' | 'settledBy'>,
    viewer: Viewer,
  ): Promise<C> {
    const change = {
      ...draft,
      id: `scheduled:${randomUUID().slice(0, 8)}`,
      scheduledBy: viewer.personId,
      scheduledAt: this.now().toISOString(),
      state: 'SCHEDULED',
      settledAt: null,
      settledBy: null,
    } as unknown as C;
    await this.store.scheduledChanges.saveScheduledChange(change);
    await this.announce(change, viewer.personId);
    return change;
  }

  /** Everything scheduling the end would check (the day, the role, a change already planned, the change itself), writing nothing. */
  async checkRoleEnd(
    input: { roleId: string; effectiveOn: string; successorId: string | null },
    viewer: Viewer,
  ): Promise<RoleAssignment> {
    await this.checkDay(input.effectiveOn, [input.roleId]);
    const [role] = await this.store.lifecycle.rolesByIds([input.roleId]);
    if (!role) throw new NotFound('Role', input.roleId);
    if (role.until) throw new AlreadyEnded('Role', role.until);
    // Everything the change will check on the day, checked now with the scheduler's rights.
    await this.reviser.endRole({ id: role.id, until: input.effectiveOn }, input.successorId, viewer, { dryRun: true });
    return role;
  }

  /** What is scheduled in the viewer's districts (everywhere for admins), soonest first. */
  async upcoming(viewer: Viewer): Promise<ScheduledChange[]> {
    const districts = await this.districtsOf(viewer);
    return this.store.scheduledChanges.upcomingChanges(districts === 'all' ? undefined : [...districts]);
  }

  /** Takes a scheduled change back before its day; everyone told of it is told. */
  async cancel(
    id: string,
    viewer: Viewer,
    /** Checks and answers the change as cancelling would leave it, changing nothing and telling nobody. */
    options: { dryRun?: boolean } = {},
  ): Promise<ScheduledChange> {
    const change = await this.store.scheduledChanges.scheduledChangeById(id);
    const visible = change?.state === 'SCHEDULED' && (await this.upcoming(viewer)).some((c) => c.id === id);
    if (!change || !visible) throw new NotFound('ScheduledChange', id);
    const cancelled: ScheduledChange = {
      ...change,
      state: 'CANCELLED',
      settledAt: this.now().toISOString(),
      settledBy: viewer.personId,
    };
    if (options.dryRun) return cancelled;
    await this.store.scheduledChanges.saveScheduledChange(cancelled);
    const people = await this.concerned(change, viewer.personId);
    const [canceller] = await this.store.entitiesByIds([viewer.personId ?? change.scheduledAt]);
    const cancelledBy = viewer.personId ? (canceller?.name ?? '') : '';
    if (change.kind === 'endRole') {
      const [person] = await this.store.entitiesByIds([change.personId]);
      await this.tell(people, {
        type: 'roleEndCancelled',
        personName: person?.name ?? '',
        role: change.role,
        effectiveOn: change.effectiveOn,
        cancelledBy,
      });
    } else
      await this.tell(people, {
        type: 'changeCancelled',
        change: await this.summary(change),
        effectiveOn: change.effectiveOn,
        cancelledBy,
      });
    return cancelled;
  }

  /** Changes whose day has come (today or before: a hub that was down catches up). */
  due(): Promise<ScheduledChange[]> {
    return this.store.scheduledChanges.dueChanges(this.today());
  }

  async settle(change: ScheduledChange, state: 'APPLIED' | 'CANCELLED'): Promise<void> {
    await this.store.scheduledChanges.saveScheduledChange({
      ...change,
      state,
      settledAt: this.now().toISOString(),
      settledBy: null,
    });
  }

  private async announce(change: ScheduledChange, schedulerId: string | null): Promise<void> {
    if (change.kind !== 'endRole') {
      const people = await this.concerned(change, schedulerId);
      if (people.length)
        await this.tell(people, {
          type: 'changeScheduled',
          change: await this.summary(change),
          effectiveOn: change.effectiveOn,
        });
      return;
    }
    const [person, successor] = await this.store.entitiesByIds([
      change.personId,
      change.successorId ?? change.personId,
    ]);
    const notice = {
      type: 'roleEndScheduled' as const,
      personName: person?.name ?? '',
      role: change.role,
      effectiveOn: change.effectiveOn,
      successorName: change.successorId ? (successor?.name ?? null) : null,
    };
    await this.tell([change.personId], { ...notice, reader: 'leaver' });
    if (change.successorId) await this.tell([change.successorId], { ...notice, reader: 'successor' });
    const coordination = (await this.concerned(change, schedulerId)).filter(
      (id) => id !== change.personId && id !== change.successorId,
    );
    if (coordination.length) await this.tell(coordination, { ...notice, reader: 'coordination' });
  }

  /** A record end or merger in names, for the people told of it. */
  async summary(change: ScheduledRecordEnd | ScheduledMerger): Promise<ScheduledSummary> {
    if (change.kind === 'endRecord') {
      const [record] = await this.store.entitiesByIds([change.recordId]);
      return { kind: 'endRecord', recordName: record?.name ?? '' };
    }
    const ids = [...change.townIds, change.intoId ?? change.townIds[0]!, change.servedBy ?? change.townIds[0]!];
    const found = await this.store.entitiesByIds(ids);
    const name = (i: number) => found[i]?.name ?? '';
    return {
      kind: 'mergeMunicipalities',
      townNames: change.townIds.map((_id, i) => name(i)),
      intoName: change.intoId ? name(change.townIds.length) : (change.intoName ?? ''),
      servedByName: change.servedBy ? name(change.townIds.length + 1) : null,
    };
  }

  /**
   * Who a change concerns, but not `except`: the person and successor of a role end; the members,
   * contacts and linked people of an ending record; the KIK serving merging towns and the KIK named
   * to serve them; and always the Koordinationskraft of the change's districts.
   */
  private async concerned(change: ScheduledChange, except: string | null): Promise<string[]> {
    const scopes = change.districtAgs.map((ags) => districtId(ags));
    const inScopes = (await this.store.rolesInScopes(scopes)).flat();
    const coordination = inScopes.filter((r) => r.role === 'KOORDINATIONSKRAFT').map((r) => r.personId);
    const own: string[] = [];
    if (change.kind === 'endRole') own.push(change.personId, ...(change.successorId ? [change.successorId] : []));
    else {
      const targets = targetsOf(change);
      const [roles, links] = await Promise.all([this.store.rolesInScopes(targets), this.store.linksOf(targets)]);
      own.push(...roles.flat().map((r) => r.personId));
      const linked = links.flat().flatMap((l) => [l.fromId, l.toId]);
      own.push(...linked.filter((id) => id.startsWith('person:')));
      if (change.kind === 'mergeMunicipalities' && change.servedBy) own.push(change.servedBy);
    }
    return [...new Set([...own, ...coordination])].filter((id) => id !== except);
  }

  private async districtsOf(viewer: Viewer): Promise<Set<string> | 'all'> {
    if (viewer.access === 'ADMIN') return 'all';
    if (viewer.access === 'DISTRICT_COORDINATOR' || viewer.access === 'COORDINATOR') {
      if (!viewer.personId) return new Set(viewer.districtAgs ? [viewer.districtAgs] : []);
      return districtsOfPerson(this.store, viewer.personId, viewer.districtAgs);
    }
    throw new NotAllowed('see scheduled changes', 'keine geplanten Änderungen sehen');
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function germanDay(day: string): string {
  return day.split('-').reverse().join('.');
}
