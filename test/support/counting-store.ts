import type { GraphStore } from '../../src/domain/ports/graph-store.port.js';

/**
 * Wraps a store and counts its calls, those of its parts (store.requests, store.meetings, …)
 * included: each read method is one database round trip.
 */
export function countingStore(store: GraphStore): { store: GraphStore; calls: () => number; reset: () => void } {
  let count = 0;
  const wrapped = new WeakMap<object, object>();
  const counting = <T extends object>(target: T): T => {
    const known = wrapped.get(target);
    if (known) return known as T;
    const proxy = new Proxy(target, {
      get(inner, property, receiver) {
        const value = Reflect.get(inner, property, receiver) as unknown;
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) return counting(value);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          count++;
          return (value as (...a: unknown[]) => unknown).apply(inner, args);
        };
      },
    });
    wrapped.set(target, proxy);
    return proxy;
  };
  return { store: counting(store), calls: () => count, reset: () => (count = 0) };
}
