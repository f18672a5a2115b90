import type { Person, RoleAssignment } from '../../src/domain/model.js';
import { defineCommand, parsed, unparsable, type ChatUser } from '../core/command.js';
import type { ChatLink } from '../core/identities.js';
import { reply } from '../core/reply.js';
import { channelParts, ROLE_LABEL } from './people.js';

type MeArgs = { action: 'show' } | { action: 'link'; personId: string };

interface Me {
  user: ChatUser;
  link: ChatLink | null;
  person: Person | null;
  roles: RoleAssignment[];
  requested: boolean;
}

const LINK_WORDS = new Set(['verknüpfen', 'verknuepfen', 'link']);

export const meCommand = defineCommand({
  name: { de: 'ich', en: 'me' },
  summary: { de: 'was der Hub über Sie weiß; „verknüpfen“ bittet um die Verknüpfung Ihres Chat-Kontos', en: 'what the hub knows about you; "link" asks to link your chat account' },
  usage: { de: '!ich [verknüpfen <Personen-ID>]', en: '!me [link <person id>]' },
  example: { de: '!ich verknüpfen person:demo-14627-kik-1', en: '!me link person:demo-14627-kik-1' },
  options: [
    { name: { de: 'verknüpfen', en: 'link' }, description: { de: 'Personen-ID, mit der Ihr Konto verknüpft werden soll', en: 'person id to link your account to' }, required: false, keyword: { de: 'verknüpfen', en: 'link' } },
  ],
  parse: (args): ReturnType<typeof parsed<MeArgs>> | typeof unparsable => {
    if (args.length === 0) return parsed({ action: 'show' });
    if (args.length === 2 && LINK_WORDS.has(args[0]!.toLowerCase())) return parsed({ action: 'link', personId: args[1]! });
    return unparsable;
  },
  run: async (args: MeArgs, context, deps): Promise<Me> => {
    const requested = args.action === 'link';
    if (args.action === 'link') await deps.identities.requestLink(context.user, args.personId);
    const link = await deps.identities.link(context.user);
    const person = link ? await deps.directory.entityOfKind(link.personId, 'Person') : null;
    const roles = person && link?.status === 'confirmed' ? await deps.directory.rolesOfPerson(person.id) : [];
    return { user: context.user, link, person, roles, requested };
  },
  render: ({ user, link, person, roles, requested }, { language }) => {
    const de = language === 'de';
    if (!link || !person) {
      return reply([de ? `Ihr Chat-Konto ${user.userId} ist mit keiner Person verknüpft.` : `Your chat account ${user.userId} is not linked to a person.`, de ? 'Verknüpfen: !ich verknüpfen <Personen-ID> – eine Koordinator:in bestätigt es dann.' : 'To link it: !me link <person id> – a coordinator then confirms it.']);
    }
    if (link.status === 'pending') {
      return reply([
        requested ? (de ? 'Ihre Anfrage ist gespeichert.' : 'Your request is saved.') : '',
        de ? `Die Verknüpfung mit ${person.id} wartet auf Bestätigung durch eine Koordinator:in: !bestätigen ${user.userId} ${person.id}` : `The link to ${person.id} awaits a coordinator's confirmation: !confirm ${user.userId} ${person.id}`,
      ].filter(Boolean), { privateDetails: true });
    }
    return reply(
      [
        [{ bold: person.name }, ...channelParts(person.channels, language)],
        ...roles.map((r) => [`  ${ROLE_LABEL[r.role][language]}`]),
        [de ? `Sprachen: ${person.languages.join(', ')}` : `Languages: ${person.languages.join(', ')}`],
      ],
      { title: de ? 'Das weiß der Hub über Sie' : 'What the hub knows about you', privateDetails: true },
    );
  },
});
