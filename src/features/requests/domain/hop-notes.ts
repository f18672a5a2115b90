import type { Language } from '../../../domain/errors.js';

// The notes the router writes on the hops it makes itself. They are stored as written (older
// stores hold them so) and worded for the reader here: no English, and no ids, in German answers.

const ROUTED: Record<string, Record<Language, string>> = {
  'KIK of the municipality': { de: 'KIK der Gemeinde', en: 'KIK of the municipality' },
  'Koordinationskraft of the district': {
    de: 'Koordinationskraft des Kreises',
    en: 'Koordinationskraft of the district',
  },
};
const ADVICE_OFFER = /^advice offer \S+$/;

/** The note of a routing hop the router made, as written for the store. */
export function routedNote(level: 'KIK' | 'KOORDINATIONSKRAFT'): string {
  return level === 'KIK' ? 'KIK of the municipality' : 'Koordinationskraft of the district';
}

/** A hop's note for a reader: the router's own notes in their language, people's notes as they wrote them. */
export function hopNoteFor(note: string | null, language: Language): string | null {
  if (note === null) return null;
  const routed = ROUTED[note];
  if (routed) return routed[language];
  if (ADVICE_OFFER.test(note)) return language === 'de' ? 'über ein Beratungsangebot' : 'through an advice offer';
  return note;
}
