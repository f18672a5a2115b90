import { Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

// Limits calls of root fields in a sliding window, per token for signed-in callers and per
// client address for anonymous ones (the context's tokenKey, set by use-bearer-auth). Counts
// live in this process. Only the operation's root selection is read and the document is left as
// parsed, so the compiled-query cache keeps hitting (@envelop/rate-limiter, used before, copied
// every document and walked it with type information on each request).

export interface RateLimit {
  /** Root field calls allowed per window. */
  max: number;
  window: string;
}

export function useRateLimit(limit: RateLimit): Plugin<{ tokenKey?: string }> {
  const windowMs = windowSeconds(limit.window) * 1000;
  const calls = new SlidingWindow(windowMs);
  const retryAfterSeconds = String(Math.max(1, Math.round(windowMs / 1000)));
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const fields = rootFieldsOf(args.document, args.operationName ?? null);
      if (fields.length === 0) return;
      const caller = String(args.contextValue.tokenKey);
      const refused = fields.filter((field) => !calls.admit(`${caller}\u0000${field}`, limit.max));
      if (refused.length === 0) return;
      setResultAndStopExecution({
        errors: [
          createGraphQLError('Too many requests; please wait a moment.', {
            extensions: {
              code: 'RATE_LIMITED',
              http: { status: 429, headers: { 'retry-after': retryAfterSeconds } },
            },
          }),
        ],
      });
    },
  };
}

/** Names of the root fields the chosen operation selects, fragments followed; introspection aside. */
function rootFieldsOf(document: DocumentNode, operationName: string | null): string[] {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return [];
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const names: string[] = [];
  const seenFragments = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) names.push(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return names;
}

/**
 * Calls per key in a sliding window, estimated from the counts of the current and the previous
 * fixed window (the previous one weighted by how much of it the sliding window still covers):
 * constant time and memory per key, however high the limit.
 */
class SlidingWindow {
  private readonly counts = new Map<string, { window: number; current: number; previous: number }>();
  private lastSweep = 0;

  constructor(private readonly windowMs: number) {}

  admit(key: string, max: number): boolean {
    const now = Date.now();
    const window = Math.floor(now / this.windowMs);
    this.sweep(window);
    let count = this.counts.get(key);
    if (!count) this.counts.set(key, (count = { window, current: 0, previous: 0 }));
    if (count.window !== window) {
      count.previous = count.window === window - 1 ? count.current : 0;
      count.current = 0;
      count.window = window;
    }
    const coveredOfPrevious = 1 - (now % this.windowMs) / this.windowMs;
    if (count.previous * coveredOfPrevious + count.current >= max) return false;
    count.current += 1;
    return true;
  }

  /** Keys without calls in this or the previous window are forgotten, once per window. */
  private sweep(window: number): void {
    if (window === this.lastSweep) return;
    this.lastSweep = window;
    for (const [key, count] of this.counts) if (count.window < window - 1) this.counts.delete(key);
  }
}

function windowSeconds(window: string): number {
  const match = /^(\d+)\s*(s|m|h)$/.exec(window.trim());
  if (!match) return 60;
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'];
}
