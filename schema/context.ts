import type { Viewer } from '../src/services/access/domain/access.js';
import type { Language } from '../src/domain/errors.js';
import type { Directory } from '../src/services/reads/directory.js';
import type { HubServices } from '../src/services/hub-services.js';

/**
 * The services GraphQL resolvers may use, declared like a chat command's `uses`: the context
 * carries only these, so a resolver reaching for another (the store, the mail outbox) does not
 * compile.
 */
export const GRAPHQL_SERVICES = [
  'events',
  'writer',
  'reviser',
  'handover',
  'scheduledChanges',
  'undo',
  'merger',
  'proposals',
  'contacts',
  'access',
  'network',
  'layouts',
  'analytics',
  'statistics',
  'oversight',
  'suggestions',
  'requests',
  'meetings',
  'datePolls',
  'personalData',
  'calendars',
  'minutes',
  'knowledge',
  'articleLinks',
  'funding',
  'advice',
  'projects',
  'identities',
  'privacy',
  'notificationSettings',
] as const satisfies readonly (keyof HubServices)[];
export type GraphqlServices = Pick<HubServices, (typeof GRAPHQL_SERVICES)[number]>;

/** What every resolver may use: its declared services and per-request loaders, never a database driver. */
export interface HubContext {
  services: GraphqlServices;
  directory: Directory;
  viewer: Viewer;
  language: Language;
  /** For rate limits: the client's address, and its token's key (or anonymous@address). */
  clientAddress: string;
  tokenKey?: string;
  /** The bearer secret of this request, to check it again during a stream; never logged. */
  credential?: string;
  /** What the answer should say besides its data (e.g. a figure served from before the last change); sent as `extensions.notices`. */
  notices: Notice[];
}

export interface Notice {
  code: 'STALE_ANSWER';
  /** The field whose answer it concerns, e.g. "analytics.centrality". */
  field: string;
  message: string;
  /** When the answer served was worked out (ISO time). */
  computedAt: string;
}
