import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { schema } from '../../schema/index.js';
import type { HubContext } from '../../schema/context.js';
import type { Language } from '../domain/errors.js';
import type { GraphStore } from '../domain/ports/graph-store.port.js';
import { ANONYMOUS } from '../domain/access.js';
import { Directory } from '../services/directory.js';
import type { NetworkWriter } from '../services/network-writer.js';
import { hubMaskError } from './plugins/mask-error.js';

export interface HubServices {
  store: GraphStore;
  writer: NetworkWriter;
}

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
    // Request phase and execution phase plugins come here in order as they are added.
    plugins: [],
    maskedErrors: { maskError: hubMaskError() },
    context: ({ request }) => ({
      directory: new Directory(services.store),
      writer: services.writer,
      viewer: ANONYMOUS,
      language: languageOf(request),
    }),
  });
}
