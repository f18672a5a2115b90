import { RSVP_ANSWERS, type Meeting } from '../../src/domain/meetings.js';
import { meetingIcs } from '../../src/services/meeting-ics.js';
import { builder } from '../builder.js';
import { MunicipalityRef, PersonRef } from '../refs.js';
import { DOMAIN_ERRORS } from './errors.js';

// Exchange meetings for their organiser and invitees; the same planner and rules as in chat.

const RsvpAnswerEnum = builder.enumType('RsvpAnswer', { values: RSVP_ANSWERS });

const RsvpType = builder.objectRef<{ personId: string; answer: (typeof RSVP_ANSWERS)[number] }>('Rsvp').implement({
  fields: (t) => ({ personId: t.exposeID('personId'), answer: t.field({ type: RsvpAnswerEnum, resolve: (r) => r.answer }) }),
});

export const MeetingType = builder.objectRef<Meeting>('Meeting').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    startsAt: t.exposeString('startsAt', { description: 'ISO instant; shown in Europe/Berlin by clients.' }),
    durationMinutes: t.exposeInt('durationMinutes'),
    districtAgs: t.exposeString('districtAgs'),
    state: t.exposeString('state'),
    organiser: t.field({ type: PersonRef, nullable: true, resolve: (m, _a, ctx) => ctx.directory.entityOfKind(m.organiserId, 'Person') }),
    invitees: t.field({ type: [PersonRef], resolve: async (m, _a, ctx) => (await Promise.all(m.inviteeIds.map((id) => ctx.directory.entityOfKind(id, 'Person')))).filter((p) => p !== null) }),
    municipalities: t.field({ type: [MunicipalityRef], resolve: async (m, _a, ctx) => (await Promise.all(m.municipalityIds.map((id) => ctx.directory.entityOfKind(id, 'Municipality')))).filter((x) => x !== null) }),
    rsvps: t.field({ type: [RsvpType], resolve: (m) => Object.entries(m.rsvps).map(([personId, answer]) => ({ personId, answer })) }),
    ics: t.string({
      description: 'The meeting as an iCalendar (.ics) file.',
      resolve: async (m, _a, ctx) => meetingIcs(m, (await ctx.directory.entityOfKind(m.organiserId, 'Person'))?.name ?? null),
    }),
  }),
});

const ScheduleMeetingInput = builder.inputType('ScheduleMeetingInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    when: t.string({ required: true, description: 'Natural German or English, e.g. "nächsten Dienstag 14 Uhr", "tomorrow 10am".' }),
    invite: t.stringList({ required: true, description: 'Municipalities of your district (their KIK and Beauftragte are invited) or person ids.' }),
    durationMinutes: t.int({ required: false }),
    confirmed: t.boolean({ required: false, description: 'Schedule despite reported clashes or a public holiday.' }),
    includeAlliances: t.boolean({ required: false, description: 'Also invite the members of the alliances active in the named municipalities.' }),
  }),
});

builder.queryField('myMeetings', (t) =>
  t.field({ type: [MeetingType], description: 'Upcoming meetings I organise or am invited to.', resolve: (_r, _a, ctx) => ctx.services.meetings.upcoming(ctx.viewer) }),
);

builder.mutationFields((t) => ({
  scheduleMeeting: t.field({
    type: MeetingType,
    errors: DOMAIN_ERRORS,
    args: { input: t.arg({ type: ScheduleMeetingInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      ctx.services.meetings.schedule(
        { title: input.title, when: input.when, invite: input.invite, durationMinutes: input.durationMinutes ?? undefined, confirmed: input.confirmed ?? false, includeAlliances: input.includeAlliances ?? false },
        ctx.viewer,
      ),
  }),
  rescheduleMeeting: t.field({
    type: MeetingType,
    errors: DOMAIN_ERRORS,
    args: { id: t.arg.id({ required: true }), when: t.arg.string({ required: true }) },
    resolve: (_r, args, ctx) => ctx.services.meetings.reschedule(String(args.id), args.when, ctx.viewer),
  }),
  cancelMeeting: t.field({
    type: MeetingType,
    errors: DOMAIN_ERRORS,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) => ctx.services.meetings.cancel(String(args.id), ctx.viewer),
  }),
  rsvpMeeting: t.field({
    type: MeetingType,
    errors: DOMAIN_ERRORS,
    args: { id: t.arg.id({ required: true }), answer: t.arg({ type: RsvpAnswerEnum, required: true }) },
    resolve: (_r, args, ctx) => ctx.services.meetings.rsvp(String(args.id), args.answer, ctx.viewer),
  }),
}));
