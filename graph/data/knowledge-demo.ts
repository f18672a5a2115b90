import type { Viewer } from '../../src/services/access/domain/access.js';
import type { ArticleInput, KnowledgeBase } from '../../src/features/knowledge/knowledge-base.js';
import { districtsOfState } from './districts.js';
import { SAXON_TOWNS } from './saxony-demo.js';
import { topicId } from './topics.js';

// Demo articles for the knowledge base: for every Saxon district a how-to on accommodation, a
// letter to parents in plain language and a press note after a neighbourhood meeting, written
// by the district's (fictional) Koordinationskraft; two for the whole network. All marked as demo.

const DEMO_MARK = '\n\n*Beispielbeitrag aus den Demodaten des Integrations-Hubs.*';

function districtArticles(inDistrict: string, town: string): ArticleInput[] {
  return [
    {
      title: `Unterbringung Geflüchteter ${inDistrict}: die ersten Schritte`,
      kind: 'HOWTO',
      topics: [topicId('accommodation')],
      visibility: 'PUBLIC',
      body: `## Wer ist zuständig?\n\nDie Erstunterbringung übernimmt der Kreis in seinen Gemeinschaftsunterkünften. Danach vermitteln die Gemeinden Wohnungen; die Kommunale Integrationskoordination (KIK) Ihrer Gemeinde hilft bei der Suche.\n\n## Was vorbereiten?\n\n1. Zahl der Personen und Familien klären\n2. Freie Wohnungen mit der Wohnungsgesellschaft abstimmen\n3. Ehrenamtliche Begleitung für die ersten Wochen anfragen (Willkommensbündnis in ${town})\n\n## Kontakt\n\nFragen gehen über \`!anfrage ${town} Unterbringung …\` an die KIK.${DEMO_MARK}`,
    },
    {
      title: `Elternbrief in einfacher Sprache: Anmeldung in der Kita ${town}`,
      kind: 'TEMPLATE',
      topics: [topicId('education'), topicId('language')],
      visibility: 'NETWORK',
      body: `Liebe Eltern,\n\nIhr Kind kann in die Kita gehen. Die Kita ist in ${town}.\n\n- Bitte kommen Sie mit Ihrem Kind zur Anmeldung.\n- Bringen Sie den Ausweis mit.\n- Eine Dolmetscherin hilft, wenn Sie möchten.\n\nViele Grüße\nIhre Gemeinde ${town}${DEMO_MARK}`,
    },
    {
      title: `Pressenotiz nach dem Nachbarschaftstreffen in ${town}`,
      kind: 'TEMPLATE',
      topics: [topicId('integration')],
      visibility: 'COORDINATORS',
      body: `**${town}.** Rund 60 Nachbarinnen und Nachbarn kamen am Samstag zum Nachbarschaftstreffen. Das Willkommensbündnis, die Gemeinde und die Kommunale Integrationskoordination stellten Sprachkurse, Patenschaften und die Unterbringung im Ort vor.\n\n> „Wir wollen, dass sich alle hier zu Hause fühlen“, sagte die Bürgermeisterin.\n\nDas nächste Treffen ist im Frühjahr geplant.${DEMO_MARK}`,
    },
  ];
}

const NETWORK_ARTICLES: ArticleInput[] = [
  {
    title: 'Mehrsprachiger Aushang: Sprechzeiten der Integrationskoordination',
    kind: 'TEMPLATE',
    topics: [topicId('language')],
    visibility: 'PUBLIC',
    body: `| Deutsch | English | Українська | العربية |\n|---|---|---|---|\n| Sprechzeit: Dienstag 9–12 Uhr | Office hours: Tuesday 9–12 | Години прийому: вівторок 9–12 | ساعات العمل: الثلاثاء ٩–١٢ |\n\nBitte passen Sie Ort und Zeiten an.${DEMO_MARK}`,
  },
  {
    title: 'Checkliste: Dolmetschen im Krankenhaus',
    kind: 'CHECKLIST',
    topics: [topicId('health'), topicId('language')],
    visibility: 'NETWORK',
    body: `- [ ] Sprache und Dialekt klären\n- [ ] Dolmetscherpool des Kreises anfragen\n- [ ] Schweigepflicht erklären\n- [ ] Kosten: Kostenübernahme vorher klären\n- [ ] Nach dem Termin: Rückmeldung an die Koordination${DEMO_MARK}`,
  },
];

/** Writes the demo articles through the knowledge base (as each district's Koordinationskraft). */
export async function seedDemoKnowledge(knowledge: KnowledgeBase): Promise<number> {
  let written = 0;
  const author = (districtAgs: string | null): Viewer => ({
    personId: `person:demo-${districtAgs ?? '14627'}-koordinationskraft`,
    access: 'DISTRICT_COORDINATOR',
    districtAgs: districtAgs ?? '14627',
    personalData: true,
    roles: ['KOORDINATIONSKRAFT'],
  });
  for (const district of districtsOfState('14')) {
    const town = SAXON_TOWNS.get(district.ags)?.[0] ?? district.name;
    const inDistrict = district.districtKind === 'LANDKREIS' ? `im Landkreis ${district.name}` : `in ${district.name}`;
    for (const article of districtArticles(inDistrict, town)) {
      await knowledge.create({ ...article, districtAgs: district.ags }, author(district.ags));
      written++;
    }
  }
  for (const article of NETWORK_ARTICLES) {
    await knowledge.create(article, author(null));
    written++;
  }
  return written;
}
