import { resolveArrayConnection } from '@pothos/plugin-relay';
import { InvalidInput } from '../../domain/errors.js';
import { builder } from '../../../schema/builder.js';
import { PersonRef, TopicRef } from '../../../schema/refs.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';
import { SearchResult } from '../../../schema/types/search.js';
import { FundingCallType } from '../funding/funding.graphql.js';
import { SUGGESTION_ANSWERS } from './domain/feedback.js';
import { SUGGESTION_KINDS, type Suggestion } from './domain/suggestions.js';
import { suggestionSentence } from './suggestion-sentence.js';

// Suggestions in GraphQL (issue 38): suggestions(districtAgs, kinds, first) for the district
// coordination, best first, each with its facts and next step; answerSuggestion takes, dismisses
// or snoozes one.

const SuggestionKindEnum = builder.enumType('SuggestionKind', { values: SUGGESTION_KINDS });
const StructuralGapEnum = builder.enumType('StructuralGap', { values: ['NO_KIK', 'BROKER'] as const });
const SuggestionAnswerEnum = builder.enumType('SuggestionAnswer', { values: SUGGESTION_ANSWERS });

const SuggestionType = builder.objectRef<Suggestion>('Suggestion').implement({
  description: 'A connection the network does not make by itself, with the facts behind it and one next step.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: SuggestionKindEnum, resolve: (s) => s.kind }),
    districtAgs: t.exposeString('districtAgs'),
    subjects: t.field({
      type: [SearchResult],
      description:
        'The towns to bring together, the alliance or institution to introduce, the town a waiting request comes from, or the town or person of a structural gap.',
      resolve: async (s, _a, ctx) =>
        (await Promise.all(s.subjectIds.map((id) => ctx.directory.entity(id)))).filter((e) => e !== null),
    }),
    topics: t.field({
      type: [TopicRef],
      description: 'The topics the towns share, the call fits, or the waiting request is on.',
      resolve: async (s, _a, ctx) =>
        (await Promise.all(s.topicIds.map((id) => ctx.directory.entityOfKind(id, 'Topic')))).filter((e) => e !== null),
    }),
    people: t.field({
      type: [PersonRef],
      description: 'Whom the next step brings together, as far as the caller may see them.',
      resolve: async (s, _a, ctx) =>
        (await Promise.all(s.peopleIds.map((id) => ctx.directory.entityOfKind(id, 'Person')))).filter(
          (e) => e !== null,
        ),
    }),
    reason: t.string({
      description: 'The facts behind it in one sentence, in the language asked for.',
      resolve: async (s, _a, ctx) => (await sentence(s, ctx)).reason,
    }),
    step: t.string({
      description: 'The next step, in the language asked for.',
      resolve: async (s, _a, ctx) => (await sentence(s, ctx)).step,
    }),
    fundingCall: t.field({
      type: FundingCallType,
      nullable: true,
      description: 'FUNDING_CALL: the call to share with the people named.',
      resolve: (s, _a, ctx) => (s.fundingCall ? ctx.services.funding.byId(s.fundingCall.id, ctx.viewer) : null),
    }),
    waitingDays: t.int({
      nullable: true,
      description: 'WAITING_REQUEST: whole days the request has been waiting.',
      resolve: (s) => s.request?.waitingDays ?? null,
    }),
    gap: t.field({
      type: StructuralGapEnum,
      nullable: true,
      description: 'STRUCTURAL_GAP: a town no KIK serves, or a person whose leaving would split the network.',
      resolve: (s) => s.gap?.kind ?? null,
    }),
    score: t.exposeFloat('score', {
      description: 'Its own weight × (1 + taken) / (1 + dismissed) of its kind in the district.',
    }),
  }),
});

async function sentence(
  s: Suggestion,
  ctx: { directory: { entity(id: string): Promise<{ id: string; name: string } | null> }; language: 'de' | 'en' },
) {
  const ids = [...s.subjectIds, ...s.topicIds, ...s.peopleIds];
  const found = await Promise.all(ids.map((id) => ctx.directory.entity(id)));
  const names = new Map(found.filter((e) => e !== null).map((e) => [e.id, e.name]));
  return suggestionSentence(s, (id) => names.get(id) ?? '…', ctx.language);
}

builder.queryFields((t) => ({
  suggestions: t.connection({
    type: SuggestionType,
    description: 'Suggestions for a district the caller coordinates, best first.',
    args: {
      districtAgs: t.arg.string({ required: true }),
      kinds: t.arg({ type: [SuggestionKindEnum], required: false }),
    },
    resolve: async (_r, args, ctx) =>
      resolveArrayConnection(
        { args },
        await ctx.services.suggestions.forDistrict(ctx.viewer, args.districtAgs, args.kinds ?? null),
      ),
  }),
}));

const TakenSuggestion = builder
  .objectRef<{ suggestion: Suggestion; told: number; pollId: string | null }>('TakenSuggestion')
  .implement({
    description: 'A suggestion whose step ran: how many people were told, and the date poll it started.',
    fields: (t) => ({
      suggestion: t.field({ type: SuggestionType, resolve: (r) => r.suggestion }),
      told: t.exposeInt('told', { description: 'People invited, or told of the call or the question.' }),
      pollId: t.exposeID('pollId', { nullable: true, description: 'EXCHANGE_MEETING: the date poll to both towns.' }),
    }),
  });

builder.mutationFields((t) => ({
  takeSuggestion: t.field({
    type: TakenSuggestion,
    errors: DOMAIN_ERRORS,
    description:
      "Runs a suggestion's step (a date poll to both towns' KIK, the call to those it fits, a question to the coordination elsewhere) and marks it taken. STRUCTURAL_GAP has no step to run here (INVALID_INPUT).",
    args: {
      districtAgs: t.arg.string({ required: true }),
      id: t.arg.id({ required: true }),
    },
    resolve: async (_r, args, ctx) => {
      const names = new Map<string, string>();
      const found = (await ctx.services.suggestions.forDistrict(ctx.viewer, args.districtAgs)).find(
        (s) => s.id === String(args.id),
      );
      for (const id of found ? [...found.subjectIds, ...found.topicIds, ...found.peopleIds] : []) {
        const entity = await ctx.directory.entity(id);
        if (entity) names.set(id, entity.name);
      }
      const taken = await ctx.services.suggestions.take(
        ctx.viewer,
        args.districtAgs,
        String(args.id),
        (id) => names.get(id) ?? id,
      );
      if (!taken)
        throw new InvalidInput('id', 'has no step to run here; mark it done with answerSuggestion', {
          field: 'Empfehlung',
          problem: 'hat hier keinen Schritt zum Ausführen; vermerken Sie sie mit answerSuggestion als erledigt',
        });
      return { suggestion: taken.suggestion, told: taken.told, pollId: taken.poll?.id ?? null };
    },
  }),
  answerSuggestion: t.field({
    type: SuggestionType,
    errors: DOMAIN_ERRORS,
    description:
      'TAKEN: its step was done; DISMISSED: it stays away until its facts change; SNOOZED: it comes back in four weeks.',
    args: {
      districtAgs: t.arg.string({ required: true }),
      id: t.arg.id({ required: true }),
      answer: t.arg({ type: SuggestionAnswerEnum, required: true }),
    },
    resolve: (_r, args, ctx) =>
      ctx.services.suggestions.answer(ctx.viewer, args.districtAgs, String(args.id), args.answer),
  }),
}));
