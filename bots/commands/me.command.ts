import { languageName } from '../../src/domain/languages.js';
import type { Person, RoleAssignment } from '../../src/domain/model.js';
import type { Viewer } from '../../src/services/access/domain/access.js';
import { mayListPerson } from '../../src/services/access/domain/privacy.js';
import { defineCommand, parsed, unparsable, type ChatUser, type CommandDeps } from '../core/command.js';
import type { ChatLink } from '../core/identities.js';
import { reply } from '../core/reply.js';
import { channelParts, ROLE_LABEL } from './people.js';

type MeArgs = { action: 'show' } | { action: 'link'; who: string };

interface Me {
  user: ChatUser;
  link: ChatLink | null;
  person: Person | null;
  roles: RoleAssignment[];
  requested: boolean;
  /** How many coordinators were told of a request just made (none before any is in the chat). */
  told?: number;
  /** Names that came close when no whole name matched (only people the asker may see listed). */
  candidates?: string[];
}

const LINK_WORDS = new Set(['verknüpfen', 'verknuepfen', 'link']);

export const meCommand = defineCommand({
  name: { de: 'ich', en: 'me' },
  summary: {
    de: 'was der Hub über Sie weiß; „verknüpfen“ bittet um die Verknüpfung Ihres Chat-Kontos',
    en: 'what the hub knows about you; "link" asks to link your chat account',
  },
  usage: { de: '!ich [verknüpfen <Ihr Name oder Personen-ID>]', en: '!me [link <your name or person id>]' },
  example: { de: '!ich verknüpfen Anna Weber', en: '!me link Anna Weber' },
  options: [
    {
      name: { de: 'verknüpfen', en: 'link' },
      description: {
        de: 'Personen-ID, mit der Ihr Konto verknüpft werden soll',
        en: 'person id to link your account to',
      },
      required: false,
      keyword: { de: 'verknüpfen', en: 'link' },
    },
  ],
  parse: (args): ReturnType<typeof parsed<MeArgs>> | typeof unparsable => {
    if (args.length === 0) return parsed({ action: 'show' });
    if (args.length >= 2 && LINK_WORDS.has(args[0]!.toLowerCase()))
      return parsed({ action: 'link', who: args.slice(1).join(' ') });
    return unparsable;
  },
  run: async (args: MeArgs, context, deps): Promise<Me> => {
    const requested = args.action === 'link';
    if (args.action === 'link') {
      const chosen = await personNamed(args.who, context.viewer, deps);
      if (typeof chosen !== 'string')
        return {
          user: context.user,
          link: null,
          person: null,
          roles: [],
          requested: false,
          candidates: chosen.candidates,
        };
      const told = (await deps.identities.requestLink(context.user, chosen)).confirmersTold;
      const link = await deps.identities.link(context.user);
      const person = link ? await deps.directory.entityOfKind(link.personId, 'Person') : null;
      return { user: context.user, link, person, roles: [], requested, told };
    }
    const link = await deps.identities.link(context.user);
    const person = link ? await deps.directory.entityOfKind(link.personId, 'Person') : null;
    const roles = person && link?.status === 'confirmed' ? await deps.directory.rolesOfPerson(person.id) : [];
    return { user: context.user, link, person, roles, requested };
  },
  render: ({ user, link, person, roles, requested, told, candidates }, { language }) => {
    const de = language === 'de';
    if (candidates) {
      return reply(
        [
          de ? 'Ich finde niemanden mit genau diesem Namen.' : 'I find nobody with exactly that name.',
          candidates.length
            ? de
              ? `Meinten Sie: ${candidates.join(', ')}?`
              : `Did you mean: ${candidates.join(', ')}?`
            : '',
          de
            ? 'Bitte den vollständigen Namen schreiben, z. B. !ich verknüpfen Anna Weber (oder die Personen-ID von Ihrer Koordinator:in).'
            : 'Please write your full name, e.g. !me link Anna Weber (or the person id from your coordinator).',
        ].filter(Boolean),
      );
    }
    if (!link || !person) {
      return reply([
        de
          ? `Ihr Chat-Konto ${user.userId} ist mit keiner Person verknüpft.`
          : `Your chat account ${user.userId} is not linked to a person.`,
        de
          ? 'Verknüpfen: !ich verknüpfen <Ihr vollständiger Name> – eine Koordinator:in Ihres Kreises bestätigt es dann.'
          : 'To link it: !me link <your full name> – a coordinator of your district then confirms it.',
      ]);
    }
    if (link.status === 'pending') {
      return reply(
        [
          requested ? (de ? 'Ihre Bitte ist gespeichert.' : 'Your request is saved.') : '',
          de
            ? `Sie haben gebeten, als ${person.name} verknüpft zu werden; das wartet auf die Bestätigung durch eine Koordinator:in Ihres Kreises.`
            : `You asked to be linked as ${person.name}; this awaits the confirmation of a coordinator of your district.`,
          told === undefined
            ? ''
            : told > 0
              ? de
                ? `${told === 1 ? 'Eine Koordinator:in ist' : `${told} Koordinator:innen sind`} benachrichtigt; Sie erhalten hier eine Nachricht, sobald es bestätigt ist.`
                : `${told === 1 ? 'One coordinator has' : `${told} coordinators have`} been told; you get a message here as soon as it is confirmed.`
              : de
                ? 'Noch ist niemand aus Ihrer Kreiskoordination im Chat verknüpft: Ihre Bitte wartet, bis eine Koordinator:in sie mit !bestätigen sieht, oder ein Admin verknüpft Sie direkt. Sie erhalten hier eine Nachricht, sobald es so weit ist.'
                : 'Nobody of your district coordination is linked in the chat yet: your request waits until a coordinator sees it with !confirm, or an admin links you directly. You get a message here as soon as that happens.',
        ].filter(Boolean),
        { privateDetails: true },
      );
    }
    return reply(
      [
        [{ bold: person.name }, ...channelParts(person.channels, language)],
        ...roles.map((r) => [`  ${ROLE_LABEL[r.role][language]}`]),
        [
          `${de ? 'Sprachen' : 'Languages'}: ${person.languages.map((code) => languageName(code, de ? 'de' : 'en')).join(', ')}`,
        ],
      ],
      { title: de ? 'Das weiß der Hub über Sie' : 'What the hub knows about you', privateDetails: true },
    );
  },
});

/**
 * The person someone means when they ask to be linked: a person id, or their whole name (one
 * person of that name). Otherwise the close names they may see, so they can write it in full.
 */
async function personNamed(
  who: string,
  viewer: Viewer,
  deps: Pick<CommandDeps, 'directory'>,
): Promise<string | { candidates: string[] }> {
  if (who.startsWith('person:')) return who;
  const key = (name: string) => name.normalize('NFC').toLocaleLowerCase('de').replace(/\s+/g, ' ').trim();
  const found = (await deps.directory.search(who.slice(0, 100), ['Person'], 10)) as Person[];
  const exact = found.filter((p) => key(p.name) === key(who));
  if (exact.length === 1) return exact[0]!.id;
  const roles = await Promise.all(found.map((p) => deps.directory.rolesOfPerson(p.id)));
  const listable = found.filter((p, i) =>
    mayListPerson(
      viewer,
      p.id,
      roles[i]!.map((r) => r.role),
    ),
  );
  return { candidates: [...new Set(listable.map((p) => p.name))].slice(0, 5) };
}
