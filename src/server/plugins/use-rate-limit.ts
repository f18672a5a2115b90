import { useRateLimiter } from '@envelop/rate-limiter';
import type { Plugin } from 'graphql-yoga';

// Limits calls of root fields in a sliding window, per token for signed-in callers and per
// client address for anonymous ones (the context's tokenKey, set by use-bearer-auth). Counts
// live in this process.

export interface RateLimit {
  /** Root field calls allowed per window. */
  max: number;
  window: string;
}

export function useRateLimit(limit: RateLimit): Plugin {
  const rules = ['Query', 'Mutation'].map((type) => ({
    type,
    field: '*',
    max: limit.max,
    window: limit.window,
    identifier: '{context.tokenKey}',
    message: 'Too many requests; please wait a moment.',
  }));
  return useRateLimiter({ identifyFn: (context) => String((context as { tokenKey?: string }).tokenKey), configByField: rules }) as Plugin;
}
