import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { expect, it } from 'vitest';

// The dependency rule of ARCHITECTURE.md, checked on the real import statements.

const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  const full = join(ROOT, dir);
  return readdirSync(full).flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return sources(relative(ROOT, path));
    return name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

function localImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => relative(ROOT, resolve(dirname(join(ROOT, file)), m[1]!)));
}

const RULES: { from: string; forbidden: string[]; except?: string[] }[] = [
  { from: 'src/domain', forbidden: ['src/services', 'src/server', 'src/config', 'schema', 'graph', 'bots'] },
  { from: 'src/services', forbidden: ['src/server', 'schema', 'graph', 'bots'] },
  { from: 'schema', forbidden: ['src/server', 'graph', 'bots'] },
  { from: 'graph/embedded', forbidden: ['src/services', 'src/server', 'schema', 'bots'] },
  { from: 'graph/neo4j', forbidden: ['src/services', 'src/server', 'schema', 'bots'] },
  { from: 'src/server', forbidden: ['bots', 'graph'], except: ['src/server/main.ts'] },
  { from: 'bots/core', forbidden: ['graph', 'schema', 'src/server', 'bots/matrix', 'bots/console'] },
  { from: 'bots/commands', forbidden: ['graph', 'schema', 'src/server', 'bots/matrix', 'bots/console'] },
  { from: 'src/launch', forbidden: ['src/domain', 'src/services', 'src/server', 'src/config', 'schema', 'graph', 'bots'] },
  { from: 'src/web', forbidden: ['src/domain', 'src/services', 'src/server', 'src/config', 'schema', 'graph', 'bots'] },
];

it('keeps every layer to what it may import', () => {
  const breaches: string[] = [];
  for (const rule of RULES) {
    for (const file of sources(rule.from)) {
      if (rule.except?.includes(file)) continue;
      for (const target of localImports(file)) {
        if (rule.forbidden.some((f) => target === f || target.startsWith(`${f}/`) || target === `${f}.js`)) breaches.push(`${file} -> ${target}`);
      }
    }
  }
  expect(breaches).toEqual([]);
});
