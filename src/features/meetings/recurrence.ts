import rruleModule from 'rrule';
import type { Options } from 'rrule';
import type { Language } from '../../domain/errors.js';
import { DateUnclear } from './domain/meetings.js';
import { berlinInstant, berlinWallTime, findWhen, splitWhen, type WallTime } from './when.js';

// Recurring meetings: a German or English phrase ("jeden ersten Dienstag im Monat 14 Uhr",
// "alle zwei Wochen mittwochs 9:30 bis 30.6.", "every Tuesday 10am 6 times") becomes an RFC 5545
// RRULE, which rrule expands. Rules run on Berlin wall-clock time, so a meeting at 14:00 stays at
// 14:00 across the change to summer time: rrule works on "floating" dates (UTC fields holding the
// Berlin wall time) that are turned into instants afterwards.

const { RRule } = rruleModule;

const DAY =
  '(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?';
const ORD =
  '(erste[nrm]?|zweite[nrm]?|dritte[nrm]?|vierte[nrm]?|letzte[nrm]?|[1-4]\\.|first|second|third|fourth|last|1st|2nd|3rd|4th)';
const COUNT_WORD = '(zwei|drei|vier|fünf|sechs|two|three|four|five|six|[2-6])';
const OF_MONTH =
  '(?:im monat|jedes monats|des monats|eines jeden monats|in the month|of the month|of every month|of each month|every month|each month|monthly|monatlich)';
const DATE = '(\\d{1,2}\\.\\d{1,2}\\.(?:\\d{2,4})?|\\d{4}-\\d{2}-\\d{2})';

const DAY_INDEX: Record<string, number> = {
  montag: 0,
  dienstag: 1,
  mittwoch: 2,
  donnerstag: 3,
  freitag: 4,
  samstag: 5,
  sonnabend: 5,
  sonntag: 6,
  monday: 0,
  tuesday: 1,
  wednesday: 2,
  thursday: 3,
  friday: 4,
  saturday: 5,
  sunday: 6,
};
const NUMBER: Record<string, number> = {
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
};

function ordinal(word: string): number {
  if (/^(letzte|last)/.test(word)) return -1;
  if (/^(erste|first|1)/.test(word)) return 1;
  if (/^(zweite|second|2)/.test(word)) return 2;
  if (/^(dritte|third|3)/.test(word)) return 3;
  return 4;
}
const count = (word: string) => NUMBER[word] ?? Number(word);
const weekday = (word: string) => RRule.MO.weekday + DAY_INDEX[word.replace(/s$/, '')]!;

interface Core {
  freq: 'WEEKLY' | 'MONTHLY';
  interval: number;
  day?: number;
  nth?: number;
  monthDay?: number;
}

const CORE_PATTERNS: { pattern: RegExp; core: (m: RegExpMatchArray) => Core }[] = [
  {
    pattern: new RegExp(`^(?:jeden|jede|jedem|am|every|on the|the)?\\s*${ORD}\\s+${DAY}\\s+${OF_MONTH}\\b`),
    core: (m) => ({ freq: 'MONTHLY', interval: 1, nth: ordinal(m[1]!), day: weekday(m[2]!) }),
  },
  {
    pattern: new RegExp(`^(?:jeden monat|monatlich|monthly|every month)\\s+(?:am|on the|on)\\s+${ORD}\\s+${DAY}\\b`),
    core: (m) => ({ freq: 'MONTHLY', interval: 1, nth: ordinal(m[1]!), day: weekday(m[2]!) }),
  },
  {
    pattern: new RegExp(`^(?:jeden|jede|every|alle)\\s+(?:zweiten|other|second|2\\.)\\s+${DAY}\\b`),
    core: (m) => ({ freq: 'WEEKLY', interval: 2, day: weekday(m[1]!) }),
  },
  {
    pattern: new RegExp(`^(?:alle|every)\\s+${COUNT_WORD}\\s+(?:wochen|weeks)(?:\\s+(?:am|on))?\\s+${DAY}\\b`),
    core: (m) => ({ freq: 'WEEKLY', interval: count(m[1]!), day: weekday(m[2]!) }),
  },
  {
    pattern: new RegExp(
      `^(?:14-täglich|vierzehntäglich|zweiwöchentlich|biweekly|fortnightly|every fortnight)(?:\\s+(?:am|on))?\\s+${DAY}\\b`,
    ),
    core: (m) => ({ freq: 'WEEKLY', interval: 2, day: weekday(m[1]!) }),
  },
  {
    pattern: new RegExp(`^(?:jeden|jede|every|immer|wöchentlich am|wöchentlich|weekly on|weekly)\\s+${DAY}\\b`),
    core: (m) => ({ freq: 'WEEKLY', interval: 1, day: weekday(m[1]!) }),
  },
  {
    pattern: new RegExp(`^${DAY.replace('s?', 's')}\\b`),
    core: (m) => ({ freq: 'WEEKLY', interval: 1, day: weekday(m[1]!) }),
  },
  {
    pattern:
      /^(?:monatlich|monthly|jeden monat|every month)(?:\s+(?:am|on the|on)\s+(\d{1,2})(?:\.|st|nd|rd|th)?(?=\s|$))?/,
    core: (m) => ({ freq: 'MONTHLY', interval: 1, ...(m[1] ? { monthDay: Number(m[1]) } : {}) }),
  },
  { pattern: /^(?:wöchentlich|weekly|jede woche|every week)\b/, core: () => ({ freq: 'WEEKLY', interval: 1 }) },
];

export interface Recurrence {
  /** The RRULE value to store, e.g. FREQ=MONTHLY;BYDAY=+1TU;INTERVAL=1. */
  rule: string;
  /** The first occurrence after now. */
  first: Date;
}

/** A recurrence the text names, or null when it names none (then it may be a single date). */
export function parseRecurrence(text: string, now: Date): Recurrence | null {
  let rest = ` ${text.toLowerCase().replace(/\s+/g, ' ').trim()} `;
  const take = (pattern: RegExp): RegExpMatchArray | null => {
    const match = rest.match(pattern);
    if (match) rest = rest.replace(match[0], ' ');
    return match;
  };
  const fromWords = take(new RegExp(`\\s(?:ab dem|ab|from|starting(?: on)?|beginnend am)\\s+${DATE}(?=\\s)`));
  const untilWords = take(new RegExp(`\\s(?:bis zum|bis|until|till)\\s+${DATE}(?=\\s)`));
  const times = take(/\s(\d{1,2})\s*(?:mal|x|times|termine|occurrences)(?=\s)/);
  rest = rest.trim();
  const matched = CORE_PATTERNS.map(({ pattern, core }) => ({ match: rest.match(pattern), core })).find((p) => p.match);
  if (!matched?.match) return null;
  const core = matched.core(matched.match);
  const timeText = rest.slice(matched.match[0].length).replace(/^[\s,]+/, '');

  const from = fromWords ? dayOf(fromWords[1]!, now, text) : null;
  const until = untilWords ? dayOf(untilWords[1]!, now, text) : null;
  const time = timeOf(timeText, now, text);
  if (core.freq === 'WEEKLY' && core.day === undefined) {
    if (!from)
      throw new DateUnclear(text, {
        en: 'On which weekday? E.g. "every Tuesday 2pm".',
        de: 'An welchem Wochentag? Etwa „jeden Dienstag 14 Uhr“.',
      });
    core.day = weekdayOf(from);
  }
  if (core.freq === 'MONTHLY' && core.day === undefined && core.monthDay === undefined) {
    if (!from)
      throw new DateUnclear(text, {
        en: 'On which day of the month? E.g. "monthly on the 3rd 10am".',
        de: 'An welchem Tag im Monat? Etwa „monatlich am 3. um 10 Uhr“.',
      });
    core.monthDay = from.day;
  }
  const options: Partial<Options> = {
    freq: core.freq === 'WEEKLY' ? RRule.WEEKLY : RRule.MONTHLY,
    interval: core.interval,
    ...(core.day !== undefined
      ? { byweekday: [core.nth ? new rruleModule.Weekday(core.day, core.nth) : new rruleModule.Weekday(core.day)] }
      : {}),
    ...(core.monthDay !== undefined ? { bymonthday: [core.monthDay] } : {}),
    ...(times ? { count: Number(times[1]) } : {}),
    ...(until ? { until: berlinInstant({ ...until, hour: 23, minute: 59 }) } : {}),
  };
  const rule = RRule.optionsToString(options).replace(/^RRULE:/, '');
  const earliest = from ? berlinInstant({ ...from, hour: 0, minute: 0 }) : now;
  const anchor = berlinInstant({ ...berlinWallTime(earliest), ...time });
  const horizon = new Date(earliest.getTime() + 400 * 86_400_000);
  // The first date is the next day matching the pattern: "every other Tuesday" starts on the next
  // Tuesday, and a count is counted from there (a past time today does not use one up).
  const { count: _count, ...uncounted } = options;
  const probe = RRule.optionsToString({ ...uncounted, interval: 1 }).replace(/^RRULE:/, '');
  const [first] = expandRule(probe, anchor, earliest, horizon, 1, true);
  if (!first || first.getTime() <= now.getTime())
    throw new DateUnclear(text, {
      en: 'This series has no date ahead.',
      de: 'Diese Reihe hat keinen Termin in der Zukunft.',
    });
  return { rule, first };
}

/**
 * The occurrences of a rule whose series starts at `start`, in [from, to), at most `limit`.
 * With `anchorOnly` the start itself need not be an occurrence (it then only fixes the time of day).
 */
export function expandRule(rule: string, start: Date, from: Date, to: Date, limit = 400, anchorOnly = false): Date[] {
  const options = RRule.parseString(rule);
  const floating = (at: Date) => toFloating(berlinWallTime(at));
  const rrule = new RRule({
    ...options,
    dtstart: floating(start),
    ...(options.until ? { until: floating(options.until) } : {}),
  });
  const margin = 3 * 3_600_000;
  const found: Date[] = [];
  rrule.between(
    new Date(floating(from).getTime() - margin),
    new Date(floating(to).getTime() + margin),
    true,
    (date) => {
      const at = berlinInstant(fromFloating(date));
      if (at >= from && at < to && (anchorOnly || at >= start)) found.push(at);
      return found.length < limit;
    },
  );
  return found;
}

/** The same rule, ending before `before` (for the part of a series ahead of a change). */
export function ruleEndingBefore(rule: string, before: Date): string {
  const { count: _count, ...options } = RRule.parseString(rule);
  return RRule.optionsToString({ ...options, until: new Date(before.getTime() - 1000) }).replace(/^RRULE:/, '');
}

/** The rule moved to a new first date: its weekday, week of the month or day of the month follow that date. */
export function ruleReanchored(rule: string, newStart: Date, remaining: number | null): string {
  const { count: _count, ...options } = RRule.parseString(rule);
  const wall = berlinWallTime(newStart);
  const day = weekdayOf(wall);
  const nth = (options.byweekday as { n?: number }[] | undefined)?.[0]?.n;
  const lastWeek = new Date(Date.UTC(wall.year, wall.month, 0)).getUTCDate() - wall.day < 7;
  const moved: Partial<Options> = {
    ...options,
    ...(options.byweekday
      ? {
          byweekday: [
            nth
              ? new rruleModule.Weekday(day, nth === -1 && lastWeek ? -1 : Math.ceil(wall.day / 7))
              : new rruleModule.Weekday(day),
          ],
        }
      : {}),
    ...(options.bymonthday ? { bymonthday: [wall.day] } : {}),
    ...(remaining !== null && options.until === undefined ? { count: remaining } : {}),
  };
  return RRule.optionsToString(moved).replace(/^RRULE:/, '');
}

export function ruleCount(rule: string): number | null {
  return RRule.parseString(rule).count ?? null;
}

const DAY_NAMES = {
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const NTH = {
  de: { 1: 'ersten', 2: 'zweiten', 3: 'dritten', 4: 'vierten', [-1]: 'letzten' },
  en: { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' },
} as Record<Language, Record<number, string>>;

/** "jeden ersten Dienstag im Monat, 14:00 Uhr" / "every first Tuesday of the month at 14:00". */
export function describeRule(rule: string, start: Date, language: Language): string {
  const options = RRule.parseString(rule);
  const de = language === 'de';
  const { hour, minute } = berlinWallTime(start);
  const clock = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const first = (options.byweekday as { weekday: number; n?: number }[] | undefined)?.[0];
  const interval = options.interval ?? 1;
  let pattern: string;
  if (options.freq === RRule.MONTHLY && first?.n)
    pattern = de
      ? `jeden ${NTH.de[first.n]} ${DAY_NAMES.de[first.weekday]} im Monat`
      : `every ${NTH.en[first.n]} ${DAY_NAMES.en[first.weekday]} of the month`;
  else if (options.freq === RRule.MONTHLY)
    pattern = de ? `monatlich am ${options.bymonthday}.` : `monthly on day ${options.bymonthday}`;
  else if (interval === 1)
    pattern = de ? `jeden ${DAY_NAMES.de[first!.weekday]}` : `every ${DAY_NAMES.en[first!.weekday]}`;
  else
    pattern = de
      ? `alle ${interval} Wochen am ${DAY_NAMES.de[first!.weekday]}`
      : `every ${interval} weeks on ${DAY_NAMES.en[first!.weekday]}`;
  const until = options.until
    ? new Intl.DateTimeFormat(de ? 'de-DE' : 'en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'medium' }).format(
        options.until,
      )
    : null;
  const end = options.count
    ? de
      ? `, ${options.count} Termine`
      : `, ${options.count} times`
    : until
      ? de
        ? ` bis ${until}`
        : ` until ${until}`
      : '';
  return de ? `${pattern}, ${clock} Uhr${end}` : `${pattern} at ${clock}${end}`;
}

function toFloating(wall: WallTime): Date {
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
}

function fromFloating(date: Date): WallTime {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}

function weekdayOf(wall: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  return (new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay() + 6) % 7;
}

function dayOf(words: string, now: Date, text: string): WallTime {
  const found = findWhen(`${words} 12:00`, now);
  if (!found)
    throw new DateUnclear(text, {
      en: `I cannot read "${words}" as a date.`,
      de: `„${words}“ kann ich nicht als Datum lesen.`,
    });
  return berlinWallTime(found.at);
}

function timeOf(words: string, now: Date, text: string): { hour: number; minute: number } {
  const found = words ? findWhen(words, now) : null;
  if (!found || !found.covers || !found.hourCertain)
    throw new DateUnclear(text, { en: 'At what time?', de: 'Um wie viel Uhr?' });
  const { hour, minute } = berlinWallTime(found.at);
  return { hour, minute };
}

/**
 * Splits "jeden ersten Dienstag im Monat 14 Uhr Radebeul Coswig" (or a single date followed by
 * names) into the date words and the rest. A rule missing its time is asked back.
 */
export function splitWhenOrRule(words: string[], now: Date): { when: string; rest: string[] } {
  let unclear: unknown = null;
  for (let k = Math.min(words.length - 1, 16); k >= 1; k--) {
    try {
      if (parseRecurrence(words.slice(0, k).join(' '), now))
        return { when: words.slice(0, k).join(' '), rest: words.slice(k) };
    } catch (error) {
      unclear ??= error;
    }
  }
  if (unclear) throw unclear;
  return splitWhen(words, now);
}
