import { NotFound } from '../../src/domain/errors.js';
import type { Entity } from '../../src/domain/model.js';
import { displayName, mayListPerson } from '../../src/services/access/domain/privacy.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';

interface Neighbourhood {
  actor: Entity;
  links: { name: string; types: string[] }[];
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
    de: '!netzwerk <Gemeinde|Bündnis|Institution|Projekt>',
    en: '!network <municipality|alliance|institution|project>',
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
  parse: (args) => (args.length === 0 ? unparsable : parsed(args.join(' '))),
  run: async (name, context, deps): Promise<Neighbourhood> => {
    const [actor] = await deps.directory.search(
      name.slice(0, 100),
      ['Municipality', 'Alliance', 'Institution', 'District', 'Project'],
      1,
    );
    if (!actor) throw new NotFound('Municipality', name);
    const graph = await deps.services.network.graph();
    const links = graph.hasNode(actor.id)
      ? graph.mapNeighbors(actor.id, (id, attrs) => ({
          id,
          attrs,
          types: graph.getEdgeAttribute(actor.id, id, 'types'),
        }))
      : [];
    const shown = links
      .filter(({ id, attrs }) => attrs.kind !== 'Person' || mayListPerson(context.viewer, id, attrs.roles))
      .map(({ id, attrs, types }) => ({
        name:
          attrs.kind === 'Person'
            ? displayName(context.viewer, { id, name: attrs.name }, attrs.roles, deps.services.privacy)
            : attrs.name,
        types,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
    return { actor, links: shown };
  },
  render: ({ actor, links }, { language }) =>
    reply(
      links.length
        ? links.map((l) => [`${l.name} (${l.types.map((t) => TYPE_LABEL[t]?.[language] ?? t).join(', ')})`])
        : [language === 'de' ? 'Noch keine Verbindungen.' : 'No links yet.'],
      { title: language === 'de' ? `Netzwerk von ${actor.name}` : `Network of ${actor.name}` },
    ),
});
