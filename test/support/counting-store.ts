import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';

/** Wraps a store and counts its calls: each read method is one database round trip. */
export function countingStore(store: GraphStore): { store: GraphStore; calls: () => number; reset: () => void } {
  let count = 0;
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        count++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls: () => count, reset: () => (count = 0) };
}
