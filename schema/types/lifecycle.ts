import type { AuditEntry } from '../../src/services/access/domain/access.js';
import type { Entity } from '../../src/domain/model.js';
import { kindOfId } from '../../src/domain/ids.js';
import { displayName, mayListPerson } from '../../src/services/access/domain/privacy.js';
import { versionOf } from '../../src/services/lifecycle/domain/revisions.js';
import type { HandoverResult } from '../../src/services/lifecycle/handover.js';
import type { RecordHistory } from '../../src/services/lifecycle/network-reviser.js';
import type { UpdatableKind } from '../../src/services/writes/inputs.js';
import { builder } from '../builder.js';
import { ScheduledChangeType } from '../../src/features/scheduled-changes/scheduled-changes.graphql.js';
import {
  AllianceRef,
  FundingProgramRef,
  InstitutionRef,
  MunicipalityRef,
  PersonRef,
  ProjectRef,
  TopicRef,
} from '../refs.js';
import { FundingLevelEnum, InstitutionTypeEnum, ProjectStatusEnum } from './enums.js';
import { DOMAIN_ERRORS } from './errors.js';
import { LinkType } from './link.js';
import { SearchResult } from './search.js';
import { ContactChannelInput, RoleAssignmentType } from './person.js';

// Keeping the network true over GraphQL: partial updates carrying the version the editor read,
// ending roles (with a successor who takes the work over) and links, deleting mistakes, and
// a record's history.

for (const ref of [
  PersonRef,
  MunicipalityRef,
  AllianceRef,
  InstitutionRef,
  TopicRef,
  FundingProgramRef,
  ProjectRef,
] as const) {
  builder.objectField(ref as typeof PersonRef, 'version', (t) =>
    t.int({
      description: 'Counts every change; pass it to an update so a change made meanwhile is not overwritten.',
      resolve: (e) => versionOf(e as Entity),
    }),
  );
}

builder.objectFields(RoleAssignmentType, (t) => ({
  since: t.string({
    nullable: true,
    description: 'YYYY-MM-DD the role began, where known.',
    resolve: (r) => r.since ?? null,
  }),
  until: t.string({
    nullable: true,
    description: 'YYYY-MM-DD the role ended (the first day without it); null while it holds.',
    resolve: (r) => r.until ?? null,
  }),
}));

// A record's current links, with their ids (to change or end them); a link to a person the caller
// may not list is left out, like the person.
for (const ref of [PersonRef, MunicipalityRef, AllianceRef, InstitutionRef, ProjectRef] as const) {
  builder.objectField(ref as typeof PersonRef, 'links', (t) =>
    t.field({
      type: [LinkType],
      description: 'The collaboration links of this record that hold now.',
      resolve: async (e, _args, ctx) => {
        const links = await ctx.directory.linksOf((e as Entity).id);
        const others = links.map((l) => (l.fromId === (e as Entity).id ? l.toId : l.fromId));
        const visible = await Promise.all(
          others.map(
            async (id) =>
              kindOfId(id) !== 'Person' ||
              mayListPerson(
                ctx.viewer,
                id,
                (await ctx.directory.rolesOfPerson(id)).map((r) => r.role),
              ),
          ),
        );
        return links.filter((_l, i) => visible[i]);
      },
    }),
  );
}

builder.objectField(LinkType, 'until', (t) =>
  t.string({
    nullable: true,
    description: 'YYYY-MM-DD the collaboration ended (the first day without it); null while it lasts.',
    resolve: (l) => l.until ?? null,
  }),
);

const inputs = {
  Person: builder.inputType('UpdatePersonInput', {
    fields: (t) => ({
      name: t.string(),
      languages: t.stringList(),
      channels: t.field({ type: [ContactChannelInput] }),
    }),
  }),
  Municipality: builder.inputType('UpdateMunicipalityInput', {
    fields: (t) => ({ name: t.string(), ags: t.string({ description: 'Eight-digit AGS' }), population: t.int() }),
  }),
  Alliance: builder.inputType('UpdateAllianceInput', { fields: (t) => ({ name: t.string(), topicIds: t.idList() }) }),
  Institution: builder.inputType('UpdateInstitutionInput', {
    fields: (t) => ({
      name: t.string(),
      institutionType: t.field({ type: InstitutionTypeEnum }),
      municipalityId: t.id(),
    }),
  }),
  Topic: builder.inputType('UpdateTopicInput', { fields: (t) => ({ name: t.string(), nameEn: t.string() }) }),
  FundingProgram: builder.inputType('UpdateFundingProgramInput', {
    fields: (t) => ({ name: t.string(), level: t.field({ type: FundingLevelEnum }), topicIds: t.idList() }),
  }),
  Project: builder.inputType('UpdateProjectInput', {
    fields: (t) => ({
      name: t.string({ description: 'The title.' }),
      municipalityId: t.id(),
      aims: t.string(),
      status: t.field({ type: ProjectStatusEnum }),
      topicIds: t.idList(),
      fundingCallId: t.id({ description: 'The funding call it used or applied to.' }),
      startsOn: t.string({ description: 'YYYY-MM-DD' }),
      endsOn: t.string({ description: 'YYYY-MM-DD' }),
      results: t.string(),
      contactPersonId: t.id(),
    }),
  }),
};

const refs = {
  Person: PersonRef,
  Municipality: MunicipalityRef,
  Alliance: AllianceRef,
  Institution: InstitutionRef,
  Topic: TopicRef,
  FundingProgram: FundingProgramRef,
  Project: ProjectRef,
};

/** Only the fields the caller sent: an absent field stays, an explicit null clears it. */
const given = (input: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(input)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [
        key,
        Array.isArray(value) ? value.map((v) => (typeof v === 'object' ? v : String(v))) : value,
      ]),
  );

for (const kind of Object.keys(inputs) as UpdatableKind[]) {
  builder.mutationField(`update${kind}`, (t) =>
    t.field({
      type: refs[kind] as typeof PersonRef,
      errors: DOMAIN_ERRORS,
      description: `Changes the given fields of a ${kind}; what is not given stays. With \`version\`, a change made since is refused as EDIT_CONFLICT.`,
      args: {
        id: t.arg.id({ required: true }),
        version: t.arg.int({ required: false, description: 'The version the change is based on.' }),
        input: t.arg({ type: inputs[kind] as typeof inputs.Person, required: true }),
      },
      resolve: async (_root, args, ctx) => {
        const patch = given(args.input as Record<string, unknown>);
        const id = String(args.id);
        const version = args.version ?? null;
        // A project names a funding call, which lives outside the network records: its service checks it.
        return (await (kind === 'Project'
          ? ctx.services.projects.update(id, patch, version, ctx.viewer)
          : ctx.services.reviser.update(kind, id, patch, version, ctx.viewer))) as never;
      },
    }),
  );
}

const EndRoleInput = builder.inputType('EndRoleInput', {
  fields: (t) => ({
    roleId: t.id({ required: true }),
    until: t.string({
      required: false,
      description:
        'YYYY-MM-DD, the first day without the role; today when not given. A later day (up to two years ahead) schedules the end: see `scheduled`.',
    }),
    successorId: t.id({
      required: false,
      description: 'Who takes the role over from that day (for a KIK also the municipalities served).',
    }),
    newSuccessorName: t.string({
      required: false,
      description:
        'A successor not yet in the network: added (with the rules of addPerson) after the ending was checked, then takes over.',
    }),
    dryRun: t.boolean({
      required: false,
      description:
        'Check everything and answer what would happen (who takes which work, who is told), changing nothing.',
    }),
  }),
});

const RoleEndingType = builder.objectRef<HandoverResult>('RoleEnding').implement({
  description: 'An ended role, who took it over, and the work handed over so nothing is orphaned.',
  fields: (t) => ({
    ended: t.field({ type: RoleAssignmentType, resolve: (r) => r.ended }),
    successor: t.field({ type: RoleAssignmentType, nullable: true, resolve: (r) => r.successor }),
    receiver: t.field({
      type: PersonRef,
      nullable: true,
      description: "Who took the open work: the successor or the district's Koordinationskraft.",
      resolve: async (r, _a, ctx) => (r.receiverId ? ctx.directory.entityOfKind(r.receiverId, 'Person') : null),
    }),
    handedOverRequests: t.idList({ resolve: (r) => r.requestIds }),
    handedOverMeetings: t.idList({ resolve: (r) => r.meetingIds }),
    handedOverTasks: t.idList({ description: 'Open action items of minutes.', resolve: (r) => r.taskIds }),
    dryRun: t.boolean({
      description: 'True for a preview (dryRun): nothing was changed, nobody was told.',
      resolve: (r) => r.dryRun ?? false,
    }),
    told: t.field({
      type: [PersonRef],
      description: 'Who is (or, in a preview, would be) told.',
      resolve: async (r, _a, ctx) =>
        (await Promise.all((r.told ?? []).map((id) => ctx.directory.entityOfKind(id, 'Person')))).filter(
          (p) => p !== null,
        ),
    }),
    scheduled: t.field({
      type: ScheduledChangeType,
      nullable: true,
      description: 'Set when `until` lies after today: the end is scheduled, and nothing has moved yet.',
      resolve: (r) => r.scheduled,
    }),
  }),
});

const DRY_RUN = 'Check everything and answer what would change, changing nothing and telling nobody.';

const EndLinkInput = builder.inputType('EndLinkInput', {
  fields: (t) => ({
    linkId: t.id({ required: true }),
    until: t.string({ required: false, description: 'YYYY-MM-DD; today when not given.' }),
  }),
});

const DeletedRecordType = builder.objectRef<Entity>('DeletedRecord').implement({
  fields: (t) => ({ id: t.exposeID('id'), kind: t.string({ resolve: (e) => e.kind }), name: t.exposeString('name') }),
});

builder.mutationFields((t) => ({
  endRole: t.field({
    type: RoleEndingType,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: EndRoleInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const role = { id: String(input.roleId), until: input.until ?? null };
      const successorId = input.successorId ? String(input.successorId) : null;
      if (input.newSuccessorName && !input.dryRun)
        return ctx.services.handover.endRoleWithNewSuccessor(role, { name: input.newSuccessorName }, ctx.viewer);
      if (!input.dryRun) return ctx.services.handover.endRole(role, successorId, ctx.viewer);
      const preview = await ctx.services.handover.preview(role, successorId, ctx.viewer);
      return {
        ended: { ...preview.role, until: preview.until },
        until: preview.until,
        successor: null,
        takenOver: [],
        receiverId: preview.receiverId,
        requestIds: preview.requestIds,
        meetingIds: preview.meetingIds,
        taskIds: preview.taskIds,
        scheduled: null,
        dryRun: true,
        told: preview.told,
      };
    },
  }),
  endLink: t.field({
    type: LinkType,
    errors: DOMAIN_ERRORS,
    args: {
      input: t.arg({ type: EndLinkInput, required: true }),
      dryRun: t.arg.boolean({ required: false, description: DRY_RUN }),
    },
    resolve: (_root, { input, dryRun }, ctx) =>
      ctx.services.reviser.endLink({ id: String(input.linkId), until: input.until ?? null }, ctx.viewer, {
        dryRun: dryRun ?? false,
      }),
  }),
  deleteRecord: t.field({
    type: DeletedRecordType,
    errors: DOMAIN_ERRORS,
    description:
      'Deletes a record entered by mistake. Refused (HAS_DEPENDANTS, naming them) while roles, links, requests or meetings depend on it.',
    args: { id: t.arg.id({ required: true }), dryRun: t.arg.boolean({ required: false, description: DRY_RUN }) },
    resolve: (_root, args, ctx) =>
      ctx.services.reviser.delete(String(args.id), ctx.viewer, { dryRun: args.dryRun ?? false }),
  }),
}));

builder.mutationFields((t) => ({
  endRecord: t.field({
    type: SearchResult,
    errors: DOMAIN_ERRORS,
    description:
      'An alliance or institution stops being active (until: YYYY-MM-DD, today by default; not before it began); its memberships and links end with it and stay in the history. A later day schedules the end (listed by scheduledChanges, applied on the day, cancellable until then) and answers the record as it still is. With dryRun: true, checks everything and changes nothing.',
    args: {
      id: t.arg.id({ required: true }),
      until: t.arg.string({ required: false }),
      dryRun: t.arg.boolean({ required: false, description: DRY_RUN }),
    },
    resolve: async (_root, args, ctx) =>
      (
        await ctx.services.scheduledChanges.endRecord({ id: String(args.id), until: args.until ?? null }, ctx.viewer, {
          dryRun: args.dryRun ?? false,
        })
      ).record,
  }),
}));

interface HistoryView extends RecordHistory {
  id: string;
}

const HistoryEntryType = builder.objectRef<AuditEntry>('HistoryEntry').implement({
  fields: (t) => ({
    at: t.exposeString('at'),
    action: t.exposeString('action', { description: 'updatePerson, endRole, import, ...' }),
    actor: t.string({
      nullable: true,
      description: 'Who made the change (a pseudonym where the caller may not know the name).',
      resolve: async (entry, _args, ctx) => {
        if (!entry.actorId) return null;
        const person = await ctx.directory.entityOfKind(entry.actorId, 'Person');
        if (!person) return null;
        return displayName(
          ctx.viewer,
          person,
          (await ctx.directory.rolesOfPerson(person.id)).map((r) => r.role),
          ctx.services.privacy,
        );
      },
    }),
    fields: t.stringList({
      description: 'The fields an update changed.',
      resolve: (entry) =>
        ((entry.details.updated as { fields?: string[] }[] | undefined) ?? []).flatMap((u) => u.fields ?? []),
    }),
    details: t.string({
      description: "What changed, as JSON (values of people's fields are never kept).",
      // What an undo needs (records as they were) stays out of the history people read.
      resolve: (entry) => JSON.stringify({ ...entry.details, undo: undefined }),
    }),
  }),
});

const HistoryType = builder.objectRef<HistoryView>('History').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    entries: t.field({ type: [HistoryEntryType], description: 'Changes, newest first.', resolve: (h) => h.entries }),
    roles: t.field({
      type: [RoleAssignmentType],
      description: 'Roles held by this person, or held in this place, over time (ended ones with until).',
      resolve: (h) => h.roles,
    }),
  }),
});

builder.queryField('history', (t) =>
  t.field({
    type: HistoryType,
    errors: DOMAIN_ERRORS,
    description: "A record's changes (who, when, which fields) and the holders of its roles over time.",
    args: { id: t.arg.id({ required: true }), limit: t.arg.int({ required: false, defaultValue: 50 }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      return { id, ...(await ctx.services.reviser.history(id, args.limit ?? 50)) };
    },
  }),
);
