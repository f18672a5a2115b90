import { toHtml, toPlainText } from '../core/render.js';
import type { Reply } from '../core/reply.js';

// Matrix message contents for replies: m.notice with a plain and an HTML body, a rich reply
// (m.in_reply_to, no quoted fallback) in the thread when the question was asked in one, and an
// explicit mention of the asker.

export interface MatrixEvent {
  event_id: string;
  sender: string;
  type: string;
  origin_server_ts?: number;
  state_key?: string;
  content?: {
    body?: unknown;
    msgtype?: unknown;
    'm.new_content'?: { body?: unknown };
    'm.relates_to'?: { rel_type?: string; event_id?: string; key?: string };
  };
}

function notice(reply: Reply, mention: string | null): Record<string, unknown> {
  return {
    msgtype: 'm.notice',
    body: toPlainText(reply),
    format: 'org.matrix.custom.html',
    formatted_body: toHtml(reply),
    'm.mentions': { user_ids: mention ? [mention] : [] },
  };
}

/** A notice to the room as a whole, mentioning no one. */
export function roomNotice(reply: Reply): Record<string, unknown> {
  return notice(reply, null);
}

/** Replaces the content of an earlier message (an edit, as clients show it). */
export function editOf(eventId: string, content: Record<string, unknown>): Record<string, unknown> {
  return {
    ...content,
    body: `* ${String(content.body)}`,
    'm.new_content': content,
    'm.relates_to': { rel_type: 'm.replace', event_id: eventId },
  };
}

export function noticeReplyingTo(reply: Reply, event: MatrixEvent): Record<string, unknown> {
  const relation = event.content?.['m.relates_to'];
  const inReplyTo = { event_id: event.event_id };
  const relatesTo =
    relation?.rel_type === 'm.thread' && relation.event_id
      ? { rel_type: 'm.thread', event_id: relation.event_id, is_falling_back: false, 'm.in_reply_to': inReplyTo }
      : { 'm.in_reply_to': inReplyTo };
  return { ...notice(reply, event.sender), 'm.relates_to': relatesTo };
}

export function directNotice(reply: Reply, userId: string): Record<string, unknown> {
  return notice(reply, userId);
}
