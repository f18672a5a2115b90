import type { Topic } from './model.js';
import { NotFound } from './errors.js';
import { matchName, type NameMatch } from './names.js';

// Which topic people mean: its German or English name, forgiving typos ("Wohen"), one word of
// it ("Wohnen" for "Unterbringung und Wohnen"), or a word of the same stem ("Dolmetscher" for
// "Sprache und Dolmetschen"). One place for chat and GraphQL, for contacts and requests.

const words = (text: string) =>
  text
    .normalize('NFC')
    .toLocaleLowerCase('de')
    .split(/[^a-zäöüß]+/)
    .filter((w) => w.length > 2);

/** Two words of one stem: a long common beginning (German compounds and endings vary). */
function sameStem(a: string, b: string): boolean {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= Math.max(5, Math.ceil(0.7 * Math.min(a.length, b.length)));
}

export function matchTopic(query: string, topics: readonly Topic[]): NameMatch<Topic> {
  const byName = matchName(query, topics, (t) => t.name);
  if (byName.match) return byName;
  const byEnglish = matchName(query, topics, (t) => t.nameEn);
  if (byEnglish.match) return byEnglish;
  const asked = words(query);
  const topicWords = (t: Topic) => [...words(t.name), ...words(t.nameEn), ...words(t.id)];
  const byWord = topics.filter((t) => asked.some((w) => topicWords(t).includes(w)));
  if (byWord.length === 1) return { match: byWord[0]!, suggestions: [] };
  const byStem = topics.filter((t) => asked.some((w) => topicWords(t).some((tw) => sameStem(w, tw))));
  if (byStem.length === 1) return { match: byStem[0]!, suggestions: [] };
  return { match: null, suggestions: byName.suggestions };
}

/** The topic with this id or meant by this name; an unknown one is NotFound with the closest names. */
export function topicNamed(nameOrId: string, topics: readonly Topic[]): Topic {
  const byId = topics.find((t) => t.id === nameOrId);
  if (byId) return byId;
  const found = matchTopic(nameOrId, topics);
  if (!found.match)
    throw new NotFound(
      'Topic',
      nameOrId,
      found.suggestions.map((t) => t.name),
    );
  return found.match;
}
