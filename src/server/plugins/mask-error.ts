import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type YogaServerOptions } from 'graphql-yoga';

// Errors made on purpose (GraphQLErrors without a hidden cause, such as validation errors and
// the localized domain errors) pass; anything else becomes yoga's "Unexpected error." with no
// stack, no Cypher and no internal detail.

type MaskError = NonNullable<
  Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']
>;

export const hubMaskError: MaskError = (error, message, isDev) => {
  if (error instanceof GraphQLError && !error.originalError) return error;
  return yogaMaskError(error, message, isDev);
};
