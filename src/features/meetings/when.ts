import * as chrono from 'chrono-node';
import type { Language } from '../../domain/errors.js';
import { DateInPast, DateUnclear } from './domain/meetings.js';

// Natural dates in German and English ("nächsten Dienstag 14 Uhr", "am 3.12. um 9:30",
// "tomorrow 10am"), in Europe/Berlin. An unclear or past date is asked back, never guessed.

export const TIME_ZONE = 'Europe/Berlin';

/** Minutes east of UTC in Berlin at that instant (60 in winter, 120 in summer). */
function berlinOffset(at: Date): number {
  const local = new Date(at.toLocaleString('en-US', { timeZone: TIME_ZONE }));
  const utc = new Date(at.toLocaleString('en-US', { timeZone: 'UTC' }));
  return Math.round((local.getTime() - utc.getTime()) / 60_000);
}

const WEEKDAYS = [
  'montag|monday',
  'dienstag|tuesday',
  'mittwoch|wednesday',
  'donnerstag|thursday',
  'freitag|friday',
  'samstag|saturday',
  'sonntag|sunday',
];
const COUNTS: Record<string, number> = {
  ein: 1,
  eine: 1,
  einer: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  one: 1,
  a: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
};
const WEEKDAY = `(${WEEKDAYS.join('|')})`;
const COUNT = `(\\d{1,2}|${Object.keys(COUNTS).join('|')})`;
const WEEKDAY_IN_WEEKS = new RegExp(`\\b${WEEKDAY}\\s+in\\s+${COUNT}\\s+(?:wochen|woche|weeks|week)\\b`, 'gi');
const IN_WEEKS_WEEKDAY = new RegExp(
  `\\bin\\s+${COUNT}\\s+(?:wochen|woche|weeks|week)\\s+(?:am\\s+|on\\s+)?${WEEKDAY}\\b`,
  'gi',
);

/** "Mittwoch in zwei Wochen": that weekday in the week N weeks from this one, as a date chrono reads. */
function weekdayInWeeks(text: string, now: Date): string {
  const wall = berlinWallTime(now);
  const today = Date.UTC(wall.year, wall.month - 1, wall.day);
  const weekdayToday = (new Date(today).getUTCDay() + 6) % 7;
  const dateOf = (weekday: string, count: string) => {
    const target = WEEKDAYS.findIndex((names) => names.split('|').includes(weekday.toLowerCase()));
    const weeks = COUNTS[count.toLowerCase()] ?? Number(count);
    const day = new Date(today + (target - weekdayToday + 7 * weeks) * 86_400_000);
    return `${day.getUTCDate()}.${day.getUTCMonth() + 1}.${day.getUTCFullYear()}`;
  };
  return text
    .replace(WEEKDAY_IN_WEEKS, (_all, weekday: string, count: string) => dateOf(weekday, count))
    .replace(IN_WEEKS_WEEKDAY, (_all, count: string, weekday: string) => dateOf(weekday, count));
}

/** "3.12." has no year for chrono: give it the next such date; "am … um …" become plain. */
function withYear(text: string, now: Date): string {
  return weekdayInWeeks(text, now)
    .replace(/^\s*(am|den|on)\s+/i, '')
    .replace(/(\d\.\d{1,2}\.(?:\d{4})?)\s+um\s+(\d)/gi, '$1 $2')
    .replace(/\b(\d{1,2})\.(\d{1,2})\.(?!\d)/g, (_, d: string, m: string) => {
      const year = now.getUTCFullYear();
      const thisYear = Date.UTC(year, Number(m) - 1, Number(d), 23, 59);
      return `${d}.${m}.${thisYear < now.getTime() ? year + 1 : year}`;
    });
}

// Made once: building a DateTimeFormat costs far more than formatting with it (the read model
// asks for today's day on every change it follows).
const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });

/** The calendar day in Berlin of an instant, as YYYY-MM-DD. */
export function berlinDay(at: Date): string {
  return BERLIN_DAY.format(at);
}

export interface WallTime {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The Berlin wall-clock time of an instant. */
export function berlinWallTime(at: Date): WallTime {
  const local = new Date(at.getTime() + berlinOffset(at) * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** The instant at which Berlin clocks show this wall time (the offset is looked up twice for the day clocks change). */
export function berlinInstant(wall: WallTime): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = asUtc - berlinOffset(new Date(asUtc)) * 60_000;
  return new Date(asUtc - berlinOffset(new Date(first)) * 60_000);
}

export interface ParsedWhen {
  at: Date;
  /** How much of the text the date took. */
  text: string;
}

function parseOnce(text: string, now: Date, offset: number): chrono.ParsedResult | null {
  const reference = { instant: now, timezone: offset };
  const candidates = [
    ...chrono.de.parse(text, reference, { forwardDate: true }),
    ...chrono.en.parse(text, reference, { forwardDate: true }),
  ];
  return candidates.sort((a, b) => b.text.length - a.text.length)[0] ?? null;
}

/** The date and time a text names, or null when it names none. */
export function findWhen(text: string, now: Date): (ParsedWhen & { hourCertain: boolean; covers: boolean }) | null {
  const prepared = withYear(text, now);
  let result = parseOnce(prepared, now, berlinOffset(now));
  if (!result) return null;
  const offset = berlinOffset(result.start.date());
  if (offset !== berlinOffset(now)) result = parseOnce(prepared, now, offset) ?? result;
  return {
    at: result.start.date(),
    text: result.text,
    hourCertain: result.start.isCertain('hour'),
    covers: result.text.replace(/\s+/g, ' ').trim().length >= prepared.replace(/\s+/g, ' ').trim().length - 1,
  };
}

export function parseWhen(text: string, now: Date): Date {
  const found = findWhen(text, now);
  if (!found || !found.covers)
    throw new DateUnclear(text, {
      en: 'I cannot read this as a date. Try "next Tuesday 2pm" or "3.12. 9:30".',
      de: 'Das kann ich nicht als Termin lesen. Versuchen Sie etwa „nächsten Dienstag 14 Uhr“ oder „am 3.12. um 9:30“.',
    });
  if (!found.hourCertain) throw new DateUnclear(text, { en: 'At what time?', de: 'Um wie viel Uhr?' });
  if (found.at.getTime() <= now.getTime()) throw new DateInPast(formatWhen(found.at, 'en'), formatWhen(found.at, 'de'));
  return found.at;
}

export function formatWhen(at: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: TIME_ZONE,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(at);
}

/** Splits "nächsten Dienstag 14 Uhr Radebeul Coswig" into the date words and the rest. */
export function splitWhen(words: string[], now: Date): { when: string; rest: string[] } {
  for (let k = Math.min(words.length - 1, 8); k >= 1; k--) {
    const when = words.slice(0, k).join(' ');
    if (findWhen(when, now)?.covers) return { when, rest: words.slice(k) };
  }
  return { when: words.slice(0, Math.max(1, words.length - 1)).join(' '), rest: words.slice(-1) };
}

/**
 * A day that has come ("30.11.2026", "gestern", "heute", "1 December"), as YYYY-MM-DD in
 * Berlin: for end dates, which record what happened. An unreadable text is asked back.
 */
export function parseDay(text: string, now: Date): string {
  const reference = { instant: now, timezone: berlinOffset(now) };
  const found = [...chrono.de.parse(text, reference), ...chrono.en.parse(text, reference)].sort(
    (a, b) => b.text.length - a.text.length,
  )[0];
  if (!found || found.text.replace(/\s+/g, ' ').trim().length < text.replace(/\s+/g, ' ').trim().length - 1) {
    throw new DateUnclear(text, {
      en: 'I cannot read this as a day. Try "30.11.2026" or "today".',
      de: 'Das kann ich nicht als Tag lesen. Versuchen Sie etwa „30.11.2026“ oder „heute“.',
    });
  }
  return berlinDay(found.start.date());
}
