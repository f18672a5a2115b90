import { isCoordinator } from '../../src/domain/privacy.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';

export const confirmCommand = defineCommand({
  name: { de: 'bestätigen', en: 'confirm' },
  summary: { de: 'bestätigt die Verknüpfung eines Chat-Kontos mit seiner Person', en: "confirms a chat account's link to its person" },
  usage: { de: '!bestätigen <Chat-Konto>', en: '!confirm <chat account>' },
  example: { de: '!bestätigen @anna:example.org', en: '!confirm @anna:example.org' },
  options: [{ name: { de: 'konto', en: 'account' }, description: { de: 'das Chat-Konto', en: 'the chat account' }, required: true }],
  allowed: (viewer) => isCoordinator(viewer),
  parse: (args) => (args.length === 1 ? parsed(args[0]!) : unparsable),
  run: async (userId, context, deps) => {
    const link = await deps.identities.confirm({ transport: context.user.transport, userId }, context.viewer);
    const person = await deps.directory.entityOfKind(link.personId, 'Person');
    return { userId, name: person?.name ?? link.personId };
  },
  render: ({ userId, name }, { language }) =>
    reply([language === 'de' ? `${userId} ist jetzt mit ${name} verknüpft.` : `${userId} is now linked to ${name}.`]),
});
