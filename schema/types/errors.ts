import { DomainError, NotFound } from '../../src/domain/errors.js';
import { builder } from '../builder.js';

// Domain errors as types: a mutation that can break a rule answers with a result union whose
// error member carries the rule's stable code and a message in the caller's language.

const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable machine-readable code, e.g. KIK_LIMIT_REACHED.' }),
    message: t.string({ resolve: (error, _args, ctx) => error.localized(ctx.language) }),
  }),
});

builder.objectType(DomainError as unknown as new () => DomainError, {
  name: 'HubError',
  description: 'A rule of the network or a check on the input refused the request; nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof DomainError,
  fields: (t) => ({
    suggestions: t.stringList({
      description: 'For an unknown name: the closest known names.',
      resolve: (error) => (error instanceof NotFound ? error.suggestions : []),
    }),
  }),
});

export const DOMAIN_ERRORS = { types: [DomainError as unknown as new () => DomainError] };
