import { entityId } from '../../src/domain/ids.js';
import type { Link, NetworkBundle, Project } from '../../src/domain/model.js';
import { topicId } from './topics.js';

// Demo projects of intercultural opening (fictional, marked as demo): two per Saxon district, one
// running on the district's small-projects fund (see funding-demo.ts) and one still an idea, so the
// map, `network` and the analytics have projects to show and municipalities still without one.

const IDEAS = [
  {
    title: 'Willkommenspaten im Rathaus',
    aims: 'Ehrenamtliche begleiten Neuzugewanderte bei ersten Behördengängen; Bürgerbüro mit mehrsprachigen Hinweisen.',
    topic: 'intercultural-opening',
  },
  {
    title: 'Interkulturelles Elterncafé',
    aims: 'Monatlicher Treff von Eltern, Kita und Schule, mit Sprachmittlung, um Fragen früh zu klären.',
    topic: 'integration',
  },
  {
    title: 'Wohnungsbörse mit Begleitung',
    aims: 'Vermieter und Wohnungssuchende zusammenbringen; Begleitung bei Besichtigung und Vertrag.',
    topic: 'accommodation',
  },
] as const;

export function addDemoProjects(bundle: NetworkBundle): void {
  for (const district of bundle.districts) {
    const towns = bundle.municipalities.filter((m) => m.districtAgs === district.ags);
    const alliances = bundle.alliances.filter((a) => a.districtAgs === district.ags);
    const institutions = bundle.institutions.filter((i) => i.districtAgs === district.ags);
    const kik = bundle.persons.find((p) => p.id === entityId('Person', `demo-${district.ags}-kik-1`));
    const contact =
      kik ?? bundle.persons.find((p) => p.id === entityId('Person', `demo-${district.ags}-koordinationskraft`));
    const place = (i: number) => towns[i % Math.max(1, towns.length)]?.id ?? null;
    const index = Number(district.ags) % IDEAS.length;
    const running = IDEAS[index]!;
    const idea = IDEAS[(index + 1) % IDEAS.length]!;
    const projects: Project[] = [
      {
        kind: 'Project',
        id: entityId('Project', `demo-${district.ags}-1`),
        name: `${running.title} ${towns[0]?.name ?? district.name} (Demo)`,
        districtAgs: district.ags,
        municipalityId: place(0),
        aims: running.aims,
        status: 'RUNNING',
        topicIds: [topicId(running.topic)],
        fundingCallId: `demo-kleinprojekte-${district.ags}`,
        startsOn: '2026-03-01',
        endsOn: '2027-02-28',
        results: null,
        contactPersonId: contact?.id ?? null,
        demo: true,
      },
      {
        kind: 'Project',
        id: entityId('Project', `demo-${district.ags}-2`),
        name: `${idea.title} ${towns[1]?.name ?? district.name} (Demo)`,
        districtAgs: district.ags,
        municipalityId: place(1),
        aims: idea.aims,
        status: 'IDEA',
        topicIds: [topicId(idea.topic)],
        fundingCallId: null,
        startsOn: null,
        endsOn: null,
        results: null,
        contactPersonId: contact?.id ?? null,
        demo: true,
      },
    ];
    bundle.projects.push(...projects);
    let partners = 0;
    const partner = (fromId: string | undefined, project: Project, since: string | null): Link[] =>
      fromId
        ? [
            {
              id: `link:demo-partner-${district.ags}-${++partners}`,
              type: 'PARTNER_IN',
              fromId,
              toId: project.id,
              since,
              note: null,
            },
          ]
        : [];
    bundle.links.push(
      ...partner(alliances[0]?.id, projects[0]!, '2026-03-01'),
      ...partner(institutions[0]?.id, projects[0]!, '2026-03-01'),
      ...partner(kik?.id, projects[0]!, '2026-03-01'),
      ...partner(alliances[1]?.id ?? alliances[0]?.id, projects[1]!, null),
    );
  }
}
