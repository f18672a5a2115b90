import { INSTITUTION_TYPES, type InstitutionType } from '../../../domain/model.js';
import type { TextRule } from '../../../domain/text.js';

// What a KIK or Koordinationskraft offers institutions (the police, job centres, hospitals,
// schools): an intercultural training for the job centre's team, an interpreting pool for
// hospitals. Institutions find offers by their type or a topic and ask for one: the request goes
// to whoever offers it and is routed like any other.

export interface AdviceOffer {
  id: string;
  title: string;
  description: string;
  /** The KIK or Koordinationskraft who offers it. */
  providerId: string;
  institutionTypes: InstitutionType[];
  topicIds: string[];
  /** The district it is offered in. */
  districtAgs: string;
  createdAt: string;
  demo: boolean;
}

export const ADVICE_TITLE: TextRule = { field: 'title', fieldDe: 'Titel', max: 200 };
export const ADVICE_DESCRIPTION: TextRule = {
  field: 'description',
  fieldDe: 'Beschreibung',
  max: 2000,
  multiline: true,
};

/** Institution types by the words people use for them, in German and English. */
const TYPE_WORDS: Record<InstitutionType, string[]> = {
  POLICE: ['polizei', 'police'],
  EMPLOYMENT_AGENCY: ['arbeitsagentur', 'agentur für arbeit', 'arbeitsamt', 'employment agency'],
  JOBCENTER: ['jobcenter', 'job centre', 'job center'],
  HOSPITAL: ['krankenhaus', 'krankenhäuser', 'klinik', 'kliniken', 'hospital', 'hospitals', 'praxis', 'praxen'],
  SCHOOL: ['schule', 'schulen', 'school', 'schools', 'kita', 'kitas'],
  WELFARE: ['wohlfahrt', 'wohlfahrtsverband', 'welfare'],
  AUTHORITY: ['behörde', 'behörden', 'amt', 'ämter', 'authority', 'authorities'],
  OTHER: [],
};

/** The institution type a word names, if it names one. */
export function institutionTypeOf(word: string): InstitutionType | null {
  const wanted = word.trim().toLowerCase();
  const upper = wanted.toUpperCase().replace(/[ -]/g, '_');
  if ((INSTITUTION_TYPES as readonly string[]).includes(upper)) return upper as InstitutionType;
  for (const type of INSTITUTION_TYPES) if (TYPE_WORDS[type].includes(wanted)) return type;
  return null;
}
