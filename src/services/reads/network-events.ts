import { EventEmitter, on } from 'node:events';
import type { Entity } from '../../domain/model.js';

// Tells caches and live subscribers that the network changed. In one process this is an
// in-memory emitter; several hub instances share it through Redis (see the server wiring).

export interface NetworkChange {
  action: string;
  subjectIds: string[];
  at: string;
  /**
   * What the change touched, so read models follow it instead of reading everything anew.
   * Absent: anything may have changed (e.g. another writer of the store), and readers reload.
   */
  touched?: TouchedRecords;
}

export interface TouchedRecords {
  /** Every record whose own fields, roles or links changed (both ends of a link, person and place of a role). */
  entityIds: string[];
  meetingIds?: string[];
  requestIds?: string[];
  /**
   * Present when the change only created these records, with no roles or links: their whole
   * fresh state, which read models take as it is instead of reading it back.
   */
  created?: Entity[];
}

export class NetworkEvents {
  private readonly emitter = new EventEmitter();
  private relay: ((change: NetworkChange) => void) | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** A change written here: told to this process and, through the relay, to the other instances. */
  publish(change: NetworkChange): void {
    this.emitter.emit('change', change);
    this.relay?.(change);
  }

  /** A change another instance wrote: told to this process only. */
  receive(change: NetworkChange): void {
    this.emitter.emit('change', change);
  }

  /** Sends every change published here on to the other instances (e.g. through Redis). */
  relayTo(send: (change: NetworkChange) => void): void {
    this.relay = send;
  }

  /** The changes from now on, as an async stream, until the consumer stops or the signal aborts. */
  async *stream(signal?: AbortSignal): AsyncGenerator<NetworkChange> {
    for await (const [change] of on(this.emitter, 'change', { signal })) yield change as NetworkChange;
  }

  subscribe(listener: (change: NetworkChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
