import { useRateLimiter } from '@envelop/rate-limiter';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

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
  const retryAfterSeconds = String(Math.max(1, Math.round(windowSeconds(limit.window))));
  return useRateLimiter({
    identifyFn: (context) => String((context as { tokenKey?: string }).tokenKey),
    configByField: rules,
    // 429 with Retry-After, so clients and proxies back off instead of retrying at once.
    transformError: (message) =>
      createGraphQLError(message, {
        extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: { 'retry-after': retryAfterSeconds } } },
      }),
  }) as Plugin;
}

function windowSeconds(window: string): number {
  const match = /^(\d+)\s*(s|m|h)$/.exec(window.trim());
  if (!match) return 60;
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'];
}
