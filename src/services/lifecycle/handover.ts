import type { Viewer } from '../access/domain/access.js';
import { districtId } from '../../domain/ids.js';
import { isCoordinatingRole } from '../../domain/model.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { MeetingPlanner } from '../meetings/meetings.js';
import type { Minutes } from '../../features/minutes/minutes.js';
import type { NetworkReviser, RoleEnding } from './network-reviser.js';
import type { RequestRouter } from '../requests/request-router.js';

// When a KIK's or Koordinationskraft's role ends, no work is orphaned: their open requests, the
// meetings they organise and their open action items go to the named successor, or to the district's Koordinationskraft
// when none is named, and everyone affected is told in chat.

export interface HandoverResult extends RoleEnding {
  /** Who took the work over: the successor, or the district's Koordinationskraft; null when nobody could. */
  receiverId: string | null;
  requestIds: string[];
  meetingIds: string[];
  taskIds: string[];
}

export class Handover {
  constructor(
    private readonly store: NetworkStore,
    private readonly reviser: NetworkReviser,
    private readonly requests: RequestRouter,
    private readonly meetings: MeetingPlanner,
    private readonly minutes: Minutes,
  ) {}

  async endRole(
    input: { id: string; until?: string | null },
    successorId: string | null,
    actor: Viewer,
  ): Promise<HandoverResult> {
    const ending = await this.reviser.endRole(input, successorId, actor);
    const { ended } = ending;
    if (!isCoordinatingRole(ended.role))
      return { ...ending, receiverId: null, requestIds: [], meetingIds: [], taskIds: [] };
    const receiverId = ending.successor?.personId ?? (await this.districtCoordination(ended.scopeId, ended.personId));
    if (!receiverId) return { ...ending, receiverId: null, requestIds: [], meetingIds: [], taskIds: [] };
    const [receiver, leaver] = await this.store.entitiesByIds([receiverId, ended.personId]);
    const receiverName = receiver?.name ?? receiverId;
    const requests = await this.requests.handOver(ended.personId, receiverId, receiverName);
    const meetings = await this.meetings.handOver(ended.personId, receiverId, receiverName);
    const tasks = await this.minutes.handOver(ended.personId, receiverId);
    const work = { requests: requests.length, meetings: meetings.length, tasks: tasks.length };
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
