import { builder } from '../builder.js';
import { DOMAIN_ERRORS } from './errors.js';

// Linking a chat account to its person on an admin's word: how the first Matrix or Discord
// accounts (the coordinators' who then confirm the others') get linked.

const ChatTransportEnum = builder.enumType('ChatTransport', { values: ['MATRIX', 'DISCORD'] as const });

interface LinkedAccount {
  transport: 'MATRIX' | 'DISCORD';
  account: string;
  personId: string;
}

const ChatAccountLink = builder.objectRef<LinkedAccount>('ChatAccountLink').implement({
  fields: (t) => ({
    transport: t.field({ type: ChatTransportEnum, resolve: (l) => l.transport }),
    account: t.exposeString('account', { description: 'e.g. @anna:example.org, or a Discord user id.' }),
    personId: t.exposeID('personId'),
  }),
});

builder.mutationField('confirmChatLink', (t) =>
  t.field({
    type: ChatAccountLink,
    errors: DOMAIN_ERRORS,
    description: 'Admins: links a chat account to a person directly (no request from the account needed).',
    args: {
      account: t.arg.string({ required: true }),
      personId: t.arg.id({ required: true }),
      transport: t.arg({ type: ChatTransportEnum, required: false, defaultValue: 'MATRIX' }),
    },
    resolve: async (_root, args, ctx) => {
      const transport = args.transport ?? 'MATRIX';
      await ctx.services.identities.linkByAdmin(
        { transport: transport === 'MATRIX' ? 'matrix' : 'discord', userId: args.account },
        String(args.personId),
        ctx.viewer,
      );
      return { transport, account: args.account, personId: String(args.personId) };
    },
  }),
);

builder.queryField('waitingChatLinks', (t) =>
  t.field({
    type: [ChatAccountLink],
    description:
      'Chat accounts asking to be linked that the caller may confirm (coordinators of the person’s districts; admins: all), oldest first, also those asked before any coordinator was linked.',
    resolve: async (_root, _args, ctx) =>
      (await ctx.services.identities.waitingFor(ctx.viewer))
        .filter((w) => w.user.transport !== 'console')
        .map((w) => ({
          transport: w.user.transport === 'matrix' ? ('MATRIX' as const) : ('DISCORD' as const),
          account: w.user.userId,
          personId: w.link.personId,
        })),
  }),
);
