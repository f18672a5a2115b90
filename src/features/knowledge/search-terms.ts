import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';

// Search terms of the knowledge base: words lower-cased, stemmed (German Snowball, which also
// folds umlauts: "Unterbringung" and "unterbringen" both become "unterbring"), other accents
// dropped. The stores index these terms; a query term the index does not hold is replaced by
// the closest ones it does (typos: "unterbringng" finds "unterbring").

interface Stemmer {
  stem(word: string): string;
}
const snowball = createRequire(import.meta.url)('snowball-stemmers') as {
  newStemmer(language: 'german' | 'english'): Stemmer;
};
const STEMMERS = { de: snowball.newStemmer('german'), en: snowball.newStemmer('english') };

/** Words that say nothing about what an article is about. */
const STOPWORDS = new Set(
  (
    'der die das den dem des ein eine einer eines einem einen und oder aber mit von vom zum zur im in an am auf' +
    ' für fur aus bei nach wie was wer wo ist sind wird werden sich nicht auch als zu es sie wir ihr ihre the a an' +
    ' and or of to in on for with by is are be it this that from at as'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;

function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
}

/** The index terms of a text, in the order they appear (duplicates kept: they weigh in the ranking). */
export function termsOf(text: string, language: 'de' | 'en' = 'de'): string[] {
  const words = text.toLowerCase().match(WORD) ?? [];
  return words.filter((w) => w.length > 1 && !STOPWORDS.has(w)).map((w) => fold(STEMMERS[language].stem(w)));
}

/** How far a query term may be from an indexed one and still count as a typo of it. */
function tolerance(term: string): number {
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return 0;
}

/**
 * The terms to look for: each query term (stemmed as German and as English) where the index holds
 * it, otherwise the indexed terms closest to it within the typo tolerance.
 */
export function queryTerms(query: string, indexed: ReadonlySet<string>): string[] {
  const wanted = new Set<string>();
  const words = (query.toLowerCase().match(WORD) ?? []).filter((w) => !STOPWORDS.has(w));
  for (const word of words) {
    const candidates = [...new Set([...termsOf(word, 'de'), ...termsOf(word, 'en'), fold(word)])];
    const known = candidates.filter((t) => indexed.has(t));
    if (known.length) {
      known.forEach((t) => wanted.add(t));
      continue;
    }
    // Still asked for as written: the index may have learnt it since `indexed` was read.
    wanted.add(candidates[0]!);
    for (const candidate of candidates) {
      const limit = tolerance(candidate);
      if (limit === 0) continue;
      let best = limit + 1;
      const closest: string[] = [];
      for (const term of indexed) {
        if (Math.abs(term.length - candidate.length) > limit) continue;
        const d = distance(term, candidate);
        if (d < best) {
          best = d;
          closest.length = 0;
        }
        if (d === best && d <= limit) closest.push(term);
      }
      closest.forEach((t) => wanted.add(t));
    }
  }
  return [...wanted];
}
