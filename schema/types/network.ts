import type { Viewer } from '../../src/services/access/domain/access.js';
import { InvalidInput, NotAllowed } from '../../src/domain/errors.js';
import { displayName, mayListPerson } from '../../src/services/access/domain/privacy.js';
import type { NetworkEdge, NetworkGraph, NetworkNode, NetworkView } from '../../src/services/analysis/network-graph.js';
import type { Role } from '../../src/domain/model.js';
import type { Position } from '../../src/services/analysis/network-layout.js';
import { parseDay } from '../../src/services/writes/inputs.js';
import { builder } from '../builder.js';
import { EntityKindEnum } from './enums.js';

// The collaboration graph for the map and for analysts, and the shortest chain between two actors.

const EdgeTypeEnum = builder.enumType('EdgeType', {
  values: [
    'SERVES',
    'ACTIVE_IN',
    'EXPERT_IN',
    'ABOUT',
    'COOPERATES_WITH',
    'PARTNER_IN',
    'ROLE',
    'MEMBER_OF',
    'WORKS_AT',
    'PART_OF',
    'LOCATED_IN',
    'MET',
    'ROUTED_REQUEST',
    'CROSS_DISTRICT',
  ] as const,
});

type PlacedNode = NetworkNode & Partial<Position>;

const NetworkNodeType = builder.objectRef<PlacedNode>('NetworkNode').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    label: t.string({
      resolve: (n, _args, ctx) =>
        n.kind === 'Person'
          ? displayName(ctx.viewer, { id: n.id, name: n.name }, n.roles, ctx.services.privacy)
          : n.name,
    }),
    type: t.field({ type: EntityKindEnum, resolve: (n) => n.kind }),
    districtAgs: t.exposeString('districtAgs', { nullable: true }),
    size: t.exposeInt('size', { description: 'Actors the node stands for (1, or more in an aggregated view).' }),
    x: t.float({
      nullable: true,
      description: 'Map position, when the network was asked for with `layout: true`.',
      resolve: (n) => n.x ?? null,
    }),
    y: t.float({ nullable: true, resolve: (n) => n.y ?? null }),
    since: t.string({
      nullable: true,
      description: "When the record began (people: their first role's start), YYYY-MM-DD, where known.",
      resolve: (n) => n.since ?? null,
    }),
    until: t.string({
      nullable: true,
      description: 'The day it ended (people: when their last role ended), YYYY-MM-DD; null while it holds.',
      resolve: (n) => n.until ?? null,
    }),
  }),
});

const NetworkEdgeType = builder.objectRef<NetworkEdge>('NetworkEdge').implement({
  fields: (t) => ({
    source: t.exposeID('source'),
    target: t.exposeID('target'),
    type: t.field({ type: EdgeTypeEnum, resolve: (e) => e.type }),
    weight: t.exposeFloat('weight', {
      description: 'Collaboration strength: links, shared meetings and routed requests between the two.',
    }),
    since: t.exposeString('since', {
      nullable: true,
      description:
        "The earliest known date of the collaboration (YYYY-MM-DD): a link's start, a meeting, a routed request.",
    }),
    lastActive: t.exposeString('lastActive', {
      nullable: true,
      description:
        'The latest date the collaboration is known active (YYYY-MM-DD): today for a link that began at a known date, else its last meeting or routed request.',
    }),
    until: t.string({
      nullable: true,
      description:
        'The day the collaboration ended (YYYY-MM-DD): its last link, role or tie ended then; null while one holds. Only views with what has ended (`withEnded`, `at`) show ended ones.',
      resolve: (e) => e.until ?? null,
    }),
  }),
});

const NetworkType = builder.objectRef<NetworkView & { nodes: PlacedNode[] }>('Network').implement({
  fields: (t) => ({
    nodes: t.field({ type: [NetworkNodeType], resolve: (n) => n.nodes }),
    edges: t.field({ type: [NetworkEdgeType], resolve: (n) => n.edges }),
  }),
});

/** The roles people hold now, for views of the past: nobody is shown there who could not be shown today. */
type RolesNow = (personId: string) => readonly Role[];

async function rolesNowFor(ctx: { services: { network: NetworkGraph } }, past: boolean): Promise<RolesNow | null> {
  if (!past) return null;
  const now = await ctx.services.network.graph(null);
  return (id) => (now.hasNode(id) ? now.getNodeAttribute(id, 'roles') : []);
}

/**
 * Whether a person may be listed: by the rules that held for them then and, for a view of the
 * past or with what has ended, by today's too (a former KIK is no public person any more).
 */
function listable(viewer: Viewer, node: { id: string; roles: readonly Role[] }, rolesNow: RolesNow | null): boolean {
  return mayListPerson(viewer, node.id, node.roles) && (!rolesNow || mayListPerson(viewer, node.id, rolesNow(node.id)));
}

/** Anonymous callers see people in public roles only; their links go with them. */
function visibleTo(viewer: Viewer, view: NetworkView, rolesNow: RolesNow | null): NetworkView {
  const hidden = new Set(
    view.nodes.filter((n) => n.kind === 'Person' && !listable(viewer, n, rolesNow)).map((n) => n.id),
  );
  if (hidden.size === 0) return view;
  return {
    nodes: view.nodes.filter((n) => !hidden.has(n.id)),
    edges: view.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target)),
  };
}

const MAX_DEPTH = 2;

builder.queryFields((t) => ({
  network: t.field({
    type: NetworkType,
    description:
      'The collaboration graph of a district (its actors, plus neighbours up to `depth` hops) or, without a district, of everything stored; `aggregate` shows districts as nodes.',
    args: {
      districtAgs: t.arg.string({ required: false }),
      depth: t.arg.int({ required: false, defaultValue: 0, description: `0 to ${MAX_DEPTH}.` }),
      types: t.arg({ type: [EntityKindEnum], required: false }),
      aggregate: t.arg.boolean({ required: false, defaultValue: false }),
      layout: t.arg.boolean({
        required: false,
        defaultValue: false,
        description: 'Give each node a map position (force-directed, computed on the server and cached).',
      }),
      withTopics: t.arg.boolean({
        required: false,
        defaultValue: false,
        description: 'Also the topics the actors work on (their experts and alliances), to filter by topic.',
      }),
      at: t.arg.string({
        required: false,
        description:
          'YYYY-MM-DD: the network as it stood that day (ended roles and links that still held, merged towns before the merge).',
      }),
      withEnded: t.arg.boolean({
        required: false,
        defaultValue: false,
        description: 'Also what has ended, each link active until the day before its end: for a period filter.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      if ((args.depth ?? 0) < 0 || (args.depth ?? 0) > MAX_DEPTH)
        throw new InvalidInput('depth', `must be between 0 and ${MAX_DEPTH}`);
      const query = {
        districtAgs: args.districtAgs ?? null,
        depth: args.depth ?? 0,
        kinds: args.types ?? null,
        aggregate: args.aggregate ?? false,
        withTopics: args.withTopics ?? false,
        at: args.at ? parseDay('at', args.at) : null,
        withEnded: args.withEnded ?? false,
      };
      const rolesNow = await rolesNowFor(ctx, query.at !== null || query.withEnded);
      const view = visibleTo(ctx.viewer, await ctx.services.network.view(query), rolesNow);
      if (!args.layout) return view;
      const positions = ctx.services.layouts.positions(`${JSON.stringify(query)}#${view.nodes.length}`, view);
      return { edges: view.edges, nodes: view.nodes.map((n) => ({ ...n, ...positions.get(n.id) })) };
    },
  }),
  path: t.field({
    type: [NetworkNodeType],
    description: 'The shortest chain of collaboration between two actors; empty when none connects them.',
    args: {
      from: t.arg.id({ required: true }),
      to: t.arg.id({ required: true }),
      at: t.arg.string({ required: false, description: 'YYYY-MM-DD: over the collaboration as it stood that day.' }),
    },
    resolve: async (_root, args, ctx) => {
      const at = args.at ? parseDay('at', args.at) : null;
      const ids = await ctx.services.network.path(String(args.from), String(args.to), at);
      if (!ids) return [];
      const graph = await ctx.services.network.graph(at);
      const nodes = ids.map((id) => {
        const a = graph.getNodeAttributes(id);
        return { id, kind: a.kind, name: a.name, districtAgs: a.districts[0] ?? null, roles: a.roles, size: 1 };
      });
      const rolesNow = await rolesNowFor(ctx, at !== null);
      if (nodes.some((n) => n.kind === 'Person' && !listable(ctx.viewer, n, rolesNow))) {
        throw new NotAllowed(
          'see this chain: it runs through people only signed-in members may see',
          'diese Kette nicht sehen: sie führt über Personen, die nur angemeldete Mitglieder sehen',
        );
      }
      return nodes;
    },
  }),
}));
