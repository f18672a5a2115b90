import { builder } from '../../../schema/builder.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';

// The signed-in person's calendar feed: a secret address to subscribe to in Outlook or
// Thunderbird. The answer is a path on the hub (prefix it with the hub's address).

builder.mutationFields((t) => ({
  createCalendarFeed: t.field({
    type: 'String',
    errors: DOMAIN_ERRORS,
    description:
      'A new secret calendar address (ICS) with my meetings, e.g. "/calendar/cal_….ics"; an older one stops working.',
    resolve: (_r, _a, ctx) => ctx.services.calendars.create(ctx.viewer),
  }),
  revokeCalendarFeed: t.field({
    type: 'Boolean',
    errors: DOMAIN_ERRORS,
    description: 'Ends my calendar address; false when I had none.',
    resolve: (_r, _a, ctx) => ctx.services.calendars.revoke(ctx.viewer),
  }),
}));
