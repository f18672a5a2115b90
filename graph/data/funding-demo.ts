import { SYSTEM } from '../../src/services/access/domain/authorization.js';
import type { FundingCalls } from '../../src/features/funding/funding-calls.js';
import { districtsOfState } from './districts.js';

// Demo funding calls (fictional, marked as demo): one small-projects fund per Saxon district, a
// call of the Land, one of the Bund and one of a foundation, open from 30 days ago and closing
// over the next months, so `!foerderung` has something to show on a fresh hub.

const day = (today: string, offset: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

function demoFundingCalls(today: string): Record<string, unknown>[] {
  const opens = day(today, -30);
  const perDistrict = districtsOfState('14').map((district, i) => ({
    id: `demo-kleinprojekte-${district.ags}`,
    title: `Kleinprojektefonds Integration ${district.name} (Demo)`,
    funder: `Kreis ${district.name}`,
    level: 'LAND',
    topics: 'topic:integration;topic:intercultural-opening',
    eligible: 'ALLIANCE;MUNICIPALITY',
    amountMin: 500,
    amountMax: 5000,
    coFinancingPercent: 10,
    url: `https://example.org/demo/kleinprojekte-${district.ags}`,
    opensOn: opens,
    closesOn: day(today, 21 + i * 7),
    districtAgs: district.ags,
    demo: true,
  }));
  return [
    ...perDistrict,
    {
      id: 'demo-wohnraum-sachsen',
      title: 'Wohnraum und Begleitung beim Einzug (Demo)',
      funder: 'Freistaat Sachsen',
      level: 'LAND',
      programmeId: 'funding:richtlinie-integrative-massnahmen',
      topics: 'topic:accommodation;topic:accompaniment',
      eligible: 'MUNICIPALITY;ALLIANCE;INSTITUTION',
      amountMin: 10_000,
      amountMax: 80_000,
      coFinancingPercent: 20,
      url: 'https://example.org/demo/wohnraum-sachsen',
      opensOn: opens,
      closesOn: day(today, 45),
      stateCode: '14',
      demo: true,
    },
    {
      id: 'demo-sprachmittlung-bund',
      title: 'Sprachmittlung in Kommunen (Demo)',
      funder: 'Bund',
      level: 'BUND',
      topics: 'topic:language;topic:health',
      eligible: 'MUNICIPALITY;INSTITUTION',
      amountMax: 50_000,
      coFinancingPercent: 10,
      url: 'https://example.org/demo/sprachmittlung',
      opensOn: opens,
      closesOn: day(today, 90),
      demo: true,
    },
    {
      id: 'demo-nachbarschaft-stiftung',
      title: 'Nachbarschaft verbindet (Demo)',
      funder: 'Stiftung Beispiel',
      level: 'STIFTUNG',
      topics: 'topic:integration;topic:accommodation',
      eligible: 'ALLIANCE',
      amountMax: 3000,
      url: 'https://example.org/demo/nachbarschaft',
      opensOn: opens,
      closesOn: day(today, 60),
      public: false,
      demo: true,
    },
  ];
}

/** Imports the demo calls, dated from today. Answers how many. */
export function seedDemoFunding(funding: FundingCalls): Promise<number> {
  return funding.import(JSON.stringify(demoFundingCalls(funding.today())), 'json', SYSTEM);
}
