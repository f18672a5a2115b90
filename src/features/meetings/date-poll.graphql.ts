import type { DatePoll } from './date-polls.js';
import { builder } from '../../../schema/builder.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';
import { MeetingType } from './meeting.graphql.js';

// Finding a date: candidate slots, votes, the fixed meeting.

const DatePollType = builder.objectRef<DatePoll>('DatePoll').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    state: t.exposeString('state', { description: 'OPEN or FIXED.' }),
    slots: t.exposeStringList('slots', { description: 'ISO instants, numbered from 1 in this order.' }),
    holidays: t.stringList({
      nullable: { list: false, items: true },
      description: 'The public holiday on each slot, if any.',
      resolve: (p) => p.holidays,
    }),
    votes: t.intList({ description: 'Votes per slot.', resolve: (p, _a, ctx) => ctx.services.datePolls.tally(p) }),
    meetingId: t.exposeID('meetingId', { nullable: true }),
  }),
});

const ProposeDatesInput = builder.inputType('ProposeDatesInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    slots: t.stringList({ required: true, description: '2 to 8 dates in natural German or English.' }),
    invite: t.stringList({ required: true, description: 'Municipalities of your district or person ids.' }),
    includeAlliances: t.boolean({ required: false }),
  }),
});

builder.mutationFields((t) => ({
  proposeMeetingDates: t.field({
    type: DatePollType,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: ProposeDatesInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      ctx.services.datePolls.propose({ ...input, includeAlliances: input.includeAlliances ?? false }, ctx.viewer),
  }),
  voteMeetingDates: t.field({
    type: DatePollType,
    errors: DOMAIN_ERRORS,
    args: { id: t.arg.id({ required: true }), choices: t.arg.intList({ required: true }) },
    resolve: (_r, args, ctx) => ctx.services.datePolls.vote(String(args.id), args.choices, ctx.viewer),
  }),
  fixMeetingDate: t.field({
    type: MeetingType,
    errors: DOMAIN_ERRORS,
    args: {
      id: t.arg.id({ required: true }),
      choice: t.arg.int({ required: false, description: 'Without: the most voted slot.' }),
    },
    resolve: async (_r, args, ctx) =>
      (await ctx.services.datePolls.fix(String(args.id), args.choice ?? null, ctx.viewer)).meeting,
  }),
}));
