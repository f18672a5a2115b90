import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, type Language } from '../domain/errors.js';
import type { ChatSignIn } from '../services/access/chat-sign-in.js';

// POST /auth/matrix {"openIdToken": "..."}: the map shown as a chat room widget trades the chat's
// OpenID token for a short-lived hub session. Answers JSON; a refusal says why in the caller's
// language.

const MAX_BODY = 4_096;

export async function handleWidgetSignIn(
  req: IncomingMessage,
  res: ServerResponse,
  signIn: ChatSignIn | null,
): Promise<void> {
  const language: Language = /^en/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'de';
  const answer = (status: number, body: unknown): void =>
    void res
      .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify(body));
  if (req.method !== 'POST') return answer(405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'POST only.' } });
  if (!signIn)
    return answer(404, {
      error: {
        code: 'NOT_CONFIGURED',
        message:
          language === 'de'
            ? 'Die Anmeldung über den Chat ist nicht eingerichtet.'
            : 'Signing in through the chat is not set up.',
      },
    });
  const body = await readBody(req);
  const token = (body as { openIdToken?: unknown } | null)?.openIdToken;
  if (typeof token !== 'string')
    return answer(400, { error: { code: 'INVALID_INPUT', message: 'Expected {"openIdToken": "..."}.' } });
  try {
    answer(200, await signIn.signIn(token));
  } catch (error) {
    if (error instanceof DomainError)
      return answer(403, { error: { code: error.code, message: error.localized(language) } });
    answer(503, {
      error: {
        code: 'UNAVAILABLE',
        message:
          language === 'de' ? 'Die Anmeldung ist gerade nicht möglich.' : 'Signing in is not possible right now.',
      },
    });
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_BODY) return null;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
