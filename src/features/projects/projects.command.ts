import type { Project, ProjectStatus } from '../../domain/model.js';
import { displayName, mayListPerson } from '../../services/access/domain/privacy.js';
import { defineCommand, parsed } from '../../../bots/core/command.js';
import { reply, type Inline } from '../../../bots/core/reply.js';

// `!projekte [Gemeinde]`: the projects of intercultural opening in a town or kreisfreie Stadt (or
// in one's own districts), with their status, period, partners and whom to ask: what a KIK tells a
// new mayor. Contact details stay with `!kontakt`; people appear only where the asker may see them.

interface ShownProject {
  project: Project;
  partners: string[];
  contact: string | null;
}

interface Result {
  place: string;
  projects: ShownProject[];
}

const STATUS: Record<ProjectStatus, { de: string; en: string }> = {
  IDEA: { de: 'Idee', en: 'idea' },
  APPLIED: { de: 'Förderung beantragt', en: 'funding applied for' },
  RUNNING: { de: 'läuft', en: 'running' },
  FINISHED: { de: 'abgeschlossen', en: 'finished' },
};

const SHOWN = 10;
const day = (iso: string, de: boolean) => (de ? iso.split('-').reverse().join('.') : iso);

function period(project: Project, de: boolean): string {
  if (!project.startsOn && !project.endsOn) return '';
  const from = project.startsOn ? day(project.startsOn, de) : '…';
  const to = project.endsOn ? day(project.endsOn, de) : '…';
  return ` (${from} – ${to})`;
}

export const projectsCommand = defineCommand({
  name: { de: 'projekte', en: 'projects' },
  summary: {
    de: 'Projekte der interkulturellen Öffnung in einer Gemeinde oder im eigenen Kreis',
    en: 'projects of intercultural opening in a municipality or in your district',
  },
  usage: { de: '!projekte [Gemeinde]', en: '!projects [municipality]' },
  example: { de: '!projekte Meißen', en: '!projects Meißen' },
  options: [
    {
      name: { de: 'gemeinde', en: 'municipality' },
      description: { de: 'Gemeinde oder kreisfreie Stadt (optional)', en: 'municipality or city (optional)' },
      required: false,
      autocomplete: 'municipality',
      rest: true,
    },
  ],
  uses: ['projects', 'privacy'],
  parse: (args) => parsed(args.length ? args.join(' ') : null),
  run: async (name, context, deps): Promise<Result> => {
    const { place, projects } = await deps.services.projects.inPlace(name, context.viewer);
    const shown = projects.slice(0, SHOWN);
    const links = await Promise.all(shown.map((p) => deps.directory.linksOf(p.id)));
    const partnerIds = links.map((ls) => ls.filter((l) => l.type === 'PARTNER_IN').map((l) => l.fromId));
    const namedIds = [...new Set([...partnerIds.flat(), ...shown.flatMap((p) => p.contactPersonId ?? [])])];
    const [entities, roles] = await Promise.all([
      Promise.all(namedIds.map((id) => deps.directory.entity(id))),
      Promise.all(namedIds.map((id) => deps.directory.rolesOfPerson(id))),
    ]);
    const nameOf = (id: string): string | null => {
      const i = namedIds.indexOf(id);
      const entity = entities[i];
      if (!entity) return null;
      if (entity.kind !== 'Person') return entity.name;
      const held = roles[i]!.map((r) => r.role);
      if (!mayListPerson(context.viewer, id, held)) return null;
      return displayName(context.viewer, entity, held, deps.services.privacy);
    };
    return {
      place,
      projects: shown.map((project, i) => ({
        project,
        partners: partnerIds[i]!.map(nameOf).filter((n): n is string => n !== null),
        contact: project.contactPersonId ? nameOf(project.contactPersonId) : null,
      })),
    };
  },
  render: ({ place, projects }, { language }) => {
    const de = language === 'de';
    if (!projects.length)
      return reply([
        de
          ? `Noch keine Projekte der interkulturellen Öffnung in ${place}. Ideen und Förderaufrufe: !foerderung`
          : `No projects of intercultural opening in ${place} yet. Ideas and funding calls: !funding`,
      ]);
    const lines: Inline[][] = [[de ? `Projekte in ${place}:` : `Projects in ${place}:`]];
    projects.forEach(({ project, partners, contact }, i) => {
      lines.push([
        `${i + 1}. `,
        { bold: project.name },
        ` – ${STATUS[project.status][language]}${period(project, de)}`,
      ]);
      if (project.aims) lines.push([`   ${project.aims.replace(/\s+/g, ' ').slice(0, 200)}`]);
      if (partners.length) lines.push([`   ${de ? 'Partner' : 'Partners'}: ${partners.join(', ')}`]);
      if (contact) lines.push([`   ${de ? 'Ansprechperson' : 'Contact'}: ${contact}`]);
    });
    return reply(lines);
  },
});
