import type { OpenIdVerifier } from '../../src/services/access/chat-sign-in.js';

// Whose is a Matrix OpenID token (the map widget's sign-in)? Only the configured homeserver is asked: a token naming another
// server is refused, so the hub never calls an address a caller chose.

export function matrixOpenIdVerifier(homeserverUrl: string): OpenIdVerifier {
  return async (accessToken) => {
    const url = new URL('/_matrix/federation/v1/openid/userinfo', homeserverUrl);
    url.searchParams.set('access_token', accessToken);
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    if (!response?.ok) return null;
    const body = (await response.json().catch(() => null)) as { sub?: unknown } | null;
    return typeof body?.sub === 'string' && body.sub.startsWith('@') ? body.sub : null;
  };
}

/** Whether the homeserver answers (the hub's readiness, where the map is a widget in its rooms). */
export async function homeserverAnswers(homeserverUrl: string): Promise<boolean> {
  const response = await fetch(new URL('/_matrix/client/versions', homeserverUrl), {
    signal: AbortSignal.timeout(3_000),
  }).catch(() => null);
  return Boolean(response?.ok);
}
