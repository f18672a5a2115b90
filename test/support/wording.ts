import {
  CHANNEL_KINDS,
  DISTRICT_KINDS,
  INSTITUTION_TYPES,
  LINK_TYPES,
  PROJECT_STATUSES,
  ROLES,
  VISIBILITIES,
} from '../../src/domain/model.js';
import type { Language } from '../../src/domain/errors.js';
import { REQUEST_STATES } from '../../src/features/requests/domain/requests.js';
import { RSVP_ANSWERS } from '../../src/features/meetings/domain/meetings.js';
import { PROPOSAL_STATES } from '../../src/features/proposals/domain/proposals.js';

// What a text people read must not contain (issue 35; the rules are written down in
// docs/wording.md): ids outside the commands one types (in either language); in German texts
// field paths, code names, enum values and ISO dates; English in German texts and German in
// English ones, outside quotes; leftovers of code (undefined, [object Object], a stack). Command
// references (⟦accept request:1⟧) are what the reader types and are left out of the check.

const ID =
  /\b(?:person|municipality|district|alliance|institution|topic|request|meeting|project|fundingprogram|funding|role|link|audit|proposal|poll|article|offer|call|series|change|token):[\w-]+/i;
/** Words that are English and never German (nor a name the examples use). */
const ENGLISH = [
  'the',
  'and',
  'with',
  'your',
  'please',
  'must',
  'should',
  'would',
  'been',
  'from',
  'this',
  'that',
  'which',
  'not',
  'of',
  'for',
  'to',
  'on',
  'at',
  'is',
  'are',
  'has',
  'have',
  'yes',
  'no',
  'request',
  'meeting',
  'unknown',
  'invalid',
  'error',
];
/** Words that are German and never English. */
const GERMAN = [
  'und',
  'nicht',
  'bitte',
  'wurde',
  'wurden',
  'Ihre',
  'Ihr',
  'Ihnen',
  'Sie',
  'mit',
  'für',
  'ist',
  'sind',
  'oder',
  'eine',
  'einer',
  'werden',
  'können',
  'Anfrage',
  'Treffen',
  'Termin',
  'heute',
  'morgen',
  'bis',
  'vom',
];
/** Code names of enum values that would read as jargon: every one the domain has, but the abbreviations people use (KIK, EU). */
const ENUM_VALUES = new Set<string>(
  [
    ...ROLES,
    ...DISTRICT_KINDS,
    ...VISIBILITIES,
    ...CHANNEL_KINDS,
    ...INSTITUTION_TYPES,
    ...LINK_TYPES,
    ...PROJECT_STATUSES,
    ...REQUEST_STATES,
    ...RSVP_ANSWERS,
    ...PROPOSAL_STATES,
  ].filter((value) => !['KIK', 'EU'].includes(value)),
);

const words = (text: string) => text.match(/[\p{L}_]+/gu) ?? [];

export function wordingProblems(text: string, language: Language): string[] {
  const prose = text.replace(/⟦[^⟧]*⟧/g, '⟦…⟧').replace(/https?:\/\/\S+/g, '<link>');
  const problems: string[] = [];
  const id = prose.match(ID);
  if (id) problems.push(`an id in the text: ${id[0]}`);
  // What is quoted is someone's own words (a title, a note, a system's message) or a setting's
  // name, and stays as written.
  const ownWords = prose.replace(/„[^“]*“|"[^"]*"|“[^”]*”/g, '“…”');
  if (language === 'de') {
    const path = ownWords.match(/\b[a-z]+(?:[A-Z][a-z]+)+\b|\b[a-z]+\.\d+\b|\b[a-z]+_[a-z_]+\b|\b[a-z]+=\S+/);
    if (path) problems.push(`a field or code name: ${path[0]}`);
    const enumValue = words(ownWords).find((w) => ENUM_VALUES.has(w) || /^[A-Z]+_[A-Z_]+$/.test(w));
    if (enumValue) problems.push(`an enum value: ${enumValue}`);
  }
  const foreign = language === 'de' ? ENGLISH : GERMAN;
  const stranger = words(ownWords).find((w) =>
    foreign.some((f) => (language === 'de' ? w.toLowerCase() === f : w === f)),
  );
  if (stranger)
    problems.push(`${language === 'de' ? 'English in a German' : 'German in an English'} text: "${stranger}"`);
  if (language === 'de') {
    const iso = prose.match(/\b\d{4}-\d{2}-\d{2}\b/);
    if (iso) problems.push(`a date not written the German way: ${iso[0]}`);
  }
  const leftover = prose.match(/\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]|\bat \S+\.ts:\d+/);
  if (leftover) problems.push(`a leftover of code: ${leftover[0]}`);
  return problems;
}
