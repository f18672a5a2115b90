import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import {
  describeRule,
  expandRule,
  parseRecurrence,
  splitWhenOrRule,
} from '../../../src/features/meetings/recurrence.js';

// Recurrence phrases as coordinators write them, in German and English, on Wednesday 25 November 2026.

const NOW = new Date('2026-11-25T12:00:00.000Z');

describe('recurring dates in words', () => {
  it.each([
    ['jeden ersten Dienstag im Monat 14 Uhr', 'FREQ=MONTHLY;INTERVAL=1;BYDAY=+1TU', '2026-12-01T13:00:00.000Z'],
    ['every first monday of the month at 2pm', 'FREQ=MONTHLY;INTERVAL=1;BYDAY=+1MO', '2026-12-07T13:00:00.000Z'],
    ['jeden letzten Freitag im Monat 13:00', 'FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR', '2026-11-27T12:00:00.000Z'],
    ['jeden zweiten Dienstag 10 Uhr', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', '2026-12-01T09:00:00.000Z'],
    [
      'alle zwei Wochen mittwochs 9:30 bis 30.6.',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20270630T215900Z',
      '2026-12-02T08:30:00.000Z',
    ],
    ['every Tuesday 10am 6 times', 'FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;COUNT=6', '2026-12-01T09:00:00.000Z'],
    ['dienstags um 16 Uhr', 'FREQ=WEEKLY;INTERVAL=1;BYDAY=TU', '2026-12-01T15:00:00.000Z'],
    ['monatlich am 3. um 10 Uhr', 'FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=3', '2026-12-03T09:00:00.000Z'],
    ['wöchentlich ab 8.12. 14 Uhr', 'FREQ=WEEKLY;INTERVAL=1;BYDAY=TU', '2026-12-08T13:00:00.000Z'],
  ])('reads "%s"', (text, rule, first) => {
    expect(parseRecurrence(text, NOW)).toEqual({ rule, first: new Date(first) });
  });

  it('leaves single dates to the date parser and asks for what a rule lacks', () => {
    expect(parseRecurrence('nächsten Dienstag 14 Uhr', NOW)).toBeNull();
    expect(() => parseRecurrence('jeden Dienstag', NOW)).toThrow('At what time?');
    expect(() => parseRecurrence('monatlich 10 Uhr', NOW)).toThrow('On which day of the month?');
  });

  it('keeps the wall-clock time across the change to summer time and honours COUNT', () => {
    const starts = expandRule(
      'FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;COUNT=3',
      new Date('2027-03-23T13:00:00.000Z'),
      NOW,
      new Date('2028-01-01T00:00:00.000Z'),
    );
    expect(starts.map((d) => d.toISOString())).toEqual([
      '2027-03-23T13:00:00.000Z',
      '2027-03-30T12:00:00.000Z',
      '2027-04-06T12:00:00.000Z',
    ]);
  });

  it('splits the rule from the names that follow it, and describes it in both languages', () => {
    expect(splitWhenOrRule('jeden ersten Dienstag im Monat 14 Uhr Radebeul Coswig'.split(' '), NOW)).toEqual({
      when: 'jeden ersten Dienstag im Monat 14 Uhr',
      rest: ['Radebeul', 'Coswig'],
    });
    expect(splitWhenOrRule('nächsten Dienstag 14 Uhr Radebeul'.split(' '), NOW)).toEqual({
      when: 'nächsten Dienstag 14 Uhr',
      rest: ['Radebeul'],
    });
    expect(() => splitWhenOrRule('jeden Dienstag Radebeul'.split(' '), NOW)).toThrow('At what time?');
    const start = new Date('2026-12-01T13:00:00.000Z');
    expect(describeRule('FREQ=MONTHLY;INTERVAL=1;BYDAY=+1TU', start, 'de')).toBe(
      'jeden ersten Dienstag im Monat, 14:00 Uhr',
    );
    expect(describeRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=5', start, 'en')).toBe(
      'every 2 weeks on Wednesday at 14:00, 5 times',
    );
  });

  it('answers any mix of rule words with a rule ahead, no rule, or a question, never a crash', () => {
    const words = [
      'jeden',
      'ersten',
      'letzten',
      'zweiten',
      '5.',
      'Dienstag',
      'freitags',
      'im',
      'Monat',
      'monatlich',
      'wöchentlich',
      'alle',
      'zwei',
      'Wochen',
      'every',
      'other',
      'Tuesday',
      'of',
      'the',
      'month',
      'ab',
      'bis',
      'until',
      '31.2.',
      '1.12.',
      '2026-13-45',
      '99.99.',
      '14',
      'Uhr',
      '25:00',
      '10am',
      'um',
      '9:30',
      '3',
      'mal',
      'times',
      'am',
      '0',
      'Radebeul',
      '"',
      '!',
      '',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 10 }), (chosen) => {
        const text = chosen.join(' ');
        try {
          const found = parseRecurrence(text, NOW);
          return found === null || (found.first > NOW && /^FREQ=(WEEKLY|MONTHLY);/.test(found.rule));
        } catch (error) {
          return error instanceof DomainError;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
