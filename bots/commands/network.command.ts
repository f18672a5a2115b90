import { NotFound } from '../../src/domain/errors.js';
import type { Entity } from '../../src/domain/model.js';
import { displayName, mayListPerson } from '../../src/services/access/domain/privacy.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';
import { germanDay, splitAsOf } from '../core/as-of.js';

interface Neighbourhood {
  actor: Entity;
  links: { name: string; types: string[] }[];
  /** The day asked for ("am 06.11.2026"), or null for now. */
  day: string | null;
}

const TYPE_LABEL: Record<string, { de: string; en: string }> = {
  SERVES: { de: 'betreut', en: 'serves' },
  ACTIVE_IN: { de: 'aktiv in', en: 'active in' },
  EXPERT_IN: { de: 'Fachthema', en: 'expertise' },
  COOPERATES_WITH: { de: 'arbeitet zusammen', en: 'cooperates' },
  PARTNER_IN: { de: 'Projektpartner', en: 'project partner' },
  ROLE: { de: 'Rolle', en: 'role' },
  MEMBER_OF: { de: 'Mitglied', en: 'member' },
  WORKS_AT: { de: 'arbeitet bei', en: 'works at' },
  PART_OF: { de: 'gehört zu', en: 'part of' },
  LOCATED_IN: { de: 'Standort', en: 'located in' },
  MET: { de: 'gemeinsame Treffen', en: 'met' },
  ROUTED_REQUEST: { de: 'Anfragen', en: 'requests' },
  ABOUT: { de: 'Thema', en: 'topic' },
  BASED_IN: { de: 'ansässig in', en: 'based in' },
};

export const networkCommand = defineCommand({
  name: { de: 'netzwerk', en: 'network' },
  summary: {
    de: 'die direkten Verbindungen einer Gemeinde, eines Bündnisses, einer Institution oder eines Projekts',
    en: 'the direct links of a municipality, alliance, institution or project',
  },
  usage: {
    de: '!netzwerk <Gemeinde|Bündnis|Institution|Projekt> [am <Tag>]',
    en: '!network <municipality|alliance|institution|project> [on <day>]',
  },
  example: { de: '!netzwerk Radebeul', en: '!network Radebeul' },
  options: [
    {
      name: { de: 'name', en: 'name' },
      description: { de: 'Gemeinde, Bündnis oder Institution', en: 'municipality, alliance or institution' },
      required: true,
      autocomplete: 'actor',
      rest: true,
    },
  ],
  uses: ['network', 'privacy'],
  replaySafe: true,
  parse: (args) => {
    const { words, day } = splitAsOf(args, new Date());
    return words.length === 0 ? unparsable : parsed({ name: words.join(' '), day });
  },
  run: async ({ name, day }, context, deps): Promise<Neighbourhood> => {
    const [actor] = await deps.directory.search(
      name.slice(0, 100),
      ['Municipality', 'Alliance', 'Institution', 'District', 'Project'],
      1,
    );
    if (!actor) throw new NotFound('Municipality', name);
    const graph = await deps.services.network.graph(day);
    // As of a day, a person is shown only where both the rules of then and of today allow it.
    const now = day ? await deps.services.network.graph() : graph;
    const rolesNow = (id: string) => (now.hasNode(id) ? now.getNodeAttribute(id, 'roles') : []);
    const links = graph.hasNode(actor.id)
      ? graph.mapNeighbors(actor.id, (id, attrs) => ({
          id,
          attrs,
          types: graph.getEdgeAttribute(actor.id, id, 'types'),
        }))
      : [];
    const shown = links
      .filter(
        ({ id, attrs }) =>
          attrs.kind !== 'Person' ||
          (mayListPerson(context.viewer, id, attrs.roles) && mayListPerson(context.viewer, id, rolesNow(id))),
      )
      .map(({ id, attrs, types }) => ({
        name:
          attrs.kind === 'Person'
            ? displayName(context.viewer, { id, name: attrs.name }, attrs.roles, deps.services.privacy)
            : attrs.name,
        types,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
    return { actor, links: shown, day };
  },
  render: ({ actor, links, day }, { language }) =>
    reply(
      links.length
        ? links.map((l) => [`${l.name} (${l.types.map((t) => TYPE_LABEL[t]?.[language] ?? t).join(', ')})`])
        : [language === 'de' ? 'Noch keine Verbindungen.' : 'No links yet.'],
      {
        title:
          language === 'de'
            ? `Netzwerk von ${actor.name}${day ? ` am ${germanDay(day)}` : ''}`
            : `Network of ${actor.name}${day ? ` on ${day}` : ''}`,
      },
    ),
});
