import { InvalidInput } from '../../src/domain/errors.js';
import type { Entity, EntityKind } from '../../src/domain/model.js';
import { checkPeopleListing, isPseudonymised } from '../../src/services/access/domain/privacy.js';
import { checkSearchText } from '../../src/domain/text.js';
import type { EntityListQuery } from '../../src/domain/ports/graph-store.port.js';
import type { HubContext } from '../context.js';
import { builder } from '../builder.js';
import {
  AllianceRef,
  FundingProgramRef,
  InstitutionRef,
  MunicipalityRef,
  PersonRef,
  ProjectRef,
  TopicRef,
} from '../refs.js';
import { InstitutionTypeEnum, RoleEnum } from './enums.js';

// Lists as Relay connections, sorted by name then id (stable), paged forward with opaque
// keyset cursors. Filters narrow in the store, so a page costs one round trip.

const MAX_PAGE = 100;

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Cursors carry the sort key (a name): sealed with the hub's key, so nobody reads one. */
function encodeCursor(ctx: HubContext, entity: Entity): string {
  return ctx.services.privacy.sealCursor(JSON.stringify([entity.name, entity.id]));
}

function decodeCursor(ctx: HubContext, cursor: string): { name: string; id: string } {
  try {
    const opened = ctx.services.privacy.openCursor(cursor);
    const [name, id] = (opened ? JSON.parse(opened) : []) as unknown[];
    if (typeof name === 'string' && typeof id === 'string') return { name, id };
  } catch {
    // falls through to the error below
  }
  throw new InvalidInput('after', 'is not a cursor from this list');
}

async function page<K extends EntityKind>(ctx: HubContext, query: ListFilter<K>, args: PageArgs) {
  if (args.last != null || args.before != null)
    throw new InvalidInput('last', 'only forward paging with first and after is supported');
  const first = args.first ?? 20;
  if (first < 1 || first > MAX_PAGE) throw new InvalidInput('first', `must be between 1 and ${MAX_PAGE}`);
  const after = args.after ? decodeCursor(ctx, args.after) : null;
  const byPseudonym = query.kind === 'Person' && isPseudonymised(ctx.viewer);
  const items = byPseudonym
    ? await pseudonymOrder(ctx, query, after, first + 1)
    : await ctx.directory.list({ ...query, after, limit: first + 1 });
  const shown = items.slice(0, first) as Extract<Entity, { kind: K }>[];
  const sortKey = (node: Entity) => (byPseudonym ? { ...node, name: ctx.services.privacy.pseudonym(node.id) } : node);
  // Sealing costs a cipher per edge: only cursors asked for are sealed.
  const edges = shown.map((node) => {
    let sealed: string | null = null;
    return {
      node,
      get cursor() {
        return (sealed ??= encodeCursor(ctx, sortKey(node)));
      },
    };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: items.length > first,
      hasPreviousPage: after !== null,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    // Counted only when asked for: one more round trip.
    totalCount: () => ctx.directory.count(query),
  };
}

/**
 * People in the order of their pseudonyms, for callers who see pseudonyms: an order by name
 * would tell them who comes before whom in the alphabet. Sorted here, over everything the
 * filters find (names never leave the server).
 */
async function pseudonymOrder(
  ctx: HubContext,
  query: ListFilter<EntityKind>,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<Entity[]> {
  const keyed = (await ctx.directory.list({ ...query, after: null, limit: PSEUDONYMISED_LIST_MAX })).map((entity) => ({
    entity,
    key: ctx.services.privacy.pseudonym(entity.id),
  }));
  const order = (a: { key: string; id: string }, b: { key: string; id: string }) =>
    a.key.localeCompare(b.key) || a.id.localeCompare(b.id);
  return keyed
    .map(({ entity, key }) => ({ entity, key, id: entity.id }))
    .filter((item) => !after || order(item, { key: after.name, id: after.id }) > 0)
    .sort(order)
    .slice(0, limit)
    .map((item) => item.entity);
}

/** The most people a pseudonymised list orders at once. */
const PSEUDONYMISED_LIST_MAX = 100_000;

/** Every list answers how many items its filters find in all (counted only when asked for). */
const countOf = (connection: object) => (connection as { totalCount: () => Promise<number> }).totalCount();
const TOTAL = 'How many items the filters find in all, over every page.';

interface FilterArgs {
  districtAgs?: string | null;
  text?: string | null;
  role?: EntityListQuery['role'];
  topicId?: string | number | null;
  municipalityId?: string | number | null;
  type?: EntityListQuery['institutionType'];
}

type ListFilter<K extends EntityKind> = Omit<EntityListQuery, 'limit' | 'after' | 'kind'> & { kind: K };

function filters<K extends EntityKind>(kind: K, args: FilterArgs): ListFilter<K> {
  const text = args.text;
  if (text) checkSearchText(text);
  return {
    kind,
    districtAgs: args.districtAgs ?? null,
    text: text ?? null,
    role: args.role ?? null,
    topicId: args.topicId ? String(args.topicId) : null,
    municipalityId: args.municipalityId ? String(args.municipalityId) : null,
    institutionType: args.type ?? null,
  };
}

builder.queryFields((t) => ({
  municipalities: t.connection(
    {
      type: MunicipalityRef,
      args: { districtAgs: t.arg.string({ required: false }), text: t.arg.string({ required: false }) },
      resolve: (_root, args, ctx) => page(ctx, filters('Municipality', args), args),
    },
    { fields: (t) => ({ totalCount: t.int({ description: TOTAL, resolve: countOf }) }) },
  ),
  people: t.connection(
    {
      type: PersonRef,
      args: {
        districtAgs: t.arg.string({ required: false }),
        text: t.arg.string({ required: false }),
        role: t.arg({ type: RoleEnum, required: false }),
        topicId: t.arg.id({ required: false }),
        municipalityId: t.arg.id({ required: false }),
      },
      resolve: (_root, args, ctx) => {
        checkPeopleListing(ctx.viewer, args.text);
        return page(ctx, filters('Person', args), args);
      },
    },
    { fields: (t) => ({ totalCount: t.int({ description: TOTAL, resolve: countOf }) }) },
  ),
  alliances: t.connection(
    {
      type: AllianceRef,
      args: {
        districtAgs: t.arg.string({ required: false }),
        text: t.arg.string({ required: false }),
        topicId: t.arg.id({ required: false }),
        municipalityId: t.arg.id({ required: false }),
      },
      resolve: (_root, args, ctx) => page(ctx, filters('Alliance', args), args),
    },
    { fields: (t) => ({ totalCount: t.int({ description: TOTAL, resolve: countOf }) }) },
  ),
  institutions: t.connection(
    {
      type: InstitutionRef,
      args: {
        districtAgs: t.arg.string({ required: false }),
        text: t.arg.string({ required: false }),
        type: t.arg({ type: InstitutionTypeEnum, required: false }),
        topicId: t.arg.id({ required: false }),
        municipalityId: t.arg.id({ required: false }),
      },
      resolve: (_root, args, ctx) => page(ctx, filters('Institution', args), args),
    },
    { fields: (t) => ({ totalCount: t.int({ description: TOTAL, resolve: countOf }) }) },
  ),
  topics: t.connection(
    {
      type: TopicRef,
      args: { text: t.arg.string({ required: false }) },
      resolve: (_root, args, ctx) => page(ctx, filters('Topic', args), args),
    },
    { fields: (t) => ({ totalCount: t.int({ description: TOTAL, resolve: countOf }) }) },
  ),
  fundingPrograms: t.connection(
    {
      type: FundingProgramRef,
      args: { text: t.arg.string({ required: false }), topicId: t.arg.id({ required: false }) },
      resolve: (_root, args, ctx) => page(ctx, filters('FundingProgram', args), args),
    },
    { fields: (t) => ({ totalCount: t.int({ description: TOTAL, resolve: countOf }) }) },
  ),
  projects: t.connection(
    {
      type: ProjectRef,
      description: 'Projects of intercultural opening, by title.',
      args: {
        districtAgs: t.arg.string({ required: false }),
        text: t.arg.string({ required: false }),
        topicId: t.arg.id({ required: false }),
        municipalityId: t.arg.id({ required: false }),
      },
      resolve: (_root, args, ctx) => page(ctx, filters('Project', args), args),
    },
    { fields: (t) => ({ totalCount: t.int({ description: TOTAL, resolve: countOf }) }) },
  ),
}));
