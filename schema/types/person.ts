import { ROLE_LABEL } from '../../src/domain/role-labels.js';
import type { ContactChannel, RoleAssignment } from '../../src/domain/model.js';
import { displayName, mayListPerson, visibleChannels } from '../../src/services/access/domain/privacy.js';
import { builder } from '../builder.js';
import { PersonRef } from '../refs.js';
import { ChannelKindEnum, RoleEnum, VisibilityEnum } from './enums.js';
import { DOMAIN_ERRORS } from './errors.js';

const ContactChannelType = builder.objectRef<ContactChannel>('ContactChannel').implement({
  description: 'One way to reach a person, shown only to those its owner chose.',
  fields: (t) => ({
    channel: t.field({ type: ChannelKindEnum, resolve: (c) => c.channel }),
    value: t.exposeString('value'),
    visibility: t.field({ type: VisibilityEnum, resolve: (c) => c.visibility }),
  }),
});

export const RoleAssignmentType = builder.objectRef<RoleAssignment>('RoleAssignment').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.field({ type: RoleEnum, resolve: (r) => r.role }),
    label: t.string({
      description: 'The role as people read it, in the language asked for (Accept-Language).',
      resolve: (r, _args, ctx) => ROLE_LABEL[r.role][ctx.language],
    }),
    person: t.field({
      type: PersonRef,
      resolve: async (r, _args, ctx) => (await ctx.directory.entityOfKind(r.personId, 'Person'))!,
    }),
    scopeId: t.exposeID('scopeId', {
      nullable: true,
      description: 'The district, municipality, alliance or institution.',
    }),
  }),
});

builder.node(PersonRef, {
  id: { resolve: (p) => p.id },
  // node(id) shows a person only to callers who may learn that they are in the network.
  loadOne: async (id, ctx) => {
    const person = await ctx.directory.entityOfKind(id, 'Person');
    if (!person) return null;
    return mayListPerson(
      ctx.viewer,
      id,
      (await ctx.directory.rolesOfPerson(id)).map((r) => r.role),
    )
      ? person
      : null;
  },
  fields: (t) => ({
    name: t.string({
      description:
        'The name, or a stable pseudonym where the caller may not know it (analysts without grant; anonymous callers for people without a public role).',
      resolve: async (p, _args, ctx) =>
        displayName(
          ctx.viewer,
          p,
          (await ctx.directory.rolesOfPerson(p.id)).map((r) => r.role),
          ctx.services.privacy,
        ),
    }),
    languages: t.exposeStringList('languages'),
    demo: t.exposeBoolean('demo', { description: 'True for fictional demo people.' }),
    channels: t.field({
      type: [ContactChannelType],
      description: 'The contact channels the caller may see.',
      resolve: (p, _args, ctx) => visibleChannels(ctx.viewer, p.id, p.channels),
    }),
    roles: t.field({ type: [RoleAssignmentType], resolve: (p, _args, ctx) => ctx.directory.rolesOfPerson(p.id) }),
  }),
});

export const ContactChannelInput = builder.inputType('ContactChannelInput', {
  fields: (t) => ({
    channel: t.field({ type: ChannelKindEnum, required: true }),
    value: t.string({ required: true }),
    visibility: t.field({ type: VisibilityEnum, required: true }),
  }),
});

const AddPersonInput = builder.inputType('AddPersonInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    languages: t.stringList({ required: false }),
    channels: t.field({ type: [ContactChannelInput], required: false }),
  }),
});

const AssignRoleInput = builder.inputType('AssignRoleInput', {
  fields: (t) => ({
    personId: t.id({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
    scopeId: t.id({ required: false }),
  }),
});

builder.mutationFields((t) => ({
  addPerson: t.field({
    type: PersonRef,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: AddPersonInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.writer.addPerson(
        { name: input.name, languages: input.languages ?? [], channels: input.channels ?? [] },
        ctx.viewer,
      ),
  }),
  assignRole: t.field({
    type: RoleAssignmentType,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: AssignRoleInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.writer.assignRole(
        { personId: String(input.personId), role: input.role, scopeId: input.scopeId ? String(input.scopeId) : null },
        ctx.viewer,
      ),
  }),
}));

builder.queryField('myData', (t) =>
  t.string({
    description: 'Everything the hub stores about the signed-in person, as JSON (GDPR Art. 15).',
    resolve: async (_root, _args, ctx) => JSON.stringify(await ctx.services.personalData.export(ctx.viewer)),
  }),
);

builder.mutationField('erasePerson', (t) =>
  t.field({
    type: 'Boolean',
    errors: DOMAIN_ERRORS,
    description: "GDPR erasure, by an admin on the person's request: the person becomes an anonymous placeholder.",
    args: { personId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await ctx.services.personalData.erase(String(args.personId), ctx.viewer);
      return true;
    },
  }),
);

builder.mutationField('updateMyContactChannels', (t) =>
  t.field({
    type: PersonRef,
    errors: DOMAIN_ERRORS,
    description:
      "Replaces the signed-in person's contact channels, each with who may see it (admins may pass personId).",
    args: { channels: t.arg({ type: [ContactChannelInput], required: true }), personId: t.arg.id({ required: false }) },
    resolve: (_root, args, ctx) =>
      ctx.services.personalData.updateChannels(
        args.personId ? String(args.personId) : (ctx.viewer.personId ?? ''),
        args.channels,
        ctx.viewer,
      ),
  }),
);
