import { describe, expect, it } from 'vitest';
import { matchName, nameKey } from '../../../src/domain/names.js';

const towns = ['Radebeul', 'Radeberg', 'Meißen', 'Coswig', 'Görlitz', 'Weißwasser/O.L.', 'Großenhain'];
const match = (q: string) => matchName(q, towns, (t) => t);

describe('forgiving name matching', () => {
  it('ignores case, umlaut spelling and punctuation', () => {
    expect(match('MEISSEN').match).toBe('Meißen');
    expect(match('goerlitz').match).toBe('Görlitz');
    expect(match('Gorlitz').match).toBe('Görlitz');
    expect(match('weisswasser o.l.').match).toBe('Weißwasser/O.L.');
    expect(nameKey('  Groß-enhain ')).toBe('gross enhain');
  });

  it('forgives one typo when one town is clearly meant', () => {
    expect(match('Radbeul').match).toBe('Radebeul');
    expect(match('Coswg').match).toBe('Coswig');
  });

  it('offers the closest names when nothing is meant clearly', () => {
    const result = match('Radeb');
    expect(result.match).toBeNull();
    expect(result.suggestions.slice(0, 2).sort()).toEqual(['Radeberg', 'Radebeul']);
    expect(match('Xyzzy').match).toBeNull();
    expect(match('Xyzzy').suggestions).toHaveLength(5);
    expect(match('   ').suggestions).toEqual([]);
  });
});

describe('which topic people mean', () => {
  const topic = (key: string, name: string, nameEn: string) => ({
    kind: 'Topic' as const,
    id: `topic:${key}`,
    name,
    nameEn,
  });
  const topics = [
    topic('language', 'Sprache und Dolmetschen', 'Language and interpreting'),
    topic('accommodation', 'Unterbringung und Wohnen', 'Accommodation and housing'),
    topic('labour-market', 'Arbeitsmarkt', 'Labour market'),
  ];
  it('finds a topic by its name, a typo, one of its words, or a word of the same stem', async () => {
    const { matchTopic } = await import('../../../src/domain/topic-match.js');
    expect(matchTopic('Arbeitsmarkt', topics).match?.id).toBe('topic:labour-market');
    expect(matchTopic('Arbeitsmakt', topics).match?.id).toBe('topic:labour-market');
    expect(matchTopic('Wohnen', topics).match?.id).toBe('topic:accommodation');
    expect(matchTopic('housing', topics).match?.id).toBe('topic:accommodation');
    expect(matchTopic('Dolmetscher', topics).match?.id).toBe('topic:language');
    expect(matchTopic('Dolmetscherin', topics).match?.id).toBe('topic:language');
    expect(matchTopic('Xylophon', topics).match).toBeNull();
  });
});
