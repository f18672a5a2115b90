import type { ContactChannel, RoleAssignment } from '../../src/domain/model.js';
import { visibleChannels } from '../../src/domain/privacy.js';
import { builder } from '../builder.js';
import { PersonRef } from '../refs.js';
import { ChannelKindEnum, RoleEnum, VisibilityEnum } from './enums.js';

const ContactChannelType = builder.objectRef<ContactChannel>('ContactChannel').implement({
  description: 'One way to reach a person, shown only to those its owner chose.',
  fields: (t) => ({
    channel: t.field({ type: ChannelKindEnum, resolve: (c) => c.channel }),
    value: t.exposeString('value'),
    visibility: t.field({ type: VisibilityEnum, resolve: (c) => c.visibility }),
  }),
});

const RoleAssignmentType = builder.objectRef<RoleAssignment>('RoleAssignment').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.field({ type: RoleEnum, resolve: (r) => r.role }),
    scopeId: t.exposeID('scopeId', { nullable: true, description: 'The district, municipality, alliance or institution.' }),
  }),
});

builder.node(PersonRef, {
  id: { resolve: (p) => p.id },
  loadOne: (id, ctx) => ctx.directory.entityOfKind(id, 'Person'),
  fields: (t) => ({
    name: t.exposeString('name'),
    languages: t.exposeStringList('languages'),
    demo: t.exposeBoolean('demo', { description: 'True for fictional demo people.' }),
    channels: t.field({
      type: [ContactChannelType],
      description: 'The contact channels the viewer may see.',
      resolve: (p, _args, ctx) => visibleChannels(ctx.viewer, p.id, p.channels),
    }),
    roles: t.field({ type: [RoleAssignmentType], resolve: (p, _args, ctx) => ctx.directory.rolesOfPerson(p.id) }),
  }),
});
