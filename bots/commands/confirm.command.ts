import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';

// A coordinator confirms that a chat account belongs to the person it claims. Without the
// person the command shows the claim; with it, it confirms exactly that claim.

type ConfirmArgs = { userId: string; personId: string | null };
type ConfirmResult = { userId: string; personId: string; name: string; confirmed: boolean };

export const confirmCommand = defineCommand({
  name: { de: 'bestätigen', en: 'confirm' },
  summary: {
    de: 'bestätigt die Verknüpfung eines Chat-Kontos mit seiner Person',
    en: "confirms a chat account's link to its person",
  },
  usage: { de: '!bestätigen <Chat-Konto> [Personen-ID]', en: '!confirm <chat account> [person id]' },
  example: {
    de: '!bestätigen @anna:example.org person:anna-weber',
    en: '!confirm @anna:example.org person:anna-weber',
  },
  options: [
    {
      name: { de: 'konto', en: 'account' },
      description: { de: 'das Chat-Konto', en: 'the chat account' },
      required: true,
    },
    {
      name: { de: 'person', en: 'person' },
      description: { de: 'die Person, als die es sich ausgibt', en: 'the person it claims to be' },
      required: false,
    },
  ],
  parse: (args) =>
    args.length === 1 || args.length === 2
      ? parsed<ConfirmArgs>({ userId: args[0]!, personId: args[1] ?? null })
      : unparsable,
  run: async ({ userId, personId }, context, deps): Promise<ConfirmResult> => {
    const user = { transport: context.user.transport, userId };
    if (personId === null) {
      const claim = await deps.identities.link(user);
      if (!claim) return { userId, personId: '', name: '', confirmed: false };
      const person = await deps.directory.entityOfKind(claim.personId, 'Person');
      return { userId, personId: claim.personId, name: person?.name ?? claim.personId, confirmed: false };
    }
    const link = await deps.identities.confirm(user, context.viewer, personId);
    const person = await deps.directory.entityOfKind(link.personId, 'Person');
    return { userId, personId: link.personId, name: person?.name ?? link.personId, confirmed: true };
  },
  render: ({ userId, personId, name, confirmed }, { language }) => {
    const de = language === 'de';
    if (confirmed)
      return reply([
        de
          ? `${userId} ist jetzt mit ${name} (${personId}) verknüpft.`
          : `${userId} is now linked to ${name} (${personId}).`,
      ]);
    if (!personId)
      return reply([de ? `${userId} hat um keine Verknüpfung gebeten.` : `${userId} has not asked to be linked.`]);
    return reply(
      [
        de
          ? `${userId} möchte als ${name} (${personId}) verknüpft werden.`
          : `${userId} asks to be linked as ${name} (${personId}).`,
        de ? `Bestätigen: !bestätigen ${userId} ${personId}` : `To confirm: !confirm ${userId} ${personId}`,
      ],
      { privateDetails: true },
    );
  },
});
