import type { ChatLink, ChatUser } from '../../src/services/chat/chat-identities.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';

// A coordinator confirms that a chat account belongs to the person it claims. Alone, the command
// lists the claims waiting for this coordinator (also those made before any coordinator was
// linked); with an account, it shows that claim; with the person too, it confirms exactly that
// claim. A person's confirmed account is replaced only with --ersetzen, and is told first.

type ConfirmArgs = { userId: string | null; personId: string | null; replace: boolean };
type ConfirmResult =
  | { kind: 'waiting'; claims: { user: ChatUser; link: ChatLink; name: string }[] }
  | { kind: 'claim' | 'confirmed'; userId: string; personId: string; name: string };

const REPLACE = new Set(['--ersetzen', '--replace']);

export const confirmCommand = defineCommand({
  name: { de: 'bestätigen', en: 'confirm' },
  summary: {
    de: 'zeigt wartende Bitten um Verknüpfung und bestätigt die eines Chat-Kontos mit seiner Person',
    en: "lists waiting link requests and confirms a chat account's link to its person",
  },
  usage: {
    de: '!bestätigen [<Chat-Konto> [Personen-ID] [--ersetzen]]',
    en: '!confirm [<chat account> [person id] [--replace]]',
  },
  example: {
    de: '!bestätigen @anna:example.org person:anna-weber',
    en: '!confirm @anna:example.org person:anna-weber',
  },
  options: [
    {
      name: { de: 'konto', en: 'account' },
      description: { de: 'das Chat-Konto', en: 'the chat account' },
      required: false,
    },
    {
      name: { de: 'person', en: 'person' },
      description: { de: 'die Person, als die es sich ausgibt', en: 'the person it claims to be' },
      required: false,
    },
  ],
  parse: (args) => {
    const replace = args.some((a) => REPLACE.has(a.toLowerCase()));
    const words = args.filter((a) => !REPLACE.has(a.toLowerCase()));
    return words.length <= 2
      ? parsed<ConfirmArgs>({ userId: words[0] ?? null, personId: words[1] ?? null, replace })
      : unparsable;
  },
  run: async ({ userId, personId, replace }, context, deps): Promise<ConfirmResult> => {
    if (userId === null) {
      const waiting = await deps.identities.waitingFor(context.viewer);
      const people = await Promise.all(waiting.map((w) => deps.directory.entityOfKind(w.link.personId, 'Person')));
      return {
        kind: 'waiting',
        claims: waiting.map((w, i) => ({ ...w, name: people[i]?.name ?? w.link.personId })),
      };
    }
    const user = { transport: context.user.transport, userId };
    if (personId === null) {
      const claim = await deps.identities.link(user);
      if (!claim) return { kind: 'claim', userId, personId: '', name: '' };
      const person = await deps.directory.entityOfKind(claim.personId, 'Person');
      return { kind: 'claim', userId, personId: claim.personId, name: person?.name ?? claim.personId };
    }
    const link = await deps.identities.confirm(user, context.viewer, personId, { replace });
    const person = await deps.directory.entityOfKind(link.personId, 'Person');
    return { kind: 'confirmed', userId, personId: link.personId, name: person?.name ?? link.personId };
  },
  render: (result, { language }) => {
    const de = language === 'de';
    if (result.kind === 'waiting') {
      if (result.claims.length === 0)
        return reply([de ? 'Keine Bitte um Verknüpfung wartet auf Sie.' : 'No link request is waiting for you.']);
      return reply(
        result.claims.map(({ user, link, name }) =>
          de
            ? `${user.userId} möchte als ${name} verknüpft werden (seit ${new Date(link.requestedAt).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' })}). Bestätigen: !bestätigen ${user.userId} ${link.personId}`
            : `${user.userId} asks to be linked as ${name} (since ${new Date(link.requestedAt).toLocaleDateString('en-GB', { timeZone: 'Europe/Berlin' })}). To confirm: !confirm ${user.userId} ${link.personId}`,
        ),
        { title: de ? 'Wartende Verknüpfungen' : 'Waiting links', privateDetails: true },
      );
    }
    const { userId, personId, name } = result;
    if (result.kind === 'confirmed')
      return reply([de ? `${userId} ist jetzt mit ${name} verknüpft.` : `${userId} is now linked to ${name}.`]);
    if (!personId)
      return reply([de ? `${userId} hat um keine Verknüpfung gebeten.` : `${userId} has not asked to be linked.`]);
    return reply(
      [
        de ? `${userId} möchte als ${name} verknüpft werden.` : `${userId} asks to be linked as ${name}.`,
        de ? `Bestätigen: !bestätigen ${userId} ${personId}` : `To confirm: !confirm ${userId} ${personId}`,
      ],
      { privateDetails: true },
    );
  },
});
