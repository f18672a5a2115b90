import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { MATRIX_CLAIMS, MATRIX_STATE } from '../../bots/matrix/matrix-state.js';
import { CLAIMS, STATE } from '../../src/domain/ports/state-slots.js';

// Issue 33: the key-value state keeps technical state only, behind the typed slots of
// src/domain/ports/state-slots.ts. A key written inline does not compile (StateKey is branded);
// this checks the slots themselves and that no source builds a key around them.

const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

it('gives every slot its own name, and no slot lists the entries of another', () => {
  for (const slots of [
    [...Object.values(STATE), ...Object.values(MATRIX_STATE)],
    [...Object.values(CLAIMS), ...Object.values(MATRIX_CLAIMS)],
  ]) {
    const names = slots.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const slot of slots)
      for (const other of slots) if (other !== slot) expect(other.key('x').startsWith(slot.within())).toBe(false);
  }
});

it('finds no state key written inline or cast outside the slots', () => {
  const inline = /(getState|setState|listState|deleteState|claimOnce)(<[^>]*>)?\(\s*[`'"]/;
  const cast = /as StateKey/;
  const offenders = ['src', 'bots', 'graph', 'schema']
    .flatMap(sources)
    .filter((file) => !file.endsWith('state-slots.ts') && !file.endsWith('matrix-state.ts'))
    .filter((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return inline.test(text) || (cast.test(text) && !file.startsWith('graph/'));
    })
    .map((file) => relative(ROOT, join(ROOT, file)));
  expect(offenders).toEqual([]);
});
