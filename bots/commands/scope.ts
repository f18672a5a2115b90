import type { ChangeScope } from '../../src/features/meetings/meeting-series.js';
import type { CommandOption } from '../core/command.js';

// "--folgende" (or "--reihe", "--following", "--series"): a change or answer for this and all
// later dates of a series instead of the one date.

const FOLLOWING = new Set([
  '--folgende',
  '--reihe',
  '--following',
  '--series',
  'folgende',
  'reihe',
  'following',
  'series',
]);

export const scopeOption: CommandOption = {
  name: { de: 'umfang', en: 'scope' },
  description: {
    de: 'folgende: auch alle späteren Termine der Reihe',
    en: 'following: also all later dates of the series',
  },
  required: false,
  choices: ['folgende'],
};

/** The words without the scope flag, and the scope they name. */
export function withScope(args: readonly string[]): { words: string[]; scope: ChangeScope } {
  const words = args.filter((a) => !FOLLOWING.has(a.toLowerCase()));
  return { words, scope: words.length < args.length ? 'FOLLOWING' : 'THIS' };
}
