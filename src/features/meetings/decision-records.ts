import type { DecisionPoll } from './domain/meetings.js';
import type { PollStore } from './domain/poll-store.port.js';

// A meeting's decision polls as the minutes need them.

/** A meeting's polls, oldest first. */
export function decisionsOf(store: { readonly polls: PollStore }, meetingId: string): Promise<DecisionPoll[]> {
  return store.polls.decisionPollsOf(meetingId);
}

/** Closes what is still open of a meeting's polls; answers all of them. */
export async function closeDecisions(
  store: { readonly polls: PollStore },
  meetingId: string,
  at: string,
): Promise<DecisionPoll[]> {
  const polls = await decisionsOf(store, meetingId);
  const closed = polls.map((p) => (p.closedAt ? p : { ...p, closedAt: at }));
  await Promise.all(closed.filter((p, i) => p !== polls[i]).map((p) => store.polls.saveDecisionPoll(p)));
  return closed;
}
