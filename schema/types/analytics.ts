import type { Viewer } from '../../src/services/access/domain/access.js';
import { NotAllowed } from '../../src/domain/errors.js';
import type {
  Broker,
  Centrality,
  KikLoad,
  OrphanedWork,
  RuleBreach,
  SlowAnswer,
} from '../../src/services/analysis/analytics.js';
import type { HubContext } from '../context.js';
import type { BetweennessAccuracy } from '../../src/services/analysis/betweenness.js';
import type { ActionItemFigures } from '../../src/features/minutes/domain/minutes.js';
import type { PeriodFigures } from '../../src/services/analysis/statistics.js';
import { parseDay } from '../../src/services/writes/inputs.js';
import { builder } from '../builder.js';

// Analytics for analysts and coordinators, over the district given (or everything stored).
// Ids only: the caller resolves names through node(id), which applies the privacy rules.

const CentralityType = builder.objectRef<Centrality>('Centrality').implement({
  fields: (t) => ({ id: t.exposeID('id'), degree: t.exposeInt('degree'), betweenness: t.exposeFloat('betweenness') }),
});
const BetweennessAccuracyType = builder.objectRef<BetweennessAccuracy>('BetweennessAccuracy').implement({
  description:
    'How exact the betweenness of `centrality` is: exact up to 6000 actors; beyond, estimated from a random sample of sources, within maxError of the exact normalised value with probability confidence (Hoeffding bound).',
  fields: (t) => ({
    exact: t.exposeBoolean('exact'),
    sources: t.exposeInt('sources', { description: 'Shortest-path sources the figures are computed from.' }),
    maxError: t.exposeFloat('maxError'),
    confidence: t.exposeFloat('confidence'),
  }),
});
const CommunityType = builder.objectRef<{ id: string; community: number }>('CommunityMembership').implement({
  fields: (t) => ({ id: t.exposeID('id'), community: t.exposeInt('community') }),
});
const BrokerType = builder.objectRef<Broker>('Broker').implement({
  description: 'An actor who alone connects groups: without them the network falls apart into groupsConnected parts.',
  fields: (t) => ({ id: t.exposeID('id'), groupsConnected: t.exposeInt('groupsConnected') }),
});
const KikLoadType = builder.objectRef<KikLoad>('KikLoad').implement({
  fields: (t) => ({
    personId: t.exposeID('personId'),
    districtAgs: t.exposeString('districtAgs'),
    municipalities: t.exposeInt('municipalities'),
    populationShare: t.exposeInt('populationShare', { nullable: true }),
  }),
});
const RuleBreachType = builder.objectRef<RuleBreach>('RuleBreach').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    subjectIds: t.exposeIDList('subjectIds'),
    description: t.exposeString('description'),
  }),
});

const ActionItemFiguresType = builder.objectRef<ActionItemFigures>('ActionItemFigures').implement({
  fields: (t) => ({
    districtAgs: t.exposeString('districtAgs'),
    open: t.exposeInt('open'),
    overdue: t.exposeInt('overdue', { description: 'Open past their due day.' }),
  }),
});

const OrphanedWorkType = builder.objectRef<OrphanedWork>('OrphanedWork').implement({
  description: 'Work waiting on someone without a current role to do it (a role ended without handover).',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'REQUEST or MEETING' }),
    id: t.exposeID('id'),
    waitingOnId: t.exposeID('waitingOnId'),
  }),
});

/** Slow figures come from before the last change while they are worked out anew; the answer says so. */
function servedStale(ctx: HubContext, field: string): SlowAnswer {
  return {
    onStale: ({ computedAt }) =>
      ctx.notices.push({
        code: 'STALE_ANSWER',
        field: `analytics.${field}`,
        computedAt,
        message: `analytics.${field} is from before the latest change (worked out ${computedAt}); a fresh one is being worked out.`,
      }),
  };
}

interface AnalyticsScope {
  districtAgs: string | null;
  /** YYYY-MM-DD: the network as it stood that day. */
  at: string | null;
}

const AnalyticsType = builder.objectRef<AnalyticsScope>('Analytics').implement({
  fields: (t) => ({
    centrality: t.field({
      type: [CentralityType],
      description: 'Degree and betweenness, most central first.',
      resolve: (s, _a, ctx) => ctx.services.analytics.centrality(s.districtAgs, s.at, servedStale(ctx, 'centrality')),
    }),
    centralityAccuracy: t.field({
      type: BetweennessAccuracyType,
      resolve: (s, _a, ctx) =>
        ctx.services.analytics.centralityAccuracy(s.districtAgs, s.at, servedStale(ctx, 'centralityAccuracy')),
    }),
    communities: t.field({
      type: [CommunityType],
      resolve: (s, _a, ctx) => ctx.services.analytics.communities(s.districtAgs, s.at, servedStale(ctx, 'communities')),
    }),
    brokers: t.field({
      type: [BrokerType],
      resolve: (s, _a, ctx) => ctx.services.analytics.brokers(s.districtAgs, s.at),
    }),
    isolatedAlliances: t.idList({
      description: 'Alliances with no link to any coordinator.',
      resolve: (s, _a, ctx) => ctx.services.analytics.isolatedAlliances(s.districtAgs, s.at),
    }),
    uncoveredMunicipalities: t.idList({
      description: 'Municipalities no KIK serves.',
      resolve: (s, _a, ctx) => ctx.services.analytics.uncoveredMunicipalities(s.districtAgs, s.at),
    }),
    kikLoad: t.field({
      type: [KikLoadType],
      resolve: (s, _a, ctx) => ctx.services.analytics.kikLoad(s.districtAgs, s.at),
    }),
    unconfirmedPeople: t.idList({
      description:
        'People holding a role whose entry nobody changed or confirmed for a year (or ever): possibly out of date.',
      resolve: async (s, _a, ctx) => (await ctx.services.analytics.unconfirmedPeople(s.districtAgs)).map((p) => p.id),
    }),
    actionItems: t.field({
      type: [ActionItemFiguresType],
      description: 'Open and overdue action items from meetings, per district.',
      resolve: (s, _a, ctx) => ctx.services.minutes.figures(s.districtAgs),
    }),
    orphanedWork: t.field({
      type: [OrphanedWorkType],
      description: 'Open requests and coming meetings waiting on someone who holds no role any more.',
      resolve: (s, _a, ctx) => ctx.services.analytics.orphanedWork(s.districtAgs),
    }),
    ruleBreaches: t.field({
      type: [RuleBreachType],
      description: 'What breaks the rules now (e.g. after a limit was lowered).',
      resolve: (s, _a, ctx) => ctx.services.analytics.ruleBreaches(s.at),
    }),
  }),
});

const ANALYSING = new Set(['ANALYST', 'COORDINATOR', 'DISTRICT_COORDINATOR', 'ADMIN']);

function mayAnalyse(viewer: Viewer): boolean {
  return viewer.access !== null && ANALYSING.has(viewer.access);
}

builder.queryField('analytics', (t) =>
  t.field({
    type: AnalyticsType,
    args: {
      districtAgs: t.arg.string({ required: false }),
      at: t.arg.string({
        required: false,
        description: 'YYYY-MM-DD: the network as it stood that day (orphanedWork is always today).',
      }),
    },
    resolve: (_root, args, ctx) => {
      if (!mayAnalyse(ctx.viewer)) throw new NotAllowed('see network analytics', 'keine Netzwerkauswertungen sehen');
      return { districtAgs: args.districtAgs ?? null, at: args.at ? parseDay('at', args.at) : null };
    },
  }),
);

const PeriodStatisticsType = builder.objectRef<PeriodFigures>('PeriodStatistics').implement({
  description:
    'What the coordination did in a period, per district and topic (topic null: all topics, and the meetings).',
  fields: (t) => ({
    districtAgs: t.exposeString('districtAgs'),
    topicId: t.exposeID('topicId', { nullable: true }),
    requestsFiled: t.exposeInt('requestsFiled'),
    requestsAccepted: t.exposeInt('requestsAccepted'),
    requestsResolved: t.exposeInt('requestsResolved'),
    requestsEscalated: t.exposeInt('requestsEscalated'),
    medianHoursToAccept: t.exposeFloat('medianHoursToAccept', { nullable: true }),
    medianHoursToResolve: t.exposeFloat('medianHoursToResolve', { nullable: true }),
    meetingsHeld: t.exposeInt('meetingsHeld'),
    municipalitiesReached: t.exposeInt('municipalitiesReached'),
  }),
});

builder.queryField('statistics', (t) =>
  t.field({
    type: [PeriodStatisticsType],
    description:
      'Requests filed, accepted, resolved and escalated, median hours to accept and to resolve, meetings held and municipalities reached, from one day to another (YYYY-MM-DD, both included).',
    args: {
      districtAgs: t.arg.string({ required: false }),
      from: t.arg.string({ required: true }),
      to: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) =>
      ctx.services.statistics.figures(args.districtAgs ?? null, parseDay('from', args.from), parseDay('to', args.to)),
  }),
);
