// Helpers for batch reads: answers aligned with the keys asked for, in the same order.

export function alignOne<T>(keys: readonly string[], items: Iterable<T>, keyOf: (item: T) => string): (T | null)[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(keyOf(item), item);
  return keys.map((k) => byKey.get(k) ?? null);
}

export function alignMany<T>(
  keys: readonly string[],
  items: Iterable<T>,
  keysOf: (item: T) => readonly (string | null)[],
): T[][] {
  const byKey = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const item of items) {
    for (const k of new Set(keysOf(item))) if (k !== null) byKey.get(k)?.push(item);
  }
  return keys.map((k) => byKey.get(k)!);
}
