import type { AdviceOffer } from './domain/advice-offers.js';
import { builder } from '../../../schema/builder.js';
import { DistrictRef, PersonRef, TopicRef } from '../../../schema/refs.js';
import { InstitutionTypeEnum } from '../../../schema/types/enums.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';

// What KIK and Koordinationskräfte offer institutions, and asking for it (a request of kind
// ADVICE to whoever offers it).

const AdviceOfferType = builder.objectRef<AdviceOffer>('AdviceOffer').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    provider: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (o, _a, ctx) => ctx.directory.entityOfKind(o.providerId, 'Person'),
    }),
    institutionTypes: t.field({ type: [InstitutionTypeEnum], resolve: (o) => o.institutionTypes }),
    topics: t.field({
      type: [TopicRef],
      resolve: async (o, _a, ctx) =>
        (await Promise.all(o.topicIds.map((id) => ctx.directory.entityOfKind(id, 'Topic')))).filter((x) => x !== null),
    }),
    district: t.field({
      type: DistrictRef,
      nullable: true,
      resolve: (o, _a, ctx) => ctx.directory.district(o.districtAgs),
    }),
    demo: t.exposeBoolean('demo'),
  }),
});

const AdviceOfferInput = builder.inputType('AdviceOfferInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    description: t.string({ required: true }),
    institutionTypes: t.field({ type: [InstitutionTypeEnum], required: true }),
    topics: t.stringList({ description: 'Topic names or ids.' }),
  }),
});

builder.queryFields((t) => ({
  adviceOffers: t.field({
    type: [AdviceOfferType],
    errors: DOMAIN_ERRORS,
    description:
      'Advice offers in my districts (everywhere without one), for an institution type ("Jobcenter") or about a topic.',
    args: { query: t.arg.string() },
    resolve: (_r, args, ctx) => ctx.services.advice.find(args.query ?? null, ctx.viewer),
  }),
}));

builder.mutationFields((t) => ({
  createAdviceOffer: t.field({
    type: AdviceOfferType,
    errors: DOMAIN_ERRORS,
    description: 'A coordinator offers advice to institutions in their district.',
    args: { input: t.arg({ type: AdviceOfferInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      ctx.services.advice.create(
        {
          title: input.title,
          description: input.description,
          institutionTypes: input.institutionTypes,
          topics: input.topics ?? [],
        },
        ctx.viewer,
      ),
  }),
  requestAdvice: t.field({
    type: 'String',
    errors: DOMAIN_ERRORS,
    description: 'Asks for an advice offer: a request of kind ADVICE to whoever offers it. Answers its id.',
    args: { offerId: t.arg.id({ required: true }), text: t.arg.string({ required: true }) },
    resolve: async (_r, args, ctx) => (await ctx.services.advice.ask(String(args.offerId), args.text, ctx.viewer)).id,
  }),
}));
