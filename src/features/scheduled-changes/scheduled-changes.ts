import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../services/access/domain/access.js';
import { AlreadyEnded, InvalidInput, NotAllowed, NotFound } from '../../domain/errors.js';
import { districtId } from '../../domain/ids.js';
import type { RoleAssignment } from '../../domain/model.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { NetworkLifecycleStore } from '../../services/lifecycle/domain/network-lifecycle.port.js';
import type { HubNotice } from '../../services/chat/notifiers.js';
import type { NetworkReviser } from '../../services/lifecycle/network-reviser.js';
import { berlinDay } from '../meetings/when.js';
import { districtsOfPerson, districtsOfRoles } from '../../services/reads/districts-of.js';
import type { ScheduledChange } from './domain/scheduled-change.js';
import type { ScheduledChangeStore } from './domain/scheduled-change-store.port.js';

// Changes that take effect on a later day: scheduled after every check the change itself would
// pass (a dry run of it, with the scheduler's rights), announced to the people it concerns,
// listed for the district coordination until the day, cancellable until then. Applying them on
// the day is the handover's part (Handover.applyDue), which the timer runs.

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
  ): Promise<{ change: ScheduledChange; role: RoleAssignment }> {
    const role = await this.checkRoleEnd(input, viewer);
    const change: ScheduledChange = {
      id: `scheduled:${randomUUID().slice(0, 8)}`,
      kind: 'endRole',
      roleId: role.id,
      personId: role.personId,
      role: role.role,
      scopeId: role.scopeId,
      successorId: input.successorId,
      effectiveOn: input.effectiveOn,
      districtAgs: [...(await districtsOfRoles(this.store, [role]))].sort(),
      scheduledBy: viewer.personId,
      scheduledAt: this.now().toISOString(),
      state: 'SCHEDULED',
      settledAt: null,
      settledBy: null,
    };
    await this.store.scheduledChanges.saveScheduledChange(change);
    await this.announce(change, viewer.personId);
    return { change, role };
  }

  /** Everything scheduling the end would check (the day, the role, a change already planned, the change itself), writing nothing. */
  async checkRoleEnd(
    input: { roleId: string; effectiveOn: string; successorId: string | null },
    viewer: Viewer,
  ): Promise<RoleAssignment> {
    const latest = `${Number(this.today().slice(0, 4)) + MAX_YEARS_AHEAD}${this.today().slice(4)}`;
    if (input.effectiveOn > latest)
      throw new InvalidInput('until', `must lie within ${MAX_YEARS_AHEAD} years`, {
        field: 'Datum',
        problem: `liegt zu weit in der Zukunft (höchstens ${MAX_YEARS_AHEAD} Jahre voraus)`,
      });
    const [role] = await this.store.lifecycle.rolesByIds([input.roleId]);
    if (!role) throw new NotFound('Role', input.roleId);
    if (role.until) throw new AlreadyEnded('Role', role.until);
    const planned = (await this.store.scheduledChanges.upcomingChanges()).find((c) => c.roleId === role.id);
    if (planned)
      throw new InvalidInput('until', `this role's end is scheduled for ${planned.effectiveOn} already`, {
        field: 'Datum',
        problem: `das Ende dieser Rolle ist schon zum ${germanDay(planned.effectiveOn)} geplant; erst das absagen`,
      });
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
  async cancel(id: string, viewer: Viewer): Promise<ScheduledChange> {
    const change = await this.store.scheduledChanges.scheduledChangeById(id);
    const visible = change?.state === 'SCHEDULED' && (await this.upcoming(viewer)).some((c) => c.id === id);
    if (!change || !visible) throw new NotFound('ScheduledChange', id);
    const cancelled: ScheduledChange = {
      ...change,
      state: 'CANCELLED',
      settledAt: this.now().toISOString(),
      settledBy: viewer.personId,
    };
    await this.store.scheduledChanges.saveScheduledChange(cancelled);
    const [person, canceller] = await this.store.entitiesByIds([change.personId, viewer.personId ?? change.personId]);
    const people = await this.concerned(change, viewer.personId);
    await this.tell(people, {
      type: 'roleEndCancelled',
      personName: person?.name ?? '',
      role: change.role,
      effectiveOn: change.effectiveOn,
      cancelledBy: viewer.personId ? (canceller?.name ?? '') : '',
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

  /** The person, the successor and the Koordinationskraft of the change's districts, but not `except`. */
  private async concerned(change: ScheduledChange, except: string | null): Promise<string[]> {
    const scopes = change.districtAgs.map((ags) => districtId(ags));
    const inScopes = (await this.store.rolesInScopes(scopes)).flat();
    const coordination = inScopes.filter((r) => r.role === 'KOORDINATIONSKRAFT').map((r) => r.personId);
    const people = [change.personId, ...(change.successorId ? [change.successorId] : []), ...coordination];
    return [...new Set(people)].filter((id) => id !== except);
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

function germanDay(day: string): string {
  return day.split('-').reverse().join('.');
}
