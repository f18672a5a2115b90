import type { Language } from '../../domain/errors.js';
import type { HubRequest, RequestState } from './domain/requests.js';

// How a request reads in chat.

const STATE: Record<RequestState, Record<Language, string>> = {
  OPEN: { de: 'offen', en: 'open' },
  ROUTED: { de: 'wartet auf Annahme', en: 'waiting to be accepted' },
  ACCEPTED: { de: 'angenommen', en: 'accepted' },
  RESOLVED: { de: 'erledigt', en: 'resolved' },
  DECLINED: { de: 'abgelehnt', en: 'declined' },
};

export function requestLine(request: HubRequest, language: Language): string {
  const text = request.text && request.text.length > 80 ? `${request.text.slice(0, 79)}…` : (request.text ?? '');
  return `${request.id} – ${STATE[request.state][language]} – ${text}`;
}

/** People type "ab12cd34" or "request:ab12cd34". */
export function requestId(word: string): string {
  return word.startsWith('request:') ? word : `request:${word}`;
}
