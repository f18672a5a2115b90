import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

// Issue 33: a store adapter grew to 65 public methods, so every feature's storage lived in one
// class. Each database is now a small class per aggregate (store.requests, store.meetings, …);
// this keeps it so. Static factories (open, connect) are not counted.

const ROOT = resolve(import.meta.dirname, '../..');
const MAX_PUBLIC_METHODS = 20;

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return files(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const ADAPTER_FILES = [
  ...files('graph/embedded'),
  ...files('graph/neo4j').filter((f) => !f.startsWith('graph/neo4j/server')),
  ...files('src/features').filter((f) => f.includes('/store/')),
];

function publicMethodsPerClass(file: string): { name: string; methods: string[] }[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
  const classes: { name: string; methods: string[] }[] = [];
  source.forEachChild((node) => {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    const methods = node.members
      .filter((m) => ts.isMethodDeclaration(m) || ts.isGetAccessor(m))
      .filter((m) => {
        const flags = ts.getCombinedModifierFlags(m as ts.Declaration);
        return !(flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Static));
      })
      .map((m) => m.name!.getText(source));
    classes.push({ name: node.name.text, methods });
  });
  return classes;
}

it('keeps every store adapter class at 20 public methods or fewer', () => {
  const classes = ADAPTER_FILES.flatMap((f) =>
    publicMethodsPerClass(f).map((c) => ({ ...c, file: relative(ROOT, join(ROOT, f)) })),
  );
  expect(classes.map((c) => c.name)).toEqual(
    expect.arrayContaining(['EmbeddedStore', 'Neo4jStore', 'EmbeddedRequestStore']),
  );
  const tooBig = classes
    .filter((c) => c.methods.length > MAX_PUBLIC_METHODS)
    .map((c) => `${c.file} ${c.name}: ${c.methods.length}`);
  expect(tooBig).toEqual([]);
});
