import type { StateKey } from './state-slots.js';

export type { StateKey } from './state-slots.js';

/** A piece of shared state written together with another change (e.g. a notice of it). */
export interface StateEntry {
  key: StateKey;
  value: unknown;
}

/** Small shared state, exactly-once claims and leases: what several hub instances coordinate on. */
export interface CoordinationStore {
  /** Technical state (outboxes, sessions, secrets, transport memory) as JSON values by a slot's key. */
  getState<T>(key: StateKey): Promise<T | null>;
  setState(key: StateKey, value: unknown): Promise<void>;
  /** Entries whose key starts with the prefix, by key. */
  listState<T>(prefix: StateKey): Promise<{ key: StateKey; value: T }[]>;
  deleteState(key: StateKey): Promise<void>;
  /**
   * Records the key once: true for the first caller, false ever after (exactly-once handling).
   * `alongside` (the notices of what the claim stands for) is written in the same transaction,
   * only by the first caller.
   */
  claimOnce(key: StateKey, alongside?: readonly StateEntry[]): Promise<boolean>;
  /**
   * Takes or renews a lease (e.g. "which instance runs the chat bots"): true when the holder has
   * it until `until` — it was free, expired at `now`, or already theirs; false while another holds it.
   */
  holdLease(name: string, holder: string, until: Date, now: Date): Promise<boolean>;
  /** Gives a lease up at once, if this holder has it. */
  releaseLease(name: string, holder: string): Promise<void>;
}
