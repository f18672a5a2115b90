import type { DecisionPoll } from './domain/meetings.js';
import type { CoordinationStore } from '../../domain/ports/graph-store.port.js';

// Where decision polls are kept (shared state per meeting), for the polls themselves and the minutes.

export const decisionKey = (meetingId: string, id: string) => `decision:${meetingId}:${id}`;
export const meetingOfDecisionKey = (id: string) => `decision-of:${id}`;

/** A meeting's polls, oldest first. */
export async function decisionsOf(store: CoordinationStore, meetingId: string): Promise<DecisionPoll[]> {
  return (await store.listState<DecisionPoll>(`decision:${meetingId}:`))
    .map((e) => e.value)
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt));
}

/** Closes what is still open of a meeting's polls; answers all of them. */
export async function closeDecisions(store: CoordinationStore, meetingId: string, at: string): Promise<DecisionPoll[]> {
  const polls = await decisionsOf(store, meetingId);
  const closed = polls.map((p) => (p.closedAt ? p : { ...p, closedAt: at }));
  await Promise.all(
    closed.filter((p, i) => p !== polls[i]).map((p) => store.setState(decisionKey(meetingId, p.id), p)),
  );
  return closed;
}
