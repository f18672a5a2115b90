import { describe, expect, it } from 'vitest';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import type { DocumentNode } from 'graphql';
import { useRateLimit } from '../../../src/server/plugins/use-rate-limit.js';

// The rate limit counts root field calls per caller and must leave the parsed document alone:
// the compiled-query cache is keyed by the document, so a copy per request would compile every
// request anew.

function yogaWith(max: number) {
  const executed: DocumentNode[] = [];
  const probe: Plugin = { onExecute: ({ args }) => void executed.push(args.document) };
  const yoga = createYoga<{ caller?: string }>({
    schema: createSchema({
      typeDefs: 'type Query { hello: String, other: String, nested: Nested } type Nested { hello: String }',
      resolvers: { Query: { hello: () => 'hi', other: () => 'o', nested: () => ({ hello: 'deep' }) } },
    }),
    context: ({ request }) => ({ tokenKey: request.headers.get('x-caller') ?? 'anonymous' }),
    plugins: [useRateLimit({ max, window: '1m' }), probe],
    logging: false,
  });
  const ask = async (query: string, caller = 'a') => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-caller': caller },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] },
    };
  };
  return { ask, executed };
}

describe('rate limit', () => {
  it('hands execution the document as parsed, the same object for the same query', async () => {
    const { ask, executed } = yogaWith(100);
    await ask('{ hello nested { hello } }');
    await ask('{ hello nested { hello } }');
    expect(executed).toHaveLength(2);
    expect(executed[1]).toBe(executed[0]);
  });

  it('counts each root field per caller, through fragments, and answers 429 with Retry-After beyond the limit', async () => {
    const { ask } = yogaWith(2);
    expect((await ask('{ hello }')).status).toBe(200);
    expect((await ask('query { ...F } fragment F on Query { hello nested { hello } }')).status).toBe(200);
    const refused = await ask('{ hello }');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.body.data).toBeUndefined();
    // Another root field and another caller have budgets of their own.
    expect((await ask('{ other }')).status).toBe(200);
    expect((await ask('{ hello }', 'b')).status).toBe(200);
  });
});
