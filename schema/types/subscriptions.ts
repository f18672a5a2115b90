import { NotAllowed } from '../../src/domain/errors.js';
import type { NetworkChange } from '../../src/services/reads/network-events.js';
import { builder } from '../builder.js';

// Live updates over Server-Sent Events: a request routed, a meeting scheduled, a link added.
// Only ids and the kind of change travel; clients fetch what they may see through queries.

const NetworkChangeType = builder.objectRef<NetworkChange>('NetworkChange').implement({
  fields: (t) => ({
    action: t.exposeString('action', { description: 'What happened: addLink, addPerson, import, ...' }),
    subjectIds: t.exposeIDList('subjectIds'),
    at: t.exposeString('at', { description: 'ISO timestamp.' }),
  }),
});

builder.subscriptionType({});

builder.subscriptionField('networkChanged', (t) =>
  t.field({
    type: NetworkChangeType,
    description: 'Every change to the network, as it is written.',
    subscribe: (_root, _args, ctx) => {
      if (ctx.viewer.access === null || !ctx.credential || !ctx.tokenKey)
        throw new NotAllowed('follow changes without signing in', 'Änderungen nur angemeldet verfolgen');
      return ctx.services.access.followWhileValid(ctx.credential, ctx.tokenKey, ctx.services.events.stream());
    },
    resolve: (change) => change,
  }),
);
