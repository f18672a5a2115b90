import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type YogaServerOptions } from 'graphql-yoga';
import { DomainError, type Language } from '../../domain/errors.js';

// A domain error reaches the caller with its stable code and its message; anything else becomes
// yoga's "Unexpected error." with no stack, no Cypher and no internal detail.

type MaskError = NonNullable<Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']>;

export function hubMaskError(language: (error: unknown) => Language = () => 'de'): MaskError {
  return (error, message, isDev) => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    if (original instanceof DomainError && error instanceof GraphQLError) {
      return new GraphQLError(original.localized(language(error)), {
        nodes: error.nodes,
        path: error.path,
        extensions: { code: original.code },
      });
    }
    return yogaMaskError(error, message, isDev);
  };
}
