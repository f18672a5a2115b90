import type { CoordinationStore } from '../../src/domain/ports/graph-store.port.js';
import { toPlainText } from '../core/render.js';
import type { Reply } from '../core/reply.js';
import { POLL_END_TYPE, POLL_START_TYPE, pollEnd, pollStart } from './matrix-polls.js';
import { MATRIX_STATE } from './matrix-state.js';

// A meeting's decision poll as a native Matrix poll in the room where it was put (one answer
// each); a vote on it is `!abstimmen <Abstimmung> <Nr.>` by the voter, and the poll is ended with
// the result when the vote closes.

type SendEvent = (roomId: string, type: string, key: string, content: Record<string, unknown>) => Promise<string>;

const startKey = (eventId: string) => MATRIX_STATE.decisionPoll.key(eventId);
const sentKey = (pollId: string) => MATRIX_STATE.decisionPollSent.key(pollId);

export class MatrixDecisionPolls {
  constructor(
    private readonly store: { readonly coordination: CoordinationStore },
    private readonly sendEvent: SendEvent,
  ) {}

  /** Posts the reply's poll in the room instead of a text reply; its fallback text is the reply. */
  async post(roomId: string, commandEventId: string, reply: Reply): Promise<void> {
    const poll = reply.poll!;
    const content = pollStart(poll.question, poll.answers, toPlainText(reply), 1);
    const eventId = await this.sendEvent(roomId, POLL_START_TYPE, `${commandEventId}/poll`, content);
    await this.store.coordination.setState(startKey(eventId), { pollId: poll.id });
    await this.store.coordination.setState(sentKey(poll.id), { roomId, eventId });
  }

  /** The decision poll a native poll stands for, or null. */
  async pollOf(startEventId: string): Promise<string | null> {
    return (await this.store.coordination.getState<{ pollId: string }>(startKey(startEventId)))?.pollId ?? null;
  }

  /** Ends the native poll of a closed decision poll, with the reply's text. */
  async end(pollId: string, reply: Reply): Promise<void> {
    const sent = await this.store.coordination.getState<{ roomId: string; eventId: string }>(sentKey(pollId));
    if (!sent) return;
    await this.sendEvent(
      sent.roomId,
      POLL_END_TYPE,
      `decision-end/${pollId}`,
      pollEnd(sent.eventId, toPlainText(reply)),
    );
  }
}
