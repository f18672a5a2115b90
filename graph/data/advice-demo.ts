import type { AdviceOffers } from '../../src/features/advice/advice-offers.js';
import { districtsOfState } from './districts.js';

// Demo advice offers: in every Saxon district the (fictional) Koordinationskraft offers an
// intercultural training for the job centre and employment agency teams and an interpreting
// pool for hospitals and practices.

export async function seedDemoAdvice(advice: AdviceOffers): Promise<number> {
  let written = 0;
  for (const district of districtsOfState('14')) {
    const viewer = {
      personId: `person:demo-${district.ags}-koordinationskraft`,
      access: 'DISTRICT_COORDINATOR' as const,
      districtAgs: district.ags,
      personalData: true,
      roles: ['KOORDINATIONSKRAFT' as const],
    };
    await advice.create(
      {
        title: `Interkulturelles Training für das Team des Jobcenters (${district.name}, Demo)`,
        description:
          'Ein halber Tag für Beratungsteams: Aufenthaltsstatus und Arbeitsmarktzugang, Arbeit mit Sprachmittlung, typische Missverständnisse. Termine nach Absprache.',
        institutionTypes: ['JOBCENTER', 'EMPLOYMENT_AGENCY'],
        topics: ['topic:labour-market', 'topic:intercultural-opening'],
        demo: true,
      },
      viewer,
    );
    await advice.create(
      {
        title: `Dolmetscherpool für Krankenhäuser und Praxen (${district.name}, Demo)`,
        description:
          'Vermittlung ehrenamtlicher und professioneller Sprachmittlung für Aufnahme, Aufklärung und Entlassung; Hinweise zur Kostenübernahme.',
        institutionTypes: ['HOSPITAL'],
        topics: ['topic:language', 'topic:health'],
        demo: true,
      },
      viewer,
    );
    written += 2;
  }
  return written;
}
