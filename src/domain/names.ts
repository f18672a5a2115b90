import { distance } from 'fastest-levenshtein';

// Forgiving name matching: case, umlauts (typed as "ae" or dropped), punctuation and a typo.

/** The comparable form of a name: "Weißwasser/O.L." and "weisswasser o l" give the same key. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Umlauts typed without their "e" ("Gorlitz") fold to the same key as "Görlitz". */
function looseKey(name: string): string {
  let key = looseKeys.get(name);
  if (key === undefined) {
    key = nameKey(name).replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
    if (looseKeys.size >= LOOSE_KEY_MEMO) looseKeys.clear();
    looseKeys.set(name, key);
  }
  return key;
}

/** Keys of names seen before: matching runs over every municipality of Germany per question. */
const looseKeys = new Map<string, string>();
const LOOSE_KEY_MEMO = 100_000;

export interface NameMatch<T> {
  /** The one candidate meant, when the query identifies exactly one. */
  match: T | null;
  /** The closest names, best first, when there is no single match. */
  suggestions: T[];
}

interface Scored<T> {
  item: T;
  score: number;
}

/**
 * Finds what a person meant by a name. An exact key match wins; otherwise one candidate within a
 * small edit distance (one typo per five letters) counts as meant when it is clearly the closest.
 */
export function matchName<T>(
  query: string,
  candidates: readonly T[],
  nameOf: (item: T) => string,
  maxSuggestions = 5,
): NameMatch<T> {
  const key = looseKey(query);
  if (!key) return { match: null, suggestions: [] };
  // The common case, a name spelled right, needs no edit distances over thousands of towns.
  const exactly = candidates.filter((item) => looseKey(nameOf(item)) === key);
  if (exactly.length === 1) return { match: exactly[0]!, suggestions: [] };
  const scored: Scored<T>[] = [];
  for (const item of candidates) {
    const candidateKey = looseKey(nameOf(item));
    scored.push({ item, score: candidateKey === key ? 0 : score(key, candidateKey) });
  }
  scored.sort((a, b) => a.score - b.score || nameOf(a.item).localeCompare(nameOf(b.item), 'de'));
  const exact = scored.filter((s) => s.score === 0);
  if (exact.length === 1) return { match: exact[0]!.item, suggestions: [] };
  if (exact.length > 1) return { match: null, suggestions: exact.slice(0, maxSuggestions).map((s) => s.item) };

  const tolerance = Math.max(1, Math.floor(key.length / 5));
  const [best, second] = scored;
  if (best && best.score <= tolerance && (!second || second.score > best.score))
    return { match: best.item, suggestions: [] };
  return { match: null, suggestions: scored.slice(0, maxSuggestions).map((s) => s.item) };
}

/** Candidates indexed by their key, built once per list: a name spelled right is found without a scan. */
export class NameLookup<T> {
  private readonly byKey = new Map<string, T[]>();

  constructor(
    readonly candidates: readonly T[],
    private readonly nameOf: (item: T) => string,
  ) {
    for (const item of candidates) {
      const key = looseKey(nameOf(item));
      const same = this.byKey.get(key);
      if (same) same.push(item);
      else this.byKey.set(key, [item]);
    }
  }

  /** As matchName over the candidates. */
  match(query: string, maxSuggestions = 5): NameMatch<T> {
    const exactly = this.byKey.get(looseKey(query));
    if (exactly?.length === 1) return { match: exactly[0]!, suggestions: [] };
    return matchName(query, this.candidates, this.nameOf, maxSuggestions);
  }
}

function score(query: string, candidate: string): number {
  const whole = distance(query, candidate);
  // "Radebeul Ost" should still be close to "Radebeul": compare with the candidate's prefix too.
  const prefix = candidate.length > query.length ? distance(query, candidate.slice(0, query.length)) + 0.5 : whole;
  return Math.min(whole, prefix);
}
