import type { IncomingMessage } from 'node:http';

// Who is calling, for per-address limits. Behind a reverse proxy every request comes from the
// proxy; only a proxy named in HUB_TRUSTED_PROXIES may say whom it forwards (X-Forwarded-For:
// the last address it added is the one it saw). Anyone else's header is ignored.

const normalise = (address: string) => address.replace(/^::ffff:/, '');

export function clientAddressOf(req: IncomingMessage | undefined, trustedProxies: readonly string[]): string {
  const peer = normalise(req?.socket.remoteAddress ?? 'local');
  if (!req || !trustedProxies.map(normalise).includes(peer)) return peer;
  const forwarded = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const client = chain.at(-1);
  return client && /^[0-9a-fA-F:.]{2,45}$/.test(client) ? normalise(client) : peer;
}
