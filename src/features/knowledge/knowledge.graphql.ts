import type { Topic } from '../../domain/model.js';
import { ARTICLE_KINDS, ARTICLE_VISIBILITIES, type Article, type ArticleVersion } from './domain/articles.js';
import type { FoundArticle } from './knowledge-base.js';
import { articlePlainText } from './markdown.js';
import { builder } from '../../../schema/builder.js';
import type { HubContext } from '../../../schema/context.js';
import { DistrictRef, MunicipalityRef, PersonRef, TopicRef } from '../../../schema/refs.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';

// The knowledge base: articles coordinators write (how-tos, checklists, templates), found by a
// forgiving full-text search; every change is kept as a version.

const ArticleKindEnum = builder.enumType('ArticleKind', { values: ARTICLE_KINDS });
const ArticleVisibilityEnum = builder.enumType('ArticleVisibility', {
  values: ARTICLE_VISIBILITIES,
  description: 'PUBLIC: anybody, also on the public page; NETWORK: signed-in members; COORDINATORS: coordinators.',
});
const LanguageEnum = builder.enumType('ArticleLanguage', { values: ['de', 'en'] as const });

async function topicsOf(ids: readonly string[], ctx: HubContext): Promise<Topic[]> {
  const topics = await Promise.all(ids.map((id) => ctx.directory.entityOfKind(id, 'Topic')));
  return topics.filter((t) => t !== null);
}

const ArticleVersionType = builder.objectRef<ArticleVersion>('ArticleVersion').implement({
  description: 'One saved state of an article.',
  fields: (t) => ({
    version: t.exposeInt('version'),
    title: t.exposeString('title'),
    body: t.exposeString('body', { description: 'Markdown.' }),
    changedAt: t.exposeString('changedAt'),
    changedBy: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (v, _a, ctx) => (v.changedBy ? ctx.directory.entityOfKind(v.changedBy, 'Person') : null),
    }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

const ArticleType = builder.objectRef<Article>('Article').implement({
  description: 'A how-to, checklist or template of the network, in Markdown.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    body: t.exposeString('body', { description: 'Markdown (raw HTML in it is shown as text).' }),
    kind: t.field({ type: ArticleKindEnum, resolve: (a) => a.kind }),
    visibility: t.field({ type: ArticleVisibilityEnum, resolve: (a) => a.visibility }),
    language: t.field({ type: LanguageEnum, resolve: (a) => a.language }),
    topics: t.field({ type: [TopicRef], resolve: (a, _args, ctx) => topicsOf(a.topicIds, ctx) }),
    district: t.field({
      type: DistrictRef,
      nullable: true,
      description: 'The district it is written for; null: the whole network.',
      resolve: (a, _args, ctx) => (a.districtAgs ? ctx.directory.district(a.districtAgs) : null),
    }),
    municipality: t.field({
      type: MunicipalityRef,
      nullable: true,
      resolve: (a, _args, ctx) =>
        a.municipalityId ? ctx.directory.entityOfKind(a.municipalityId, 'Municipality') : null,
    }),
    author: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (a, _a, ctx) => (a.authorId ? ctx.directory.entityOfKind(a.authorId, 'Person') : null),
    }),
    createdAt: t.exposeString('createdAt'),
    updatedAt: t.exposeString('updatedAt'),
    version: t.exposeInt('version'),
    url: t.string({
      nullable: true,
      description:
        'Where to read and print it on the hub: the plain address of a public article, a link signed for the caller otherwise.',
      resolve: (a, _a, ctx) => ctx.services.articleLinks.url(a, ctx.viewer.personId),
    }),
    shareText: t.string({
      description: 'The article as plain text with its address, ready to send in a chat or an e-mail.',
      resolve: (a, _a, ctx) => {
        const url = ctx.services.articleLinks.url(a, ctx.viewer.personId);
        return [a.title, '', articlePlainText(a.body, 1500), ...(url ? ['', url] : [])].join('\n');
      },
    }),
    versions: t.field({
      type: [ArticleVersionType],
      description: 'Every saved state, newest first.',
      resolve: (a, _a, ctx) => ctx.services.knowledge.versions(a.id, ctx.viewer),
    }),
  }),
});

const KnowledgeHitType = builder.objectRef<FoundArticle>('KnowledgeHit').implement({
  fields: (t) => ({
    article: t.field({ type: ArticleType, resolve: (h) => h.article }),
    score: t.exposeFloat('score', { description: 'Relevance from the full-text index; higher is better.' }),
  }),
});

const ArticleInput = builder.inputType('ArticleInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    body: t.string({ required: true, description: 'Markdown.' }),
    kind: t.field({ type: ArticleKindEnum }),
    topics: t.stringList({ description: 'Topic names or ids.' }),
    districtAgs: t.string({ description: 'The district it is written for; none: the whole network.' }),
    municipalityId: t.id(),
    visibility: t.field({ type: ArticleVisibilityEnum, description: 'NETWORK unless given.' }),
    language: t.field({ type: LanguageEnum }),
  }),
});

const ArticleChangeInput = builder.inputType('ArticleChangeInput', {
  fields: (t) => ({
    version: t.int({
      required: true,
      description: 'The version you read: a change made meanwhile is not overwritten.',
    }),
    note: t.string({ description: 'What you changed, kept with the version.' }),
    title: t.string(),
    body: t.string(),
    kind: t.field({ type: ArticleKindEnum }),
    topics: t.stringList(),
    districtAgs: t.string(),
    municipalityId: t.id(),
    visibility: t.field({ type: ArticleVisibilityEnum }),
    language: t.field({ type: LanguageEnum }),
  }),
});

const defined = <T extends object>(input: T) =>
  Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };

builder.queryFields((t) => ({
  articles: t.field({
    type: [ArticleType],
    errors: DOMAIN_ERRORS,
    description: 'Articles the caller may read, newest first: of a topic, of a district (and the whole network).',
    args: {
      topic: t.arg.string(),
      districtAgs: t.arg.string(),
      first: t.arg.int({ defaultValue: 20 }),
    },
    resolve: (_r, args, ctx) =>
      ctx.services.knowledge.list(
        {
          ...(args.topic ? { topic: args.topic } : {}),
          ...(args.districtAgs ? { districtAgs: args.districtAgs } : {}),
        },
        ctx.viewer,
        Math.min(Math.max(args.first ?? 20, 1), 100),
      ),
  }),
  article: t.field({
    type: ArticleType,
    nullable: true,
    errors: DOMAIN_ERRORS,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) => (await ctx.services.knowledge.byIds([String(args.id)], ctx.viewer))[0] ?? null,
  }),
  searchKnowledge: t.field({
    type: [KnowledgeHitType],
    errors: DOMAIN_ERRORS,
    description:
      'Full-text search over the articles the caller may read, best first; other word forms, umlauts and typos are forgiven.',
    args: { text: t.arg.string({ required: true }), first: t.arg.int({ defaultValue: 10 }) },
    resolve: (_r, args, ctx) =>
      ctx.services.knowledge.search(args.text, ctx.viewer, Math.min(Math.max(args.first ?? 10, 1), 50)),
  }),
}));

builder.mutationFields((t) => ({
  createArticle: t.field({
    type: ArticleType,
    errors: DOMAIN_ERRORS,
    description: 'A coordinator writes an article for the knowledge base.',
    args: { input: t.arg({ type: ArticleInput, required: true }) },
    resolve: (_r, { input }, ctx) => ctx.services.knowledge.create(defined(input), ctx.viewer),
  }),
  updateArticle: t.field({
    type: ArticleType,
    errors: DOMAIN_ERRORS,
    description: 'Changes an article; the change is kept as a new version with who made it.',
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: ArticleChangeInput, required: true }) },
    resolve: (_r, { id, input }, ctx) => ctx.services.knowledge.update(String(id), defined(input), ctx.viewer),
  }),
}));
