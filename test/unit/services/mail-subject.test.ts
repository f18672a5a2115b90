import { expect, it } from 'vitest';
import { subjectOf } from '../../../src/services/mail/mail-notifier.js';

// Issue 35: a mail subject was cut in the middle of a name.

it('makes the heading of a notice the subject, and ends a long one at a word', () => {
  expect(
    subjectOf(
      'Neue Anfrage für Radebeul (Thema Gesundheit, von Anna Weber): „Wer dolmetscht Dari beim Kinderarzt?“\nAnnehmen: …',
    ),
  ).toBe('Neue Anfrage für Radebeul (Thema Gesundheit, von Anna Weber)');
  const original =
    'Neue Anfrage für Radebeul (Thema Arbeit und Ausbildung, von Hannelore Schmidt-Oberkirchner-Wiesenthal aus Moritzburg)';
  const long = subjectOf(original);
  expect(long.length).toBeLessThanOrEqual(92);
  expect(long).toMatch(/ …$/);
  const words = long.replace(/ …$/, '').split(' ');
  expect(original.startsWith(words.join(' '))).toBe(true);
  // It ends with a whole word of the heading, never half a name.
  expect(original.split(/[\s,()]+/)).toContain(words.at(-1)!.replace(/[,()]/g, ''));
});
