import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { schema } from '../../schema/index.js';
import type { HubContext } from '../../schema/context.js';
import { ANONYMOUS } from '../domain/access.js';
import type { Language } from '../domain/errors.js';
import { Directory } from '../services/directory.js';
import type { HubServices } from '../services/hub-services.js';
import { useBearerAuth } from './plugins/use-bearer-auth.js';
import { hubMaskError } from './plugins/mask-error.js';
import { useDomainErrors } from './plugins/use-domain-errors.js';

export interface YogaOptions {
  graphiql: boolean;
}

export type HubYoga = YogaServerInstance<Record<string, never>, HubContext>;

/** German unless the request prefers English. */
export function languageOf(request: Request): Language {
  const accept = request.headers.get('accept-language') ?? '';
  return /^\s*en\b/i.test(accept) ? 'en' : 'de';
}

export function createHubYoga(services: HubServices, options: YogaOptions): HubYoga {
  return createYoga<Record<string, never>, HubContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql ? { title: 'Integration Hub GraphQL' } : false,
    landingPage: false,
    plugins: [
      // Request phase: who is asking.
      useBearerAuth(services.access),
      // Execution phase: domain errors in the caller's language.
      useDomainErrors(),
    ],
    maskedErrors: { maskError: hubMaskError },
    context: ({ request }) => ({
      services,
      directory: new Directory(services.store),
      viewer: ANONYMOUS,
      language: languageOf(request),
    }),
  });
}
