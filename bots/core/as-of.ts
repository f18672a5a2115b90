import { DomainError } from '../../src/domain/errors.js';
import { parseDay } from '../../src/features/meetings/when.js';

// Reading the past in chat: a read command takes a day at its end, as people say it ("am
// 06.11.2026", "zum 1.11.", "Stand 1.11.2026", "on 6 November 2026", "as of 1.11."), and answers
// as the network stood then (like GraphQL's `at:`).

const MARKERS = new Set(['am', 'zum', 'stand', 'on', 'of']);

/** The command's words without a trailing "am <Tag>", and that day (YYYY-MM-DD), if one was given. */
export function splitAsOf(words: readonly string[], now: Date): { words: string[]; day: string | null } {
  for (let i = words.length - 2; i >= 1; i--) {
    const marker = words[i]!.toLowerCase();
    if (!MARKERS.has(marker) || (marker === 'of' && words[i - 1]?.toLowerCase() !== 'as')) continue;
    try {
      const day = parseDay(words.slice(i + 1).join(' '), now);
      return { words: words.slice(0, marker === 'of' ? i - 1 : i), day };
    } catch (error) {
      if (error instanceof DomainError) continue;
      throw error;
    }
  }
  return { words: [...words], day: null };
}

/** "06.11.2026" for a YYYY-MM-DD day. */
export const germanDay = (day: string) => day.split('-').reverse().join('.');
