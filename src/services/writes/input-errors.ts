import type { z } from 'zod';
import { InvalidInput } from '../../domain/errors.js';

// A refused input in words a coordinator understands: the field by its German name (and which
// entry of a list), the problem in German; the English text stays for analysts' clients.

const FIELDS_DE: Record<string, string> = {
  name: 'Name',
  nameEn: 'englischer Name',
  languages: 'Sprachen',
  channels: 'Kontaktwege',
  channel: 'Art des Kontaktwegs',
  value: 'Kontakt',
  visibility: 'Sichtbarkeit',
  districtAgs: 'Kreis',
  ags: 'Gemeindeschlüssel',
  population: 'Einwohnerzahl',
  topicIds: 'Themen',
  municipalityId: 'Gemeinde',
  institutionType: 'Art der Einrichtung',
  type: 'Art',
  level: 'Förderebene',
  personId: 'Person',
  role: 'Rolle',
  scopeId: 'Ort der Rolle',
  fromId: 'von',
  toId: 'zu',
  since: 'seit',
  until: 'bis',
  note: 'Notiz',
  aims: 'Ziele',
  results: 'Ergebnisse',
  status: 'Stand',
  startsOn: 'Beginn',
  endsOn: 'Ende',
  fundingCallId: 'Förderaufruf',
  contactPersonId: 'Ansprechperson',
  id: 'Kennung',
};

const PROBLEMS_DE: Record<string, string> = {
  'must not be empty': 'darf nicht leer sein',
  'must not contain control characters': 'nur reiner Text ohne Steuerzeichen',
  'must be a five-digit AGS': 'muss ein fünfstelliger Kreisschlüssel sein',
  'must be an eight-digit AGS': 'muss ein achtstelliger Gemeindeschlüssel sein',
  'is not a valid id': 'ist keine gültige Kennung',
  'must be a date as YYYY-MM-DD': 'muss ein Datum sein, z. B. 2027-03-31',
  'is not a funding call id': 'ist keine Kennung eines Förderaufrufs',
  'is not a language we know': 'ist keine bekannte Sprache (z. B. Deutsch, Arabisch oder de, ar)',
};

/** "languages.1" as "Sprachen (2. Eintrag)". */
function fieldDe(path: readonly PropertyKey[]): string {
  const named = path.filter((p) => typeof p === 'string').map((p) => FIELDS_DE[p as string] ?? String(p));
  const index = path.findLast((p) => typeof p === 'number');
  const base = named.at(-1) ?? 'Eingabe';
  return index === undefined ? base : `${base} (${index + 1}. Eintrag)`;
}

function problemDe(issue: z.core.$ZodIssue): string {
  const known = PROBLEMS_DE[issue.message];
  if (known) return known;
  const limits = /^must be at most (\d+) characters$/.exec(issue.message);
  if (limits) return `höchstens ${limits[1]} Zeichen`;
  switch (issue.code) {
    case 'too_big':
      return `höchstens ${String(issue.maximum)}${issue.origin === 'string' ? ' Zeichen' : issue.origin === 'array' ? ' Einträge' : ''}`;
    case 'too_small':
      return `mindestens ${String(issue.minimum)}${issue.origin === 'string' ? ' Zeichen' : issue.origin === 'array' ? ' Einträge' : ''}`;
    case 'invalid_value':
      return `nur eines von: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unbekannte Angabe ${issue.keys.join(', ')}`;
    default:
      return 'ungültige Angabe';
  }
}

/** The first problem of a refused input, in English and German. */
export function invalidInputFrom(error: z.ZodError): InvalidInput {
  const issue = error.issues[0]!;
  return new InvalidInput(issue.path.join('.') || 'input', issue.message, {
    field: fieldDe(issue.path),
    problem: problemDe(issue),
  });
}
