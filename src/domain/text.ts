import { InvalidInput } from './errors.js';

// The one normaliser for texts people send (GraphQL, chat, import): Unicode NFC, trimmed,
// no control characters (line breaks only where a field is multi-line), a length per field.
// Chat and calendars print these texts; a stray line feed or bell must never reach them.

// Bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069) reorder what a
// reader sees: "Bündnis \u202Eesöb" shows another name than it has. Never part of a name or text.
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_MULTI_LINE =
  /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Whether a text holds control characters or direction overrides (line breaks allowed where multi-line). */
export function hasControlCharacters(text: string, multiline = false): boolean {
  return (multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text);
}

export interface TextRule {
  field: string;
  fieldDe: string;
  max: number;
  /** Fewest characters; 1 unless the field may be empty. */
  min?: number;
  multiline?: boolean;
}

export function cleanText(value: string, rule: TextRule): string {
  const text = value.normalize('NFC').trim();
  const min = rule.min ?? 1;
  if (hasControlCharacters(text, rule.multiline)) {
    throw new InvalidInput(rule.field, 'must be plain text without control characters', {
      field: rule.fieldDe,
      problem: 'nur reiner Text ohne Steuerzeichen',
    });
  }
  if (text.length < min || text.length > rule.max) {
    throw new InvalidInput(rule.field, `must be ${min} to ${rule.max} characters`, {
      field: rule.fieldDe,
      problem: `${min} bis ${rule.max} Zeichen`,
    });
  }
  return text;
}

/** A name people look for (a town, a topic): one line, at most 100 characters. */
export const SEARCHED_NAME = (field: string, fieldDe: string): TextRule => ({ field, fieldDe, max: 100 });

/** The longest text a search or a list filter takes: names are shorter. */
const SEARCH_TEXT_MAX = 100;

/** A text looked for in names (search, list filters): at most SEARCH_TEXT_MAX characters. */
export function checkSearchText(text: string): void {
  if (text.length > SEARCH_TEXT_MAX)
    throw new InvalidInput('text', `must be at most ${SEARCH_TEXT_MAX} characters`, {
      field: 'Suche',
      problem: `höchstens ${SEARCH_TEXT_MAX} Zeichen`,
    });
}
