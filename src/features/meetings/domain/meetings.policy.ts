import { EVERYONE, ORGANISERS, SIGNED_IN, type PolicyRow } from '../../../services/access/domain/policy-rows.js';

// The meetings' rows of the access policy (merged into ACCESS_POLICY): scheduling, answering,
// polls and calendars in GraphQL, chat and the calendar feed. Organisers are the KIK and the
// Koordinationskraft (and admins); "involved": the organiser and the invitees.

const PEOPLE = 'people per PERSON_VISIBILITY';

export const MEETINGS_POLICY: Readonly<Record<string, PolicyRow>> = {
  'Query.myMeetings': { who: SIGNED_IN, scope: 'involved', sees: PEOPLE },
  'Mutation.scheduleMeeting': { who: ORGANISERS, scope: 'organisingRole' },
  'Mutation.proposeMeetingDates': { who: ORGANISERS, scope: 'organisingRole' },
  'Mutation.rescheduleMeeting': { who: ORGANISERS, scope: 'involved' },
  'Mutation.cancelMeeting': { who: ORGANISERS, scope: 'involved' },
  'Mutation.setMeetingAgenda': { who: ORGANISERS, scope: 'involved' },
  'Mutation.fixMeetingDate': { who: ORGANISERS, scope: 'involved' },
  'Mutation.rsvpMeeting': { who: SIGNED_IN, scope: 'involved' },
  'Mutation.voteMeetingDates': { who: SIGNED_IN, scope: 'involved' },
  'Mutation.createCalendarFeed': { who: SIGNED_IN, scope: 'self' },
  'Mutation.revokeCalendarFeed': { who: SIGNED_IN, scope: 'self' },
  'Chat.meeting': { who: ORGANISERS, scope: 'organisingRole' },
  'Chat.finddate': { who: ORGANISERS, scope: 'organisingRole' },
  'Chat.fix': { who: ORGANISERS, scope: 'involved' },
  'Chat.vote': { who: SIGNED_IN, scope: 'involved' },
  'Chat.rsvp': { who: SIGNED_IN, scope: 'involved' },
  'Chat.meetings': { who: SIGNED_IN, scope: 'involved' },
  'Chat.reschedule': { who: ORGANISERS, scope: 'involved' },
  'Chat.cancel': { who: ORGANISERS, scope: 'involved' },
  'Chat.agenda': { who: ORGANISERS, scope: 'involved' },
  'Chat.decision': { who: SIGNED_IN, scope: 'involved' },
  'Chat.poll': {
    who: SIGNED_IN,
    scope: 'involved',
    sees: 'the running meeting’s people vote; the opener or organiser ends it',
  },
  'Chat.calendar': { who: SIGNED_IN, scope: 'self' },
  'GET /calendar/<secret>.ics': {
    who: EVERYONE,
    sees: "whoever holds the unguessable address: that person's meetings",
  },
};
