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
