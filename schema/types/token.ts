import { ACCESS_ROLES, type AccessToken } from '../../src/services/access/domain/access.js';
import { NotAllowed } from '../../src/domain/errors.js';
import { builder } from '../builder.js';
import { DOMAIN_ERRORS } from './errors.js';

const AccessRoleEnum = builder.enumType('AccessRole', { values: ACCESS_ROLES });

const AccessTokenType = builder.objectRef<AccessToken>('AccessToken').implement({
  description: 'A bearer token (its secret is never shown again after creation).',
  fields: (t) => ({
    id: t.exposeID('id'),
    personId: t.exposeID('personId'),
    access: t.field({ type: AccessRoleEnum, resolve: (token) => token.access }),
    districtAgs: t.exposeString('districtAgs', { nullable: true }),
    personalData: t.exposeBoolean('personalData'),
    label: t.exposeString('label'),
    createdAt: t.exposeString('createdAt'),
    revokedAt: t.exposeString('revokedAt', { nullable: true }),
  }),
});

const CreatedToken = builder.objectRef<{ token: AccessToken; secret: string }>('CreatedAccessToken').implement({
  fields: (t) => ({
    token: t.field({ type: AccessTokenType, resolve: (c) => c.token }),
    secret: t.exposeString('secret', { description: 'Shown once; store it safely.' }),
  }),
});

const CreateAccessTokenInput = builder.inputType('CreateAccessTokenInput', {
  fields: (t) => ({
    personId: t.id({ required: true }),
    access: t.field({ type: AccessRoleEnum, required: true }),
    districtAgs: t.string({ required: false }),
    personalData: t.boolean({ required: false }),
    label: t.string({ required: true }),
  }),
});

builder.queryField('accessTokens', (t) =>
  t.field({
    type: [AccessTokenType],
    description: 'All tokens, for admins.',
    resolve: (_root, _args, ctx) => {
      if (ctx.viewer.access !== 'ADMIN') throw new NotAllowed('list access tokens', 'keine Zugangsschlüssel auflisten');
      return ctx.services.access.list();
    },
  }),
);

builder.mutationFields((t) => ({
  createAccessToken: t.field({
    type: CreatedToken,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: CreateAccessTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.access.create(
        {
          personId: String(input.personId),
          access: input.access,
          districtAgs: input.districtAgs ?? null,
          personalData: input.personalData ?? false,
          label: input.label,
        },
        ctx.viewer,
      ),
  }),
  revokeAccessToken: t.field({
    type: 'Boolean',
    errors: DOMAIN_ERRORS,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      await ctx.services.access.revoke(String(id), ctx.viewer);
      return true;
    },
  }),
}));
