import type { Entity, Project } from '../../domain/model.js';
import { mayListPerson } from '../../services/access/domain/privacy.js';
import { projectText } from './domain/project-text.js';
import type { HubContext } from '../../../schema/context.js';
import { builder } from '../../../schema/builder.js';
import { DistrictRef, MunicipalityRef, PersonRef, ProjectRef, TopicRef } from '../../../schema/refs.js';
import { topicsOf } from '../../../schema/types/actors.js';
import { ProjectStatusEnum } from '../../../schema/types/enums.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';
import { FundingCallType } from '../funding/funding.graphql.js';
import { SearchResult } from '../../../schema/types/search.js';

// Projects of intercultural opening: records of the network with their partners, and the two
// questions a district coordination asks of them: where is nothing yet, which money went unused.

/** A person shows only to those who may know they are in the network, like everywhere else. */
async function listable(entity: Entity | null, ctx: HubContext): Promise<boolean> {
  if (!entity) return false;
  if (entity.kind !== 'Person') return true;
  const roles = (await ctx.directory.rolesOfPerson(entity.id)).map((r) => r.role);
  return mayListPerson(ctx.viewer, entity.id, roles);
}

async function partnersOf(project: Project, ctx: HubContext): Promise<Entity[]> {
  const links = (await ctx.directory.linksOf(project.id)).filter(
    (l) => l.type === 'PARTNER_IN' && l.toId === project.id,
  );
  const partners = await Promise.all(links.map((l) => ctx.directory.entity(l.fromId)));
  const shown = await Promise.all(partners.map((p) => listable(p, ctx)));
  return partners.filter((p, i): p is Entity => p !== null && shown[i]!);
}

builder.node(ProjectRef, {
  description: 'A project of intercultural opening in a municipality, with its partners, funding and results.',
  id: { resolve: (p) => p.id },
  loadOne: (id, ctx) => ctx.directory.entityOfKind(id, 'Project'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The title.' }),
    title: t.exposeString('name'),
    aims: t.exposeString('aims'),
    status: t.field({ type: ProjectStatusEnum, resolve: (p) => p.status }),
    demo: t.exposeBoolean('demo', { description: 'Fictional, from the demo data.' }),
    district: t.field({
      type: DistrictRef,
      resolve: async (p, _args, ctx) => (await ctx.directory.district(p.districtAgs))!,
    }),
    municipality: t.field({
      type: MunicipalityRef,
      nullable: true,
      resolve: (p, _args, ctx) =>
        p.municipalityId ? ctx.directory.entityOfKind(p.municipalityId, 'Municipality') : null,
    }),
    topics: t.field({
      type: [TopicRef],
      resolve: (p, _args, ctx) => topicsOf(p.topicIds, ctx),
    }),
    partners: t.field({
      type: [SearchResult],
      description: 'Alliances, institutions and people working on it (people only where the caller may see them).',
      resolve: (p, _args, ctx) => partnersOf(p, ctx),
    }),
    fundingCall: t.field({
      type: FundingCallType,
      nullable: true,
      description: 'The funding call it used or applied to, where the caller may see it.',
      resolve: (p, _args, ctx) =>
        p.fundingCallId ? ctx.services.funding.byId(p.fundingCallId, ctx.viewer).catch(() => null) : null,
    }),
    startsOn: t.exposeString('startsOn', { nullable: true, description: 'YYYY-MM-DD' }),
    endsOn: t.exposeString('endsOn', { nullable: true, description: 'YYYY-MM-DD' }),
    results: t.exposeString('results', { nullable: true }),
    contact: t.field({
      type: PersonRef,
      nullable: true,
      description: 'Whom to ask about it, where the caller may see them.',
      resolve: async (p, _args, ctx) => {
        const person = p.contactPersonId ? await ctx.directory.entityOfKind(p.contactPersonId, 'Person') : null;
        return (await listable(person, ctx)) ? person : null;
      },
    }),
    shareText: t.string({
      description: 'The project as plain German text, ready to send to a mayor or a partner.',
      resolve: async (p, _args, ctx) => {
        const [municipality, district] = await Promise.all([
          p.municipalityId ? ctx.directory.entityOfKind(p.municipalityId, 'Municipality') : null,
          ctx.directory.district(p.districtAgs),
        ]);
        return projectText(p, municipality?.name ?? district?.name ?? p.districtAgs);
      },
    }),
  }),
});

const CreateProjectInput = builder.inputType('CreateProjectInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'The title.' }),
    districtAgs: t.string({ required: true }),
    municipalityId: t.id({ required: false }),
    aims: t.string({ required: false }),
    status: t.field({ type: ProjectStatusEnum, required: false, description: 'IDEA when not given.' }),
    topicIds: t.idList({ required: false }),
    partnerIds: t.idList({ required: false, description: 'Alliances, institutions and people working on it.' }),
    fundingCallId: t.id({ required: false }),
    startsOn: t.string({ required: false, description: 'YYYY-MM-DD' }),
    endsOn: t.string({ required: false, description: 'YYYY-MM-DD' }),
    results: t.string({ required: false }),
    contactPersonId: t.id({ required: false }),
  }),
});

builder.queryFields((t) => ({
  municipalitiesWithoutProject: t.field({
    type: [MunicipalityRef],
    errors: DOMAIN_ERRORS,
    description: 'Municipalities of a district in which no project of intercultural opening is recorded.',
    args: { districtAgs: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.projects.municipalitiesWithoutProject(args.districtAgs),
  }),
  unusedFundingCalls: t.field({
    type: [FundingCallType],
    errors: DOMAIN_ERRORS,
    description:
      'Calls the district could have applied for (opened by today, open to it) that no project of the district used; latest deadline first.',
    args: { districtAgs: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.projects.unusedCalls(args.districtAgs, ctx.viewer),
  }),
}));

builder.mutationField('createProject', (t) =>
  t.field({
    type: ProjectRef,
    errors: DOMAIN_ERRORS,
    description: 'Records a project of intercultural opening with its partners (coordinators of the district).',
    args: { input: t.arg({ type: CreateProjectInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.projects.create(
        Object.fromEntries(
          Object.entries(input)
            .filter(([, v]) => v !== undefined && v !== null)
            .map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : v]),
        ) as never,
        ctx.viewer,
      ),
  }),
);
