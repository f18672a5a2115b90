import { entityId } from '../../src/domain/ids.js';
import type { FundingProgram, Topic } from '../../src/domain/model.js';

// The topics of the coordinators' work (DOMAIN.md) and the funding levels they inform about.

const TOPICS: [key: string, name: string, nameEn: string][] = [
  ['accommodation', 'Unterbringung und Wohnen', 'Accommodation and housing'],
  ['accompaniment', 'Begleitung', 'Accompaniment'],
  ['integration', 'Integration', 'Integration'],
  ['labour-market', 'Arbeitsmarkt', 'Labour market'],
  ['language', 'Sprache und Dolmetschen', 'Language and interpreting'],
  ['health', 'Gesundheit', 'Health'],
  ['education', 'Bildung und Schule', 'Education and school'],
  ['funding', 'Fördermöglichkeiten', 'Funding'],
  ['intercultural-opening', 'Interkulturelle Öffnung', 'Intercultural opening'],
];

export function standardTopics(): Topic[] {
  return TOPICS.map(([key, name, nameEn]) => ({ kind: 'Topic', id: entityId('Topic', key), name, nameEn }));
}

export const topicId = (key: string): string => entityId('Topic', key);

export function standardFundingPrograms(): FundingProgram[] {
  return [
    {
      kind: 'FundingProgram',
      id: entityId('FundingProgram', 'amif'),
      name: 'Asyl-, Migrations- und Integrationsfonds (AMIF)',
      level: 'EU',
      topicIds: [topicId('integration'), topicId('accommodation')],
    },
    {
      kind: 'FundingProgram',
      id: entityId('FundingProgram', 'integrationskurse'),
      name: 'Integrationskurse des Bundes',
      level: 'BUND',
      topicIds: [topicId('language'), topicId('integration')],
    },
    {
      kind: 'FundingProgram',
      id: entityId('FundingProgram', 'richtlinie-integrative-massnahmen'),
      name: 'Richtlinie Integrative Maßnahmen',
      level: 'LAND',
      topicIds: [topicId('intercultural-opening'), topicId('accompaniment'), topicId('funding')],
    },
  ];
}
