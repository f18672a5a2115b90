import { createHash } from 'node:crypto';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { ANONYMOUS, type Viewer } from '../../services/access/domain/access.js';
import type { AccessService } from '../../services/access/access.js';

// Reads "Authorization: Bearer <token>" and puts the viewer into the context. No header means
// an anonymous viewer; a header with an unknown or revoked token is refused with 401.

export function useBearerAuth(
  access: AccessService,
): Plugin<{ viewer?: Viewer; tokenKey?: string; credential?: string }> {
  return {
    async onContextBuilding({ context, extendContext }) {
      const header = (context as { request: Request }).request.headers.get('authorization');
      const address = (context as { clientAddress?: string }).clientAddress ?? 'unknown';
      if (!header) return extendContext({ viewer: ANONYMOUS, tokenKey: `anonymous@${address}` });
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const viewer = match ? await access.authenticate(match[1]!) : null;
      if (!viewer) {
        throw createGraphQLError('The access token is unknown or revoked.', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      }
      extendContext({
        viewer,
        credential: match![1]!,
        tokenKey: `token:${createHash('sha256').update(match![1]!).digest('hex').slice(0, 16)}`,
      });
    },
  };
}
