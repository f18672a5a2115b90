import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import { kindOfId } from '../src/domain/ids.js';
import type { HubContext } from './context.js';
import './policy-plugin.js';

// The one schema builder. Ids of the domain already name their kind ("district:14627"), so
// they serve as global ids unchanged; the kind names are the GraphQL type names.

export const builder = new SchemaBuilder<{
  Context: HubContext;
  DefaultFieldNullability: false;
  Scalars: { ID: { Input: string; Output: string } };
}>({
  plugins: [ErrorsPlugin, RelayPlugin, 'hubPolicy'],
  defaultFieldNullability: false,
  relay: {
    cursorType: 'String',
    encodeGlobalID: (_typename, id) => String(id),
    decodeGlobalID: (globalID) => ({ typename: kindOfId(globalID) ?? 'Unknown', id: globalID }),
  },
  errors: { defaultTypes: [] },
});

builder.queryType({});
builder.mutationType({});
