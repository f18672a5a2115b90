import { expect, it } from 'vitest';
import { parseWhen, splitWhen } from '../../../src/features/meetings/when.js';

// Issue 21, point 7: "Mittwoch in zwei Wochen 10 Uhr" was asked back for the hour.

const now = new Date('2026-12-01T10:00:00.000Z'); // a Tuesday

it('reads a weekday some weeks ahead, in German and English, in Berlin time', () => {
  expect(parseWhen('Mittwoch in zwei Wochen 10 Uhr', now).toISOString()).toBe('2026-12-16T09:00:00.000Z');
  expect(parseWhen('in zwei Wochen am Mittwoch 10 Uhr', now).toISOString()).toBe('2026-12-16T09:00:00.000Z');
  expect(parseWhen('Wednesday in two weeks 10am', now).toISOString()).toBe('2026-12-16T09:00:00.000Z');
  expect(parseWhen('Montag in einer Woche 9:30', now).toISOString()).toBe('2026-12-07T08:30:00.000Z');
  expect(splitWhen(['Mittwoch', 'in', 'zwei', 'Wochen', '10', 'Uhr', 'Radebeul', 'Coswig'], now)).toEqual({
    when: 'Mittwoch in zwei Wochen 10 Uhr',
    rest: ['Radebeul', 'Coswig'],
  });
});
