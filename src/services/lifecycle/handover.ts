import type { Viewer } from '../access/domain/access.js';
import type { RoleAssignment } from '../../domain/model.js';
import type { MeetingStore, NetworkWriteStore, RequestStore } from '../../domain/ports/graph-store.port.js';
import type { MinutesStore } from '../../features/minutes/domain/minutes-store.port.js';
import { isClosed } from '../../features/requests/domain/requests.js';
import type { HandedOverWork } from './domain/lifecycle-notices.js';
import type { NetworkWriter } from '../writes/network-writer.js';
import type { PersonInput } from '../writes/inputs.js';
import type { ScheduledRoleEnd } from '../../features/scheduled-changes/domain/scheduled-change.js';
import type { ScheduledChanges } from '../../features/scheduled-changes/scheduled-changes.js';
import { districtId, newAuditId } from '../../domain/ids.js';
import { isCoordinatingRole } from '../../domain/model.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { MeetingPlanner } from '../../features/meetings/meetings.js';
import type { Minutes } from '../../features/minutes/minutes.js';
import type { NetworkReviser, RoleEnding } from './network-reviser.js';
import type { RequestRouter } from '../../features/requests/request-router.js';

// When a KIK's or Koordinationskraft's role ends, no work is orphaned: their open requests, the
// meetings they organise and their open action items go to the named successor, or to the district's Koordinationskraft
// when none is named, and everyone affected is told in chat.

export interface HandoverResult extends RoleEnding {
  /** Who took the work over: the successor, or the district's Koordinationskraft; null when nobody could. */
  receiverId: string | null;
  requestIds: string[];
  meetingIds: string[];
  taskIds: string[];
  /** Set when the role ends on a later day: the change is scheduled, and nothing has moved yet. */
  scheduled: ScheduledRoleEnd | null;
  /** A preview: nothing changed (see Handover.preview). */
  dryRun?: boolean;
  /** Who was or would be told. */
  told?: string[];
}

/** What ending a role would do (see Handover.preview). */
export interface HandoverPreview {
  role: RoleAssignment;
  until: string;
  /** The day lies after today: confirming schedules it. */
  scheduled: boolean;
  successorId: string | null;
  receiverId: string | null;
  work: HandedOverWork;
  requestIds: string[];
  meetingIds: string[];
  taskIds: string[];
  /** Who would be told. */
  told: string[];
}

export class Handover {
  constructor(
    private readonly store: NetworkStore & { readonly requests: RequestStore } & { readonly meetings: MeetingStore } & {
      readonly minutes: MinutesStore;
    } & { readonly writes: Pick<NetworkWriteStore, 'appendAudit' | 'auditOf'> },
    private readonly reviser: NetworkReviser,
    private readonly requests: RequestRouter,
    private readonly meetings: MeetingPlanner,
    private readonly minutes: Minutes,
    private readonly scheduled: ScheduledChanges,
    private readonly writer: NetworkWriter,
  ) {}

  /**
   * Ends a role with a successor not yet in the network: checked first without them (rights,
   * rules, the day), then the successor is added with the rules of addPerson and takes over.
   */
  async endRoleWithNewSuccessor(
    input: { id: string; until?: string | null },
    successor: PersonInput,
    actor: Viewer,
  ): Promise<HandoverResult & { successorId: string }> {
    await this.preview(input, null, actor);
    const person = await this.writer.addPerson(successor, actor);
    return { ...(await this.endRole(input, person.id, actor)), successorId: person.id };
  }

  /**
   * Ends a role on `until` (today by default) and hands its open work over; a day after today
   * schedules it instead (checked now, applied by `applyDue` on the day, cancellable until then).
   */
  async endRole(
    input: { id: string; until?: string | null },
    successorId: string | null,
    actor: Viewer,
  ): Promise<HandoverResult> {
    if (input.until && input.until > this.scheduled.today()) {
      const { change, role } = await this.scheduled.scheduleRoleEnd(
        { roleId: input.id, effectiveOn: input.until, successorId },
        actor,
      );
      const receiverId = isCoordinatingRole(role.role)
        ? (successorId ?? (await this.districtCoordination(role.scopeId, role.personId)))
        : null;
      return {
        ended: { ...role, until: input.until },
        until: input.until,
        successor: null,
        takenOver: [],
        receiverId,
        requestIds: [],
        meetingIds: [],
        taskIds: [],
        scheduled: change,
      };
    }
    const ending = await this.reviser.endRole(input, successorId, actor);
    const { ended } = ending;
    const nothing = { receiverId: null, requestIds: [], meetingIds: [], taskIds: [], scheduled: null };
    if (!isCoordinatingRole(ended.role)) return { ...ending, ...nothing };
    const receiverId = ending.successor?.personId ?? (await this.districtCoordination(ended.scopeId, ended.personId));
    if (!receiverId) return { ...ending, ...nothing };
    const [receiver, leaver] = await this.store.entitiesByIds([receiverId, ended.personId]);
    const receiverName = receiver?.name ?? receiverId;
    const requests = await this.requests.handOver(ended.personId, receiverId, receiverName);
    const meetings = await this.meetings.handOver(ended.personId, receiverId, receiverName);
    const tasks = await this.minutes.handOver(ended.personId, receiverId);
    const work = { requests: requests.length, meetings: meetings.length, tasks: tasks.length };
    // What moved, so taking the role end back routes exactly this work back (issue 34).
    if (requests.length + meetings.length + tasks.length > 0)
      await this.store.writes.appendAudit({
        id: newAuditId(),
        at: new Date().toISOString(),
        actorId: actor.personId,
        action: 'workHandedOver',
        subjectIds: [ended.id, ended.personId, receiverId],
        details: {
          roleId: ended.id,
          fromId: ended.personId,
          toId: receiverId,
          requestIds: requests.map((r) => r.id),
          meetingIds: meetings.map((m) => m.id),
          taskIds: tasks.map((t) => t.id),
        },
      });
    const role = ended.role;
    const until = ending.until;
    const leaverName = leaver?.name ?? ended.personId;
    await this.meetings.tell([receiverId], { type: 'workTakenOver', leaverName, role, until, work });
    await this.meetings.tell([ended.personId], { type: 'roleEnded', receiverName, role, until, work });
    return {
      ...ending,
      receiverId,
      requestIds: requests.map((r) => r.id),
      meetingIds: meetings.map((m) => m.id),
      taskIds: tasks.map((t) => t.id),
      scheduled: null,
    };
  }

  /**
   * Routes the work handed over with a role end back to the one who held the role, when the end
   * is taken back: only what moved then and still lies with the receiver. The requesters, the
   * invitees and both people are told, as they were when it moved.
   */
  async routeBack(roleIds: readonly string[], since: string, dryRun = false): Promise<HandedOverWork> {
    const moved = (await Promise.all(roleIds.map((id) => this.store.writes.auditOf(id, 20))))
      .flat()
      .filter((e) => e.action === 'workHandedOver' && e.at >= since);
    const total = { requests: 0, meetings: 0, tasks: 0 };
    for (const entry of moved) {
      const d = entry.details as {
        fromId: string;
        toId: string;
        requestIds: string[];
        meetingIds: string[];
        taskIds: string[];
      };
      if (dryRun) {
        total.requests += d.requestIds.length;
        total.meetings += d.meetingIds.length;
        total.tasks += d.taskIds.length;
        continue;
      }
      const [leaver] = await this.store.entitiesByIds([d.fromId]);
      const requests = await this.requests.handOver(d.toId, d.fromId, leaver?.name ?? '', new Set(d.requestIds));
      const meetings = await this.meetings.handOver(d.toId, d.fromId, leaver?.name ?? '', new Set(d.meetingIds));
      const tasks = await this.minutes.handOver(d.toId, d.fromId, new Set(d.taskIds));
      total.requests += requests.length;
      total.meetings += meetings.length;
      total.tasks += tasks.length;
      const count = `${requests.length} Anfrage(n), ${meetings.length} Treffen, ${tasks.length} Aufgabe(n)`;
      const countEn = `${requests.length} request(s), ${meetings.length} meeting(s), ${tasks.length} task(s)`;
      await this.meetings.tell([d.fromId], {
        type: 'plain',
        de: `Das Ende Ihrer Rolle wurde zurückgenommen; Ihre Arbeit liegt wieder bei Ihnen: ${count}.`,
        en: `The end of your role was taken back; your work is with you again: ${countEn}.`,
      });
      await this.meetings.tell([d.toId], {
        type: 'plain',
        de: `Das Rollenende von ${leaver?.name ?? ''} wurde zurückgenommen; die übernommene Arbeit ging an ${leaver?.name ?? ''} zurück: ${count}.`,
        en: `The role end of ${leaver?.name ?? ''} was taken back; the work you took over went back to them: ${countEn}.`,
      });
    }
    return total;
  }

  /**
   * What ending the role would do, checked as the change itself (a dry run with the actor's
   * rights) and nothing written: the role, who would take the work, how much would move, who
   * would be told. A later day would schedule it instead.
   */
  async preview(
    input: { id: string; until?: string | null },
    successorId: string | null,
    actor: Viewer,
  ): Promise<HandoverPreview> {
    const scheduled = Boolean(input.until && input.until > this.scheduled.today());
    if (scheduled)
      await this.scheduled.checkRoleEnd({ roleId: input.id, effectiveOn: input.until!, successorId }, actor);
    const ending = await this.reviser.endRole(input, successorId, actor, { dryRun: true });
    const { ended } = ending;
    const receiverId = isCoordinatingRole(ended.role)
      ? (successorId ?? (await this.districtCoordination(ended.scopeId, ended.personId)))
      : null;
    const leaver = ended.personId;
    const now = new Date().toISOString();
    const [requests, meetings, tasks] = isCoordinatingRole(ended.role)
      ? await Promise.all([
          this.store.requests
            .requestsOf(leaver, 1000)
            .then((all) => all.filter((r) => r.handlerId === leaver && !isClosed(r))),
          this.store.meetings
            .meetingsOf([leaver], now, '9999-12-31T00:00:00.000Z')
            .then((all) => all.filter((m) => m.organiserId === leaver && m.state === 'SCHEDULED')),
          this.store.minutes.openActionItems(leaver),
        ])
      : [[], [], []];
    return {
      role: ended,
      until: ending.until,
      scheduled,
      successorId,
      receiverId,
      work: { requests: requests.length, meetings: meetings.length, tasks: tasks.length },
      requestIds: requests.map((r) => r.id),
      meetingIds: meetings.map((m) => m.id),
      taskIds: tasks.map((t) => t.id),
      told: [...new Set([leaver, ...(receiverId ? [receiverId] : [])])],
    };
  }

  /** The Koordinationskraft of the district the role was held in, unless it is the one leaving. */
  private async districtCoordination(scopeId: string | null, leaverId: string): Promise<string | null> {
    if (!scopeId) return null;
    const [scope] = await this.store.entitiesByIds([scopeId]);
    const ags = scope?.kind === 'District' ? scope.ags : scope && 'districtAgs' in scope ? scope.districtAgs : null;
    if (!ags) return null;
    const [roles] = await this.store.rolesInScopes([districtId(ags)]);
    return (roles ?? []).find((r) => r.role === 'KOORDINATIONSKRAFT' && r.personId !== leaverId)?.personId ?? null;
  }
}
