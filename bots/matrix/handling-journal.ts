import type { CoordinationStore, StateEntry } from '../../src/domain/ports/graph-store.port.js';
import type { MatrixEvent } from './matrix-content.js';
import { MATRIX_STATE } from './matrix-state.js';

// A chat message the bot claimed and has not yet answered, written in the same transaction as the
// claim and deleted once the answer is sent. A crash in between (issue 36: the requester never got
// "ist gestellt") leaves it here; the next start answers it: a replay-safe command runs again (a
// request finds the one its first run filed), any other gets an honest "interrupted" answer. The
// answer's transaction id comes from the message, so an answer sent before the crash stays one.

export interface Handling {
  roomId: string;
  event: Pick<MatrixEvent, 'event_id' | 'sender' | 'type' | 'origin_server_ts' | 'content'>;
  text: string;
  inGroupRoom: boolean;
}

export class HandlingJournal {
  constructor(private readonly store: { readonly coordination: CoordinationStore }) {}

  /** The entry to write with the message's claim. */
  entry(handling: Handling): StateEntry {
    return MATRIX_STATE.handling.entry(handling, handling.event.event_id!);
  }

  answered(eventId: string): Promise<void> {
    return this.store.coordination.deleteState(MATRIX_STATE.handling.key(eventId));
  }

  /** What a crash left unanswered, oldest first. */
  async unanswered(): Promise<Handling[]> {
    const left = await this.store.coordination.listState<Handling>(MATRIX_STATE.handling.within());
    return left.map((l) => l.value).sort((a, b) => (a.event.origin_server_ts ?? 0) - (b.event.origin_server_ts ?? 0));
  }
}
