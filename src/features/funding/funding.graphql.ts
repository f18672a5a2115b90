import { APPLICANT_KINDS, fundingCallText, type FundingCall } from './domain/funding-calls.js';
import { builder } from '../../../schema/builder.js';
import { FundingProgramRef, TopicRef } from '../../../schema/refs.js';
import { FundingLevelEnum } from '../../../schema/types/enums.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';

// Funding calls with their deadlines: open ones for the caller's districts, subscriptions to
// reminders per topic, and the import of calls from CSV or JSON.

const ApplicantKindEnum = builder.enumType('ApplicantKind', { values: APPLICANT_KINDS });
const ImportFormatEnum = builder.enumType('FundingImportFormat', { values: ['CSV', 'JSON'] as const });

export const FundingCallType = builder.objectRef<FundingCall>('FundingCall').implement({
  description: 'A call for funding applications, open from opensOn to closesOn (Berlin days, both included).',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    funder: t.exposeString('funder'),
    level: t.field({ type: FundingLevelEnum, resolve: (c) => c.level }),
    programme: t.field({
      type: FundingProgramRef,
      nullable: true,
      resolve: (c, _a, ctx) => (c.programmeId ? ctx.directory.entityOfKind(c.programmeId, 'FundingProgram') : null),
    }),
    topics: t.field({
      type: [TopicRef],
      resolve: async (c, _a, ctx) =>
        (await Promise.all(c.topicIds.map((id) => ctx.directory.entityOfKind(id, 'Topic')))).filter((x) => x !== null),
    }),
    eligible: t.field({ type: [ApplicantKindEnum], resolve: (c) => c.eligible }),
    amountMin: t.exposeInt('amountMin', { nullable: true, description: 'Euros per project.' }),
    amountMax: t.exposeInt('amountMax', { nullable: true, description: 'Euros per project.' }),
    coFinancingPercent: t.exposeFloat('coFinancingPercent', {
      nullable: true,
      description: "The applicant's own share.",
    }),
    url: t.exposeString('url', { nullable: true }),
    opensOn: t.exposeString('opensOn'),
    closesOn: t.exposeString('closesOn'),
    public: t.exposeBoolean('public'),
    demo: t.exposeBoolean('demo', { description: 'Fictional, from the demo data.' }),
    shareText: t.string({
      description: 'The call as plain text with its deadline and link, ready to send in a chat or an e-mail.',
      resolve: (c) => fundingCallText(c),
    }),
  }),
});

builder.queryFields((t) => ({
  fundingCalls: t.field({
    type: [FundingCallType],
    errors: DOMAIN_ERRORS,
    description: "Calls open today for the caller's districts (of a topic), soonest deadline first.",
    args: { topic: t.arg.string() },
    resolve: (_r, args, ctx) => ctx.services.funding.open(ctx.viewer, args.topic ?? null),
  }),
  fundingSubscriptions: t.field({
    type: [TopicRef],
    errors: DOMAIN_ERRORS,
    description: 'The topics whose deadlines I am reminded of.',
    resolve: (_r, _a, ctx) => ctx.services.funding.subscriptions(ctx.viewer),
  }),
}));

builder.mutationFields((t) => ({
  subscribeFunding: t.field({
    type: [TopicRef],
    errors: DOMAIN_ERRORS,
    description:
      'Reminders before the deadlines of calls of this topic (HUB_FUNDING_REMIND_DAYS); answers all my topics.',
    args: { topic: t.arg.string({ required: true }) },
    resolve: (_r, args, ctx) => ctx.services.funding.subscribe(ctx.viewer, args.topic),
  }),
  unsubscribeFunding: t.field({
    type: [TopicRef],
    errors: DOMAIN_ERRORS,
    args: { topic: t.arg.string({ required: true }) },
    resolve: (_r, args, ctx) => ctx.services.funding.unsubscribe(ctx.viewer, args.topic),
  }),
  importFundingCalls: t.field({
    type: 'Int',
    errors: DOMAIN_ERRORS,
    description:
      'Imports calls (CSV with a header line, or a JSON array): all of them, or at the first broken row none (IMPORT_ROW_INVALID names its line). Answers how many.',
    args: {
      text: t.arg.string({ required: true }),
      format: t.arg({ type: ImportFormatEnum, required: true }),
    },
    resolve: (_r, args, ctx) =>
      ctx.services.funding.import(args.text, args.format === 'JSON' ? 'json' : 'csv', ctx.viewer),
  }),
}));
