import type { Entity, Link } from '../../src/domain/model.js';
import { builder } from '../builder.js';
import { asNode } from '../refs.js';
import { LinkTypeEnum } from './enums.js';
import { DOMAIN_ERRORS } from './errors.js';

// Explicit collaboration links between actors.

export const LinkType = builder.objectRef<Link>('Link').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.field({ type: LinkTypeEnum, resolve: (l) => l.type }),
    from: t.field({
      type: builder.nodeInterfaceRef(),
      resolve: async (l, _args, ctx) => asNode(await ctx.directory.entity(l.fromId)) as Entity,
    }),
    to: t.field({
      type: builder.nodeInterfaceRef(),
      resolve: async (l, _args, ctx) => asNode(await ctx.directory.entity(l.toId)) as Entity,
    }),
    since: t.exposeString('since', { nullable: true, description: 'ISO date the collaboration started.' }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

const AddLinkInput = builder.inputType('AddLinkInput', {
  fields: (t) => ({
    type: t.field({ type: LinkTypeEnum, required: true }),
    fromId: t.id({ required: true }),
    toId: t.id({ required: true }),
    since: t.string({ required: false, description: 'YYYY-MM-DD' }),
    note: t.string({ required: false }),
  }),
});

builder.mutationField('addLink', (t) =>
  t.field({
    type: LinkType,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: AddLinkInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.writer.link(
        {
          type: input.type,
          fromId: String(input.fromId),
          toId: String(input.toId),
          since: input.since ?? null,
          note: input.note ?? null,
        },
        ctx.viewer,
      ),
  }),
);
