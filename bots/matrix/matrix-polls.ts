import type { MatrixEvent } from './matrix-content.js';

// Native Matrix polls (MSC3381) for finding a date. Rooms without extensible events (all stable
// room versions) carry polls in the unstable namespace, which is what Element sends and shows;
// responses are read in both the unstable and the stable (m.poll.response) form. The fallback
// text tells clients without polls how to vote by command.

const START = 'org.matrix.msc3381.poll.start';
const END = 'org.matrix.msc3381.poll.end';
const TEXT = 'org.matrix.msc1767.text';
const RESPONSES = new Set(['org.matrix.msc3381.poll.response', 'm.poll.response']);

export const POLL_START_TYPE = START;
export const POLL_END_TYPE = END;

export function pollStart(
  question: string,
  answers: string[],
  fallback: string,
  maxSelections = answers.length,
): Record<string, unknown> {
  return {
    [START]: {
      question: { [TEXT]: question, body: question, msgtype: 'm.text' },
      kind: 'org.matrix.msc3381.poll.disclosed',
      max_selections: maxSelections,
      answers: answers.map((text, i) => ({ id: String(i + 1), [TEXT]: text })),
    },
    [TEXT]: fallback,
    body: fallback,
  };
}

export function pollEnd(startEventId: string, text: string): Record<string, unknown> {
  return { 'm.relates_to': { rel_type: 'm.reference', event_id: startEventId }, [END]: {}, [TEXT]: text, body: text };
}

/** The poll a response answers and the answer ids chosen, or null when the event is no poll response. */
export function pollResponse(event: MatrixEvent): { startEventId: string; choices: string[] } | null {
  if (!RESPONSES.has(event.type)) return null;
  const content = (event.content ?? {}) as Record<string, unknown>;
  const relation = content['m.relates_to'] as { rel_type?: string; event_id?: string } | undefined;
  if (relation?.rel_type !== 'm.reference' || !relation.event_id) return null;
  const unstable = (content['org.matrix.msc3381.poll.response'] as { answers?: unknown } | undefined)?.answers;
  const choices = Array.isArray(unstable) ? unstable : content['m.selections'];
  if (!Array.isArray(choices)) return null;
  return { startEventId: relation.event_id, choices: choices.filter((c): c is string => typeof c === 'string') };
}
