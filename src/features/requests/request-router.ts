import { routedNote } from './domain/hop-notes.js';
import { createHash, randomUUID } from 'node:crypto';
import { failpoint } from '../../domain/failpoints.js';
import type { Viewer } from '../../services/access/domain/access.js';
import { NotAllowed, NotFound } from '../../domain/errors.js';
import { districtId } from '../../domain/ids.js';
import type { CoordinationStore, NetworkStore, RequestStore } from '../../domain/ports/graph-store.port.js';
import {
  isClosed,
  mayForward,
  REQUEST_TEXT_MAX,
  RequestChanged,
  RequestClosed,
  RequestNotYours,
  RequestRouteRefused,
  type HopKind,
  type HubRequest,
  type RequestLevel,
  type RequestState,
} from './domain/requests.js';
import type { NameIndex } from '../../services/reads/name-index.js';
import type { NetworkEvents } from '../../services/reads/network-events.js';
import type { HubNotice } from '../../services/chat/notifiers.js';
import type { Notice } from '../../services/chat/pending-notices.js';
import { cleanText, SEARCHED_NAME } from '../../domain/text.js';
import { Telling } from '../../services/chat/telling.js';
import { aboutOf, firstHandler, resolvePlace, resolveTopic, subjectOf, targetKind } from './request-lookups.js';

// Files requests and moves them through the district coordination. The rules of who may pass a
// request where live in domain/requests.ts; this service reads the facts, records every hop,
// tells the people involved, and moves unanswered requests up a level when their time is up.

export interface RequestSettings {
  escalateAfterHours: number;
}

/** Who is told of a change is written with the change (nothing lost between the two). */
export class RequestRouter extends Telling {
  constructor(
    private readonly store: NetworkStore & { readonly requests: RequestStore } & {
      readonly coordination: CoordinationStore;
    },
    private readonly names: NameIndex,
    private readonly settings: RequestSettings,
    private readonly events?: NetworkEvents,
    private readonly now: () => Date = () => new Date(),
  ) {
    super(store, 'requests', now);
  }

  async file(
    input: { place: string; topic: string | null; text: string },
    viewer: Viewer,
    /**
     * origin: the chat message it was asked in. The request's id comes from it, so filing again for
     * the same message (a crash between the commit and the answer) answers the request filed then.
     */
    options: { origin?: string } = {},
  ): Promise<HubRequest> {
    if (!viewer.personId)
      throw new NotAllowed('file requests without a linked account', 'Anfragen nur mit verknüpftem Konto stellen');
    const id = options.origin
      ? `request:${createHash('sha256').update(options.origin).digest('hex').slice(0, 8)}`
      : `request:${randomUUID().slice(0, 8)}`;
    const filedBefore = options.origin ? await this.store.requests.requestById(id) : null;
    if (filedBefore?.requesterId === viewer.personId) return filedBefore;
    const text = cleanText(input.text, { field: 'text', fieldDe: 'Text', max: REQUEST_TEXT_MAX, multiline: true });
    const { municipality, district } = await resolvePlace(
      this.store,
      this.names,
      cleanText(input.place, SEARCHED_NAME('place', 'Ort')),
    );
    const topicId = input.topic ? await resolveTopic(this.names, input.topic) : null;
    const { handlerId, level } = await firstHandler(this.store, municipality, district);
    const at = this.now().toISOString();
    const request: HubRequest = {
      id,
      requesterId: viewer.personId,
      municipalityId: municipality?.id ?? null,
      districtAgs: district.ags,
      topicId,
      text,
      state: 'ROUTED',
      level,
      handlerId,
      hops: [
        { at, kind: 'FILED', fromId: viewer.personId, toId: null, note: null },
        {
          at,
          kind: 'ROUTED',
          fromId: null,
          toId: handlerId,
          note: routedNote(level === 'KIK' ? 'KIK' : 'KOORDINATIONSKRAFT'),
        },
      ],
      createdAt: at,
      escalateAt: this.escalationTime(level),
      version: 1,
    };
    const place = municipality?.name ?? district.name;
    const about = await aboutOf(this.store, request);
    return this.route(request, { type: 'requestFiled', requestId: request.id, place, about, text });
  }

  /** Saves a new request with the notice to its first handler, and says it was routed. */
  private async route(request: HubRequest, notice: HubNotice): Promise<HubRequest> {
    if (!(await this.save(request, [{ personId: request.handlerId, notice }]))) throw new RequestChanged();
    this.events?.publish({
      action: 'requestRouted',
      subjectIds: [request.id, request.requesterId, request.handlerId],
      at: request.createdAt,
      touched: { entityIds: [], requestIds: [request.id] },
    });
    return request;
  }

  /**
   * Asks for an advice offer: a request of kind ADVICE to whoever offers it (while they still hold
   * their role; otherwise to the district's Koordinationskraft), then routed like any other.
   */
  async fileAdvice(
    offer: { id: string; title: string; providerId: string; districtAgs: string },
    input: string,
    viewer: Viewer,
  ): Promise<HubRequest> {
    if (!viewer.personId)
      throw new NotAllowed('ask for advice without a linked account', 'Beratung nur mit verknüpftem Konto anfragen');
    const text = cleanText(input, { field: 'text', fieldDe: 'Text', max: REQUEST_TEXT_MAX, multiline: true });
    const [roles] = await this.store.rolesOfPersons([offer.providerId]);
    const providerRole = roles?.find((r) => r.role === 'KIK' || r.role === 'KOORDINATIONSKRAFT');
    const [district] = await this.store.districtsByAgs([offer.districtAgs]);
    if (!district) throw new NotFound('District', offer.districtAgs);
    const { handlerId, level } = providerRole
      ? {
          handlerId: offer.providerId,
          level: providerRole.role === 'KIK' ? ('KIK' as const) : ('KOORDINATIONSKRAFT' as const),
        }
      : await firstHandler(this.store, null, district);
    const at = this.now().toISOString();
    const request: HubRequest = {
      id: `request:${randomUUID().slice(0, 8)}`,
      requesterId: viewer.personId,
      municipalityId: null,
      districtAgs: district.ags,
      topicId: null,
      text,
      state: 'ROUTED',
      level,
      handlerId,
      hops: [
        { at, kind: 'FILED', fromId: viewer.personId, toId: null, note: null },
        { at, kind: 'ROUTED', fromId: null, toId: handlerId, note: `advice offer ${offer.id}` },
      ],
      createdAt: at,
      escalateAt: this.escalationTime(level),
      version: 1,
      kind: 'ADVICE',
      adviceOfferId: offer.id,
    };
    const about = await aboutOf(this.store, request);
    return this.route(request, {
      type: 'adviceRequested',
      requestId: request.id,
      offerTitle: offer.title,
      about,
      text,
    });
  }

  /** Takes the request on; a note (e.g. "I call you tomorrow") reaches the requester with it. */
  async accept(id: string, viewer: Viewer, note: string | null = null): Promise<HubRequest> {
    return this.close(
      id,
      viewer,
      'ACCEPTED',
      note ? cleanText(note, { field: 'note', fieldDe: 'Notiz', max: 500 }) : null,
    );
  }

  async resolve(id: string, viewer: Viewer, note: string | null): Promise<HubRequest> {
    return this.close(id, viewer, 'RESOLVED', note);
  }

  async decline(id: string, viewer: Viewer, note: string | null): Promise<HubRequest> {
    return this.close(id, viewer, 'DECLINED', note);
  }

  async forward(id: string, viewer: Viewer, targetPersonId: string, note: string | null): Promise<HubRequest> {
    const request = await this.mine(id, viewer);
    const target = await targetKind(this.store, request, targetPersonId);
    if (!target || !mayForward(request.level, target)) throw new RequestRouteRefused();
    const level: RequestLevel = target.kind === 'KOORDINATIONSKRAFT_OF_DISTRICT' ? 'KOORDINATIONSKRAFT' : 'TARGET';
    const about = await aboutOf(this.store, request);
    return this.move(request, 'FORWARDED', viewer.personId, targetPersonId, level, note, [
      {
        personId: targetPersonId,
        notice: { type: 'requestForwarded', requestId: id, about, text: request.text, note },
      },
      {
        personId: request.requesterId,
        notice: {
          type: 'ownRequestForwarded',
          requestId: id,
          subject: await subjectOf(this.store, request, targetPersonId),
        },
      },
    ]);
  }

  /** Hands a request waiting on a KIK to the Koordinationskraft of its district (the one-click way). */
  async forwardToCoordination(id: string, viewer: Viewer, note: string | null): Promise<HubRequest> {
    const request = await this.mine(id, viewer);
    const [coordination] = await this.store.rolesInScopes([districtId(request.districtAgs)]);
    const kk = coordination?.find((r) => r.role === 'KOORDINATIONSKRAFT')?.personId;
    if (!kk) throw new RequestRouteRefused();
    return this.forward(id, viewer, kk, note);
  }

  byId(id: string): Promise<HubRequest | null> {
    return this.store.requests.requestById(id);
  }

  async listFor(viewer: Viewer): Promise<HubRequest[]> {
    if (!viewer.personId)
      throw new NotAllowed('see requests without a linked account', 'Anfragen nur mit verknüpftem Konto sehen');
    return this.store.requests.requestsOf(viewer.personId, 50);
  }

  /**
   * Moves every request whose time is up one level: from the KIK, or from the one it was
   * forwarded to, to the district's Koordinationskraft. Several instances may run this at once:
   * the version check lets one of them move each request.
   */
  async escalateDue(): Promise<number> {
    let moved = 0;
    for (const request of await this.store.requests.requestsToEscalate(this.now().toISOString(), 100)) {
      const [coordination] = await this.store.rolesInScopes([districtId(request.districtAgs)]);
      const kk = coordination?.find((r) => r.role === 'KOORDINATIONSKRAFT')?.personId;
      if (!kk || kk === request.handlerId) continue;
      try {
        await this.move(request, 'ESCALATED', null, kk, 'KOORDINATIONSKRAFT', 'no answer in time', [
          { personId: kk, notice: { type: 'requestEscalated', requestId: request.id, text: request.text } },
          {
            personId: request.requesterId,
            notice: {
              type: 'ownRequestEscalated',
              requestId: request.id,
              subject: await subjectOf(this.store, request, kk),
            },
          },
        ]);
      } catch (error) {
        if (error instanceof RequestChanged) continue;
        throw error;
      }
      moved++;
    }
    return moved;
  }

  /**
   * Retention: deletes the text of requests closed more than `days` ago and says how many.
   * The request itself (who, where, which hops) stays for the network's statistics.
   */
  async purgeClosedTexts(days: number): Promise<number> {
    const before = new Date(this.now().getTime() - days * 86_400_000).toISOString();
    let purged = 0;
    for (;;) {
      const batch = await this.store.requests.closedRequestsWithText(before, 100);
      for (const request of batch)
        if (await this.store.requests.saveRequest({ ...request, text: null, version: request.version + 1 })) purged++;
      if (batch.length < 100) return purged;
    }
  }

  /**
   * The open requests waiting on someone whose role ended go to whoever takes over; each
   * requester is told who handles theirs now. Returns the requests moved.
   */
  async handOver(
    fromId: string,
    toId: string,
    successorName: string,
    /** Only these requests (routing handed-over work back); all the person holds by default. */
    only?: ReadonlySet<string>,
  ): Promise<HubRequest[]> {
    const waiting = (await this.store.requests.requestsOf(fromId, 1000)).filter(
      (r) => r.handlerId === fromId && !isClosed(r) && (!only || only.has(r.id)),
    );
    const moved: HubRequest[] = [];
    const at = this.now().toISOString();
    for (const request of waiting) {
      const next: HubRequest = {
        ...request,
        handlerId: toId,
        hops: [...request.hops, { at, kind: 'HANDED_OVER', fromId, toId, note: null }],
        version: request.version + 1,
      };
      // A request that changed meanwhile was acted on by someone else; it stays as they left it.
      const saved = await this.save(next, [
        {
          personId: request.requesterId,
          notice: {
            type: 'ownRequestHandedOver',
            requestId: request.id,
            handlerName: successorName,
            subject: await subjectOf(this.store, request, toId),
          },
        },
      ]);
      if (!saved) continue;
      moved.push(next);
    }
    if (moved.length)
      this.events?.publish({
        action: 'requestsHandedOver',
        subjectIds: [fromId, toId, ...moved.map((r) => r.id)],
        at,
        touched: { entityIds: [], requestIds: moved.map((r) => r.id) },
      });
    return moved;
  }

  private async close(id: string, viewer: Viewer, state: RequestState, note: string | null): Promise<HubRequest> {
    const request = await this.mine(id, viewer);
    if (state === 'ACCEPTED' && request.state === 'ACCEPTED') return request;
    const kind: HopKind = state === 'ACCEPTED' ? 'ACCEPTED' : state === 'RESOLVED' ? 'RESOLVED' : 'DECLINED';
    const at = this.now().toISOString();
    const next: HubRequest = {
      ...request,
      state,
      escalateAt: null,
      hops: [...request.hops, { at, kind, fromId: viewer.personId, toId: null, note }],
      version: request.version + 1,
    };
    const subject = await subjectOf(this.store, request, viewer.personId);
    const saved = await this.save(next, [
      {
        personId: request.requesterId,
        notice: { type: 'ownRequestClosed', requestId: id, state: kind, note, subject },
      },
    ]);
    if (!saved) throw new RequestChanged();
    this.events?.publish({
      action: `request${kind[0]}${kind.slice(1).toLowerCase()}`,
      subjectIds: [id, request.requesterId],
      at,
      touched: { entityIds: [], requestIds: [id] },
    });
    return next;
  }

  private async move(
    request: HubRequest,
    kind: HopKind,
    fromId: string | null,
    toId: string,
    level: RequestLevel,
    note: string | null,
    notices: readonly Notice[],
  ): Promise<HubRequest> {
    const at = this.now().toISOString();
    const next: HubRequest = {
      ...request,
      state: 'ROUTED',
      level,
      handlerId: toId,
      escalateAt: this.escalationTime(level),
      hops: [...request.hops, { at, kind, fromId, toId, note }],
      version: request.version + 1,
    };
    if (!(await this.save(next, notices))) throw new RequestChanged();
    this.events?.publish({
      action: 'requestRouted',
      subjectIds: [request.id, request.requesterId, toId],
      at,
      touched: { entityIds: [], requestIds: [request.id] },
    });
    return next;
  }

  private async mine(id: string, viewer: Viewer): Promise<HubRequest> {
    const request = await this.store.requests.requestById(id);
    if (!request) throw new NotFound('Request', id);
    if (isClosed(request)) throw new RequestClosed(request.state);
    if (!viewer.personId || request.handlerId !== viewer.personId) throw new RequestNotYours();
    return request;
  }

  /** The Koordinationskraft has no level above: requests waiting on them do not escalate. */
  private escalationTime(level: RequestLevel): string | null {
    if (level === 'KOORDINATIONSKRAFT') return null;
    return new Date(this.now().getTime() + this.settings.escalateAfterHours * 3_600_000).toISOString();
  }

  /** Saves the request with its notices in one transaction, then hands the notices on. */
  private async save(request: HubRequest, notices: readonly Notice[]): Promise<boolean> {
    const entries = this.notices.entries(notices);
    if (!(await this.store.requests.saveRequest(request, entries))) return false;
    failpoint('request-after-commit');
    await this.notices.deliver(entries);
    return true;
  }
}
