import type { Person, RoleAssignment } from '../../src/domain/model.js';
import { NotAllowed } from '../../src/domain/errors.js';
import { isPseudonymised, mayListPerson } from '../../src/services/access/domain/privacy.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';
import { channelParts, personView, ROLE_LABEL, type PersonView } from './people.js';

interface Found {
  view: PersonView;
  roles: RoleAssignment[];
  scopes: Map<string, string>;
}

export const whoCommand = defineCommand({
  name: { de: 'wer', en: 'who' },
  summary: { de: 'die Rollen einer Person und wie Sie sie erreichen', en: "a person's roles and how to reach them" },
  usage: { de: '!wer <Name>', en: '!who <name>' },
  example: { de: '!wer Weber', en: '!who Weber' },
  options: [
    {
      name: { de: 'name', en: 'name' },
      description: { de: 'der Name oder ein Teil davon', en: 'the name or part of it' },
      required: true,
      autocomplete: 'person',
      rest: true,
    },
  ],
  uses: ['privacy'],
  replaySafe: true,
  parse: (args) => (args.length === 0 ? unparsable : parsed(args.join(' '))),
  run: async (name, context, deps): Promise<Found[]> => {
    if (isPseudonymised(context.viewer))
      throw new NotAllowed(
        'search people by name without access to personal data',
        'Personen ohne Zugriff auf personenbezogene Daten nicht nach Namen suchen',
      );
    const people = (await deps.directory.search(name.slice(0, 100), ['Person'], 10)) as Person[];
    const roles = await Promise.all(people.map((p) => deps.directory.rolesOfPerson(p.id)));
    const listed = people
      .map((p, i) => ({ p, roles: roles[i]! }))
      .filter(({ p, roles: r }) =>
        mayListPerson(
          context.viewer,
          p.id,
          r.map((x) => x.role),
        ),
      );
    const scopeIds = [
      ...new Set(listed.flatMap((x) => x.roles.map((r) => r.scopeId).filter((s): s is string => s !== null))),
    ];
    const scopes = await Promise.all(scopeIds.map((id) => deps.directory.entity(id)));
    const names = new Map(scopes.filter((s) => s !== null).map((s) => [s!.id, s!.name]));
    return listed.slice(0, 5).map(({ p, roles: r }) => ({
      view: personView(
        context.viewer,
        p,
        r.map((x) => x.role),
        deps.services.privacy,
      ),
      roles: r,
      scopes: names,
    }));
  },
  render: (found, { language }) => {
    if (found.length === 0)
      return reply([
        language === 'de' ? 'Niemanden gefunden, den ich Ihnen zeigen darf.' : 'Nobody found that I may show you.',
      ]);
    const lines = found.flatMap(({ view, roles, scopes }) => [
      [{ bold: view.name }, ...channelParts(view.channels, language)],
      ...roles.map((r) => [
        `  ${ROLE_LABEL[r.role][language]}${r.scopeId && scopes.get(r.scopeId) ? ` – ${scopes.get(r.scopeId)}` : ''}`,
      ]),
    ]);
    return reply(lines, { privateDetails: found.some((f) => f.view.hasPrivateChannels) });
  },
});
