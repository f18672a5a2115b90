import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import type { Viewer } from '../src/services/access/domain/access.js';
import { NotAllowed } from '../src/domain/errors.js';
import { mayCall, policyRow } from '../src/services/access/domain/policy.js';

// Gates every root field (query, mutation, subscription) by the access policy table in
// src/services/access/domain/policy.ts. A root field without a row stops the schema from being built, so no
// operation reaches callers unlisted. Registered after the errors plugin, so a refusal becomes
// the field's HubError where it has one.

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function gate<Types extends SchemaTypes>(
  fieldConfig: PothosOutputFieldConfig<Types>,
  next: GraphQLFieldResolver<unknown, Types['Context'], object>,
): GraphQLFieldResolver<unknown, Types['Context'], object> {
  const operation = `${fieldConfig.parentType}.${fieldConfig.name}`;
  policyRow(operation);
  return (parent, args, context, info) => {
    if (!mayCall(operation, (context as { viewer: Viewer }).viewer)) {
      throw new NotAllowed(
        `use ${fieldConfig.name} with this access`,
        `${fieldConfig.name} mit diesem Zugang nicht verwenden`,
      );
    }
    return next(parent, args, context, info);
  };
}

class PolicyPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ) {
    // Subscriptions are gated where they start (wrapSubscribe); their events pass through.
    if (!ROOT_TYPES.has(fieldConfig.parentType) || fieldConfig.parentType === 'Subscription') return resolver;
    return gate(fieldConfig, resolver);
  }

  override wrapSubscribe(
    subscribe: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ) {
    if (fieldConfig.parentType !== 'Subscription' || !subscribe) return subscribe;
    return gate(fieldConfig, subscribe);
  }
}

declare global {
  // Pothos plugins extend its global namespace; there is no module form of this.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      hubPolicy: PolicyPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('hubPolicy', PolicyPlugin);
