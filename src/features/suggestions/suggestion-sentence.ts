import type { Language } from '../../domain/errors.js';
import type { Suggestion } from './domain/suggestions.js';

// A suggestion with its facts in one sentence and its next step, in the reader's language.

function list(names: readonly string[], language: Language): string {
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${language === 'de' ? 'und' : 'and'} ${names.at(-1)}`;
}

export function suggestionSentence(
  s: Suggestion,
  name: (id: string) => string,
  language: Language,
): { reason: string; step: string } {
  const de = language === 'de';
  const subjects = s.subjectIds.map(name);
  if (s.kind === 'EXCHANGE_MEETING') {
    // Topic names hold "und" themselves ("Sprache und Dolmetschen"): quoted, the list stays readable.
    const topics = list(
      s.topicIds.map((id) => (de ? `„${name(id)}“` : `"${name(id)}"`)),
      language,
    );
    return {
      reason: de
        ? `${subjects[0]} und ${subjects[1]} haben offene oder jüngste Anfragen zu ${topics}; ihre KIK haben sich in den letzten ${s.quietMonths} Monaten nicht getroffen.`
        : `${subjects[0]} and ${subjects[1]} have open or recent requests on ${topics}; their KIK have not met in the last ${s.quietMonths} months.`,
      step: de
        ? `Austauschtreffen vorschlagen${s.peopleIds.length ? ` mit ${list(s.peopleIds.map(name), language)}` : ''}`
        : `propose an exchange meeting${s.peopleIds.length ? ` with ${list(s.peopleIds.map(name), language)}` : ''}`,
    };
  }
  return {
    reason: de
      ? `${subjects[0]} hat keine Verbindung zu einer Koordinationskraft oder KIK des Kreises.`
      : `${subjects[0]} has no link to a coordinator of the district.`,
    step: de
      ? `vorstellen${s.peopleIds.length ? `: ${list(s.peopleIds.map(name), language)}` : ''}`
      : `introduce${s.peopleIds.length ? `: ${list(s.peopleIds.map(name), language)}` : ''}`,
  };
}
