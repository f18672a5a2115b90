import { hopNoteFor } from './domain/hop-notes.js';
import type { Viewer } from '../../services/access/domain/access.js';

import { REQUEST_LEVELS, REQUEST_STATES, type HubRequest, type RequestHop } from './domain/requests.js';
import { builder } from '../../../schema/builder.js';
import { MunicipalityRef, PersonRef, TopicRef } from '../../../schema/refs.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';

// Requests through the district coordination. Each is visible to its requester and to the
// people it passed through; the same service and rules as in chat.

const RequestStateEnum = builder.enumType('RequestState', { values: REQUEST_STATES });
const RequestLevelEnum = builder.enumType('RequestLevel', { values: REQUEST_LEVELS });
const HopKindEnum = builder.enumType('RequestHopKind', {
  values: ['FILED', 'ROUTED', 'FORWARDED', 'ESCALATED', 'ACCEPTED', 'RESOLVED', 'DECLINED', 'HANDED_OVER'] as const,
});

const HopType = builder.objectRef<RequestHop>('RequestHop').implement({
  fields: (t) => ({
    at: t.exposeString('at'),
    kind: t.field({ type: HopKindEnum, resolve: (h) => h.kind }),
    fromId: t.exposeID('fromId', { nullable: true }),
    toId: t.exposeID('toId', { nullable: true }),
    note: t.string({
      nullable: true,
      description: "Why the hop was made: a person's note as written, the hub's own in the reader's language.",
      resolve: (h, _args, ctx) => hopNoteFor(h.note, ctx.language),
    }),
  }),
});

const RequestType = builder.objectRef<HubRequest>('Request').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.string({
      description: 'REQUEST, or ADVICE when it asks for an advice offer (adviceOfferId).',
      resolve: (r) => r.kind ?? 'REQUEST',
    }),
    adviceOfferId: t.string({ nullable: true, resolve: (r) => r.adviceOfferId ?? null }),
    state: t.field({ type: RequestStateEnum, resolve: (r) => r.state }),
    level: t.field({ type: RequestLevelEnum, resolve: (r) => r.level }),
    text: t.exposeString('text', { nullable: true }),
    districtAgs: t.exposeString('districtAgs'),
    createdAt: t.exposeString('createdAt'),
    escalateAt: t.exposeString('escalateAt', { nullable: true }),
    requester: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (r, _a, ctx) => ctx.directory.entityOfKind(r.requesterId, 'Person'),
    }),
    handler: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (r, _a, ctx) => ctx.directory.entityOfKind(r.handlerId, 'Person'),
    }),
    municipality: t.field({
      type: MunicipalityRef,
      nullable: true,
      resolve: (r, _a, ctx) => (r.municipalityId ? ctx.directory.entityOfKind(r.municipalityId, 'Municipality') : null),
    }),
    topic: t.field({
      type: TopicRef,
      nullable: true,
      resolve: (r, _a, ctx) => (r.topicId ? ctx.directory.entityOfKind(r.topicId, 'Topic') : null),
    }),
    hops: t.field({ type: [HopType], resolve: (r) => r.hops }),
  }),
});

function involved(viewer: Viewer, request: HubRequest): boolean {
  if (!viewer.personId) return false;
  return (
    request.requesterId === viewer.personId ||
    request.hops.some((h) => h.fromId === viewer.personId || h.toId === viewer.personId)
  );
}

const FileRequestInput = builder.inputType('FileRequestInput', {
  fields: (t) => ({
    place: t.string({ required: true, description: 'Municipality (or kreisfreie Stadt), forgiving spelling.' }),
    topic: t.string({ required: false }),
    text: t.string({ required: true }),
  }),
});

builder.queryFields((t) => ({
  myRequests: t.field({
    type: [RequestType],
    description: 'Requests I filed and those waiting on me, newest first.',
    resolve: (_root, _args, ctx) => ctx.services.requests.listFor(ctx.viewer),
  }),
  request: t.field({
    type: RequestType,
    nullable: true,
    description: "One request, for its requester, the people it passed through and its district's coordination.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const request = await ctx.services.requests.byId(String(args.id));
      if (!request) return null;
      return involved(ctx.viewer, request) || (await ctx.services.oversight.mayOpen(ctx.viewer, request))
        ? request
        : null;
    },
  }),
  districtRequests: t.field({
    type: [RequestType],
    errors: DOMAIN_ERRORS,
    description:
      'Every request of the districts the caller coordinates (or of one of them), newest first: the district coordination oversees its district.',
    args: { districtAgs: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) => ctx.services.oversight.requests(ctx.viewer, args.districtAgs ?? null),
  }),
}));

builder.mutationFields((t) => ({
  fileRequest: t.field({
    type: RequestType,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: FileRequestInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.requests.file({ place: input.place, topic: input.topic ?? null, text: input.text }, ctx.viewer),
  }),
  acceptRequest: t.field({
    type: RequestType,
    errors: DOMAIN_ERRORS,
    args: {
      id: t.arg.id({ required: true }),
      note: t.arg.string({ required: false, description: 'Told to the requester with the acceptance.' }),
    },
    resolve: (_root, { id, note }, ctx) => ctx.services.requests.accept(String(id), ctx.viewer, note ?? null),
  }),
  forwardRequest: t.field({
    type: RequestType,
    errors: DOMAIN_ERRORS,
    args: {
      id: t.arg.id({ required: true }),
      toPersonId: t.arg.id({ required: true }),
      note: t.arg.string({ required: false }),
    },
    resolve: (_root, args, ctx) =>
      ctx.services.requests.forward(String(args.id), ctx.viewer, String(args.toPersonId), args.note ?? null),
  }),
  resolveRequest: t.field({
    type: RequestType,
    errors: DOMAIN_ERRORS,
    args: { id: t.arg.id({ required: true }), note: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) => ctx.services.requests.resolve(String(args.id), ctx.viewer, args.note ?? null),
  }),
  declineRequest: t.field({
    type: RequestType,
    errors: DOMAIN_ERRORS,
    args: { id: t.arg.id({ required: true }), note: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) => ctx.services.requests.decline(String(args.id), ctx.viewer, args.note ?? null),
  }),
}));
