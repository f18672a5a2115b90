import type { GraphStore } from '../../domain/ports/graph-store.port.js';
import { kindOfId } from '../../domain/ids.js';
import { NameSearch } from './name-search.js';
import type { NetworkEvents, TouchedRecords } from './network-events.js';

const agsOfDistrictId = (id: string) => id.slice(id.indexOf(':') + 1);

// The network's records change rarely and are read on every request, so the hub keeps what it
// read in memory and follows changes: a change drops only the answers about the records it
// touched (on this instance, or on another one through Redis); a change that does not say what
// it touched (another writer of the store) drops everything. Requests, meetings, tokens and chat
// state are not cached. A read that raced a write is not kept, so the cache never holds what a
// write replaced.

const CACHED = [
  'districtsByAgs',
  'municipalitiesOfDistricts',
  'entitiesByIds',
  'rolesOfPersons',
  'rolesInScopes',
  'linksOf',
] as const;
type CachedMethod = (typeof CACHED)[number];

/** Beyond this many cached answers the cache starts over, to bound memory at Germany scale. */
const MAX_ENTRIES = 200_000;

export function withReadCache(store: GraphStore, events: NetworkEvents): GraphStore {
  const caches = new Map<CachedMethod, Map<string, unknown>>(CACHED.map((m) => [m, new Map()]));
  let generation = 0;
  let size = 0;
  const clear = () => {
    generation++;
    size = 0;
    for (const cache of caches.values()) cache.clear();
  };
  const forget = (touched: TouchedRecords) => {
    if (touched.entityIds.length === 0) return;
    generation++;
    const ids = new Set(touched.entityIds);
    const districts = new Set(touched.entityIds.filter((id) => kindOfId(id) === 'District').map(agsOfDistrictId));
    for (const [method, cache] of caches) {
      const keys = method === 'districtsByAgs' || method === 'municipalitiesOfDistricts' ? districts : ids;
      for (const key of keys) if (cache.delete(key)) size--;
    }
    // Records the change only created are known whole: kept as written, not read back.
    for (const entity of touched.created ?? []) {
      caches.get('entitiesByIds')!.set(entity.id, entity);
      for (const method of ['rolesOfPersons', 'rolesInScopes', 'linksOf'] as const)
        caches.get(method)!.set(entity.id, []);
      size += 4;
    }
  };
  events.subscribe((change) => (change.touched ? forget(change.touched) : clear()));

  const cachedRead = (method: CachedMethod) => async (keys: readonly string[]) => {
    const cache = caches.get(method)!;
    const missing = [...new Set(keys.filter((k) => !cache.has(k)))];
    if (missing.length > 0) {
      const started = generation;
      const found = (await (store[method] as (keys: readonly string[]) => Promise<unknown[]>).call(
        store,
        missing,
      )) as unknown[];
      if (generation === started) {
        if (size + missing.length > MAX_ENTRIES) clear();
        missing.forEach((key, i) => cache.set(key, found[i]));
        size += missing.length;
      } else {
        return keys.map((k) => (missing.includes(k) ? found[missing.indexOf(k)] : cache.get(k)));
      }
    }
    return keys.map((k) => cache.get(k));
  };

  // Listings are cached whole, by their arguments, until a record changes.
  const wholeAnswers = new Map<string, Promise<unknown>>();
  events.subscribe((change) => {
    if (!change.touched || change.touched.entityIds.length > 0) wholeAnswers.clear();
  });
  const whole =
    <M extends 'listEntities' | 'countEntities'>(method: M) =>
    (...args: Parameters<GraphStore[M]>): ReturnType<GraphStore[M]> => {
      const key = `${method}:${JSON.stringify(args)}`;
      let answer = wholeAnswers.get(key);
      if (!answer) {
        if (wholeAnswers.size >= 10_000) wholeAnswers.clear();
        answer = (store[method] as (...a: unknown[]) => Promise<unknown>).apply(store, args).catch((error: unknown) => {
          wholeAnswers.delete(key);
          throw error;
        });
        wholeAnswers.set(key, answer);
      }
      return answer as ReturnType<GraphStore[M]>;
    };

  const reads = new Map<string, unknown>([
    ...CACHED.map((m) => [m, cachedRead(m)] as const),
    ['listEntities', whole('listEntities')],
    ['countEntities', whole('countEntities')],
  ]);
  const cached = new Proxy(store, {
    get(target, property, receiver) {
      const read = reads.get(property as string);
      if (read) return read;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  // Searches by name are answered from the names in memory, which follow the same changes.
  const names = new NameSearch(cached, events);
  reads.set('search', names.search.bind(names));
  return cached;
}
