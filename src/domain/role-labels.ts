import type { Language } from './language.js';
import type { Role } from './model.js';

// One table of role labels, for chat, notices, mails, pages and errors alike.

export const ROLE_LABEL: Record<Role, Record<Language, string>> = {
  KIK: { de: 'Kommunale Integrationskoordination', en: 'Municipal integration coordinator' },
  KOORDINATIONSKRAFT: { de: 'Koordinationskraft Integration', en: 'Integration coordinator of the district' },
  BEAUFTRAGTE: { de: 'Ausländer- und Integrationsbeauftragte', en: 'Commissioner for foreigners and integration' },
  VOLUNTEER: { de: 'Ehrenamt', en: 'Volunteer' },
  INSTITUTION_CONTACT: { de: 'Ansprechperson einer Institution', en: 'Institution contact' },
  ANALYST: { de: 'Analyse', en: 'Analyst' },
  ADMIN: { de: 'Administration', en: 'Administrator' },
};

/** The label inside a sentence (English lower-cased: "your role as municipal integration coordinator"). */
export function roleInSentence(role: Role, language: Language): string {
  const label = ROLE_LABEL[role][language];
  return language === 'en' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
