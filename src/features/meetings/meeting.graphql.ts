import { displayName } from '../../services/access/domain/privacy.js';
import { RSVP_ANSWERS, type Meeting } from './domain/meetings.js';
import { meetingIcs } from './meeting-ics.js';
import { describeRule } from './recurrence.js';
import { builder } from '../../../schema/builder.js';
import { MunicipalityRef, PersonRef } from '../../../schema/refs.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';

// Exchange meetings for their organiser and invitees; the same planner and rules as in chat.

const RsvpAnswerEnum = builder.enumType('RsvpAnswer', { values: RSVP_ANSWERS });

export const MeetingType = builder.objectRef<Meeting>('Meeting');

const ChangeScopeEnum = builder.enumType('MeetingChangeScope', {
  values: {
    THIS: { description: 'Only this meeting (one date of a series).' },
    FOLLOWING: { description: 'This date and all later dates of its series.' },
  } as const,
});

const SeriesType = builder.objectRef<{ meeting: Meeting }>('MeetingSeries').implement({
  description: 'A recurring series; each date is a meeting of its own with its own answers.',
  fields: (t) => ({
    id: t.id({ resolve: ({ meeting }) => meeting.series!.id }),
    rule: t.string({
      description: 'The RFC 5545 RRULE, as in the calendar file.',
      resolve: ({ meeting }) => meeting.series!.rule,
    }),
    description: t.string({
      args: { language: t.arg.string({ required: false, description: '"de" (default) or "en".' }) },
      resolve: ({ meeting }, args) =>
        describeRule(meeting.series!.rule, new Date(meeting.series!.start), args.language === 'en' ? 'en' : 'de'),
    }),
    occurrences: t.field({
      type: [MeetingType],
      description: 'All dates of the series, by start.',
      resolve: ({ meeting }, _a, ctx) => ctx.services.meetings.occurrences(meeting),
    }),
  }),
});

const RsvpType = builder.objectRef<{ personId: string; answer: (typeof RSVP_ANSWERS)[number] }>('Rsvp').implement({
  fields: (t) => ({
    personId: t.exposeID('personId'),
    answer: t.field({ type: RsvpAnswerEnum, resolve: (r) => r.answer }),
  }),
});

MeetingType.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    startsAt: t.exposeString('startsAt', { description: 'ISO instant; shown in Europe/Berlin by clients.' }),
    durationMinutes: t.exposeInt('durationMinutes'),
    districtAgs: t.exposeString('districtAgs'),
    state: t.exposeString('state'),
    organiser: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (m, _a, ctx) => ctx.directory.entityOfKind(m.organiserId, 'Person'),
    }),
    invitees: t.field({
      type: [PersonRef],
      resolve: async (m, _a, ctx) =>
        (await Promise.all(m.inviteeIds.map((id) => ctx.directory.entityOfKind(id, 'Person')))).filter(
          (p) => p !== null,
        ),
    }),
    municipalities: t.field({
      type: [MunicipalityRef],
      resolve: async (m, _a, ctx) =>
        (await Promise.all(m.municipalityIds.map((id) => ctx.directory.entityOfKind(id, 'Municipality')))).filter(
          (x) => x !== null,
        ),
    }),
    rsvps: t.field({
      type: [RsvpType],
      resolve: (m) => Object.entries(m.rsvps).map(([personId, answer]) => ({ personId, answer })),
    }),
    agenda: t.exposeString('agenda', { nullable: true }),
    place: t.exposeString('place', { nullable: true, description: 'Where it takes place: an address or a room.' }),
    videoUrl: t.exposeString('videoUrl', {
      nullable: true,
      description: 'The room of the configured video service, for online meetings.',
    }),
    series: t.field({ type: SeriesType, nullable: true, resolve: (m) => (m.series ? { meeting: m } : null) }),
    ics: t.string({
      description: 'The meeting as an iCalendar (.ics) file; for a date of a series, the whole series (RRULE).',
      resolve: async (m, _a, ctx) => {
        const organiser = await ctx.directory.entityOfKind(m.organiserId, 'Person');
        const roles = (await ctx.directory.rolesOfPerson(m.organiserId)).map((r) => r.role);
        // The organiser is named only where the caller may know the name.
        const shown =
          organiser && displayName(ctx.viewer, organiser, roles, ctx.services.privacy) === organiser.name
            ? organiser.name
            : null;
        return meetingIcs(m, shown, await ctx.services.meetings.occurrences(m));
      },
    }),
  }),
});

const ScheduleMeetingInput = builder.inputType('ScheduleMeetingInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    when: t.string({
      required: true,
      description:
        'Natural German or English, e.g. "nächsten Dienstag 14 Uhr", "tomorrow 10am"; or a series: "jeden ersten Dienstag im Monat 14 Uhr", "every other Wednesday 9:30 until 30.6.".',
    }),
    invite: t.stringList({
      required: true,
      description: 'Municipalities of your district (their KIK and Beauftragte are invited) or person ids.',
    }),
    durationMinutes: t.int({ required: false }),
    confirmed: t.boolean({ required: false, description: 'Schedule despite reported clashes or a public holiday.' }),
    includeAlliances: t.boolean({
      required: false,
      description: 'Also invite the members of the alliances active in the named municipalities.',
    }),
    agenda: t.string({ required: false }),
    place: t.string({ required: false, description: 'Where it takes place: an address or a room.' }),
    online: t.boolean({
      required: false,
      description: 'Held online: the meeting gets a room of the configured video service (HUB_VIDEO_URL).',
    }),
  }),
});

builder.queryField('myMeetings', (t) =>
  t.field({
    type: [MeetingType],
    description: 'Upcoming meetings I organise or am invited to.',
    resolve: (_r, _a, ctx) => ctx.services.meetings.upcoming(ctx.viewer),
  }),
);

builder.mutationFields((t) => ({
  scheduleMeeting: t.field({
    type: MeetingType,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: ScheduleMeetingInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      ctx.services.meetings.schedule(
        {
          title: input.title,
          when: input.when,
          invite: input.invite,
          durationMinutes: input.durationMinutes ?? undefined,
          confirmed: input.confirmed ?? false,
          includeAlliances: input.includeAlliances ?? false,
          online: input.online ?? false,
          ...(input.agenda ? { agenda: input.agenda } : {}),
          ...(input.place ? { place: input.place } : {}),
        },
        ctx.viewer,
      ),
  }),
  rescheduleMeeting: t.field({
    type: MeetingType,
    errors: DOMAIN_ERRORS,
    args: {
      id: t.arg.id({ required: true }),
      when: t.arg.string({ required: true }),
      scope: t.arg({ type: ChangeScopeEnum, required: false }),
    },
    resolve: (_r, args, ctx) =>
      ctx.services.meetings.reschedule(String(args.id), args.when, ctx.viewer, args.scope ?? 'THIS'),
  }),
  cancelMeeting: t.field({
    type: MeetingType,
    errors: DOMAIN_ERRORS,
    description:
      'Cancels a meeting the caller organises (scope FOLLOWING: the rest of its series); every invitee is told. With dryRun: true, checks everything and answers the meeting as it is, changing nothing.',
    args: {
      id: t.arg.id({ required: true }),
      scope: t.arg({ type: ChangeScopeEnum, required: false }),
      dryRun: t.arg.boolean({ required: false }),
    },
    resolve: (_r, args, ctx) =>
      ctx.services.meetings.cancel(String(args.id), ctx.viewer, args.scope ?? 'THIS', { dryRun: args.dryRun ?? false }),
  }),
  setMeetingAgenda: t.field({
    type: MeetingType,
    errors: DOMAIN_ERRORS,
    args: {
      id: t.arg.id({ required: true }),
      agenda: t.arg.string({ required: true }),
      scope: t.arg({ type: ChangeScopeEnum, required: false }),
    },
    resolve: (_r, args, ctx) =>
      ctx.services.meetings.setAgenda(String(args.id), args.agenda, ctx.viewer, args.scope ?? 'THIS'),
  }),
  rsvpMeeting: t.field({
    type: MeetingType,
    errors: DOMAIN_ERRORS,
    args: {
      id: t.arg.id({ required: true }),
      answer: t.arg({ type: RsvpAnswerEnum, required: true }),
      scope: t.arg({ type: ChangeScopeEnum, required: false }),
    },
    resolve: (_r, args, ctx) =>
      ctx.services.meetings.rsvp(String(args.id), args.answer, ctx.viewer, args.scope ?? 'THIS'),
  }),
}));
