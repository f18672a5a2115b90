import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { expect, it } from 'vitest';

// The dependency rule of ARCHITECTURE.md, checked on the real import statements.

const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  const full = join(ROOT, dir);
  if (statSync(full).isFile()) return [dir];
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

/** Every folder of the server side and the tooling is under some rule. */
const COVERED = ['src', 'bots', 'graph', 'schema'];
/** Composition roots and entry points, which wire everything: named here so nothing else slips through. */
const UNRULED = ['src/config.ts', 'graph/open-store.ts', 'graph/neo4j/server'];

/**
 * The domain layer: the shared kernel in src/domain and each feature's own domain folder
 * (src/services/<feature>/domain: its types, rules and store port).
 */
const FEATURE_DOMAIN = /^src\/(?:services|features)\/[^/]+\/domain\//;
const FEATURES_WITH_DOMAIN = ['src/services', 'src/features'].flatMap((root) =>
  readdirSync(join(ROOT, root))
    .map((feature) => `${root}/${feature}/domain`)
    .filter((dir) => statSync(join(ROOT, dir), { throwIfNoEntry: false })?.isDirectory()),
);

/**
 * Feature modules (src/features/<feature>/, issue 33) keep every layer of one feature in one
 * folder; each file keeps the rule of its layer, told by its place or its name: domain/ (the
 * domain layer), store/ (its adapters for both databases), *.graphql.ts (its GraphQL types, like
 * schema/), *.command.ts (its chat commands, like bots/commands/), *.page.ts (its HTTP page, like
 * src/server/), and the rest (its service, like src/services/).
 */
const FEATURE_STORE = /^src\/features\/[^/]+\/store\//;
const featureFiles = (pattern: RegExp) => sources('src/features').filter((f) => pattern.test(f));
/** What only composition roots and interfaces may import of a feature: its adapters, GraphQL types, commands and page. */
const FEATURE_OUTSIDE_SERVICES = featureFiles(/\/store\/|\.(graphql|command|page)\.ts$/).map((f) =>
  f.replace(/\.ts$/, ''),
);
const FEATURE_LAYERS = [
  ...featureFiles(/^src\/features\/[^/]+\/store\//).map((from) => ({
    from,
    forbidden: ['src/services', 'src/server', 'src/features', 'schema', 'bots'],
    allowed: new RegExp(`${FEATURE_DOMAIN.source}|${FEATURE_STORE.source}`),
  })),
  ...featureFiles(/\.graphql\.ts$/).map((from) => ({ from, forbidden: ['src/server', 'graph', 'bots'] })),
  ...featureFiles(/\.command\.ts$/).map((from) => ({
    from,
    forbidden: ['graph', 'schema', 'src/server', 'bots/matrix', 'bots/console', 'bots/discord'],
  })),
  ...featureFiles(/\.page\.ts$/).map((from) => ({ from, forbidden: ['bots', 'graph'] })),
  ...featureFiles(/^src\/features\/[^/]+\/[^/]+\.ts$/)
    .filter((f) => !/\.(graphql|command|page)\.ts$/.test(f))
    .map((from) => ({ from, forbidden: ['src/server', 'schema', 'graph', 'bots', ...FEATURE_OUTSIDE_SERVICES] })),
];

const RULES: { from: string; forbidden: string[]; except?: string[]; allowed?: RegExp }[] = [
  {
    from: 'src/domain',
    forbidden: ['src/services', 'src/features', 'src/server', 'src/config', 'schema', 'graph', 'bots'],
    allowed: FEATURE_DOMAIN,
  },
  ...FEATURES_WITH_DOMAIN.map((from) => ({
    from,
    forbidden: ['src/services', 'src/features', 'src/server', 'src/config', 'schema', 'graph', 'bots'],
    allowed: FEATURE_DOMAIN,
  })),
  { from: 'src/services', forbidden: ['src/server', 'schema', 'graph', 'bots', ...FEATURE_OUTSIDE_SERVICES] },
  ...FEATURE_LAYERS,
  { from: 'schema', forbidden: ['src/server', 'graph', 'bots'] },
  {
    from: 'graph/embedded',
    forbidden: ['src/services', 'src/features', 'src/server', 'schema', 'bots'],
    allowed: new RegExp(`${FEATURE_DOMAIN.source}|${FEATURE_STORE.source}`),
  },
  {
    from: 'graph/neo4j',
    forbidden: ['src/services', 'src/features', 'src/server', 'schema', 'bots'],
    allowed: new RegExp(`${FEATURE_DOMAIN.source}|${FEATURE_STORE.source}`),
  },
  { from: 'src/server', forbidden: ['bots', 'graph'], except: ['src/server/main.ts'] },
  {
    from: 'bots/core',
    forbidden: ['graph', 'schema', 'src/server', 'bots/matrix', 'bots/console', 'bots/discord', 'bots/commands'],
  },
  {
    from: 'bots/commands',
    forbidden: ['graph', 'schema', 'src/server', 'bots/matrix', 'bots/console', 'bots/discord'],
  },
  { from: 'bots/matrix', forbidden: ['graph', 'schema', 'src/server', 'bots/console', 'bots/discord'] },
  { from: 'bots/discord', forbidden: ['graph', 'schema', 'src/server', 'bots/console', 'bots/matrix'] },
  // The console's entry point opens the store itself (a composition root, like src/server/main.ts).
  {
    from: 'bots/console',
    forbidden: ['schema', 'src/server', 'bots/matrix', 'bots/discord'],
    except: ['bots/console/main.ts'],
  },
  { from: 'bots/start-bots.ts', forbidden: ['graph', 'schema', 'src/server'] },
  { from: 'graph/data', forbidden: ['schema', 'src/server', 'bots'] },
  {
    from: 'src/launch',
    forbidden: ['src/domain', 'src/services', 'src/features', 'src/server', 'src/config', 'schema', 'graph', 'bots'],
  },
  {
    from: 'src/web',
    forbidden: ['src/domain', 'src/services', 'src/features', 'src/server', 'src/config', 'schema', 'graph', 'bots'],
  },
];

it('keeps every layer to what it may import', () => {
  expect(FEATURES_WITH_DOMAIN.length).toBeGreaterThanOrEqual(5);
  const breaches: string[] = [];
  for (const rule of RULES) {
    for (const file of sources(rule.from)) {
      if (rule.except?.includes(file)) continue;
      for (const target of localImports(file)) {
        if (rule.allowed?.test(target)) continue;
        if (rule.forbidden.some((f) => target === f || target.startsWith(`${f}/`) || target === `${f}.js`))
          breaches.push(`${file} -> ${target}`);
      }
    }
  }
  expect(breaches).toEqual([]);
});

it('has no import cycle, type imports included', () => {
  const files = COVERED.flatMap(sources);
  const edges = new Map(files.map((f) => [f, localImports(f).map((t) => t.replace(/\.js$/, '.ts'))]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (!edges.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  expect(cycles).toEqual([]);
});

it('puts every folder under a rule', () => {
  const ruled = (file: string) =>
    RULES.some((r) => file === r.from || file.startsWith(`${r.from}/`)) ||
    UNRULED.some((u) => file === u || file.startsWith(`${u}/`));
  expect(COVERED.flatMap(sources).filter((f) => !ruled(f))).toEqual([]);
});

it('keeps chat out of the domain and the services: no command syntax, no Matrix words (issue 17)', () => {
  // Services tell people typed notices, worded by the chat layer (bots/core/notice-texts.ts); the
  // access policy names commands as "Chat.<name>". Comments count too.
  const files = [
    ...sources('src/domain'),
    ...sources('src/services'),
    ...sources('src/features').filter((f) => !/\.(command|page|graphql)\.ts$/.test(f)),
  ];
  const literals = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
  const found = files.flatMap((file) =>
    [
      ...readFileSync(join(ROOT, file), 'utf8')
        .replace(/^\s*(\/\/|\*|\/\*\*)(.*)$/gm, '`$2`')
        .matchAll(literals),
    ]
      .map((m) => m[0])
      .filter(
        (text) => /(?:^|[\s(:])![a-zäöüß][a-zäöüß-]{2,}/.test(text.slice(1, -1)) || /\b(?:auf|on) Matrix\b/.test(text),
      )
      .map((text) => `${file}: ${text.slice(0, 120)}`),
  );
  expect(found).toEqual([]);
  // Nor does a service write a command into a text: no command references are made in src/.
  const referencing = [...files, ...sources('src/server')].filter((file) =>
    /\bcommandRef\(/.test(readFileSync(join(ROOT, file), 'utf8')),
  );
  expect(referencing).toEqual([]);
  // Nor does a service or the domain know which chat it serves: not even a comment says "Matrix"
  // (the transport's key 'matrix' in stored account links is data, not a word).
  // The HTTP layer serves any chat's widget sign-in; the Matrix side of it is in bots/matrix.
  // Since the composition root takes the chat widget's sign-in from bots/start-bots.ts, main.ts and
  // the settings (src/config.ts) name no chat either; the chat's own settings are read in bots/.
  const server = [...sources('src/server'), 'src/config.ts'];
  const naming = [...files, ...server].filter((file) => /\bMatrix\b/.test(readFileSync(join(ROOT, file), 'utf8')));
  expect(naming).toEqual([]);
});

it('names only paths that exist in ARCHITECTURE.md (issue 17)', () => {
  const skipped = new Set(['node_modules', '.git', '.cache', 'dist', '.venv']);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(ROOT, dir))) {
      if (skipped.has(name)) continue;
      const path = dir ? `${dir}/${name}` : name;
      if (statSync(join(ROOT, path)).isDirectory()) {
        files.push(`${path}/`);
        walk(path);
      } else files.push(path);
    }
  };
  walk('');
  const named = [...readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8').matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!.replace(/:.*$/, ''))
    .filter((t) => t.includes('/') && !/^(?:http|\.\.\/|[A-Z_]+\/)/.test(t) && /(\.[a-z]+|\/)$/.test(t));
  // Beside the repository's paths it names the shared domain text (../shared) and settings
  // (HUB_DATA_DIR/…). A placeholder (<name>) or * stands for one path segment; a path of a feature
  // folder may be written from inside src/services or a feature module.
  const pattern = (t: string) =>
    new RegExp(
      `^(?:src/services/|src/features/[^/]+/)?${t.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/<[^>]+>|\*/g, '[^/]+')}$`,
    );
  const missing = [...new Set(named)].filter((t) => !files.some((f) => pattern(t).test(f)));
  expect(named.length).toBeGreaterThan(30);
  expect(missing).toEqual([]);
});
