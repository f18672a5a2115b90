/** A piece of shared state written together with another change (e.g. a notice of it). */
export interface StateEntry {
  key: string;
  value: unknown;
}

/** Small shared state, exactly-once claims and leases: what several hub instances coordinate on. */
export interface CoordinationStore {
  /** Small shared state (chat links, preferences), as JSON values by key. */
  getState<T>(key: string): Promise<T | null>;
  setState(key: string, value: unknown): Promise<void>;
  /** Entries whose key starts with the prefix, by key. */
  listState<T>(prefix: string): Promise<{ key: string; value: T }[]>;
  deleteState(key: string): Promise<void>;
  /**
   * Records the key once: true for the first caller, false ever after (exactly-once handling).
   * `alongside` (the notices of what the claim stands for) is written in the same transaction,
   * only by the first caller.
   */
  claimOnce(key: string, alongside?: readonly StateEntry[]): Promise<boolean>;
  /**
   * Takes or renews a lease (e.g. "which instance runs the chat bots"): true when the holder has
   * it until `until` — it was free, expired at `now`, or already theirs; false while another holds it.
   */
  holdLease(name: string, holder: string, until: Date, now: Date): Promise<boolean>;
  /** Gives a lease up at once, if this holder has it. */
  releaseLease(name: string, holder: string): Promise<void>;
}
