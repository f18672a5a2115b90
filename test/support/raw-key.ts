import type { StateKey } from '../../src/domain/ports/state-slots.js';

/**
 * A state key written out by a test: as an earlier release wrote it (migration tests) or as the
 * store's own contract uses arbitrary keys. The hub's code makes keys only with its slots.
 */
export const rawKey = (key: string): StateKey => key as StateKey;
