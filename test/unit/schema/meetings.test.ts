import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, demoHub, gql, type TestHub } from '../../support/hub.js';

describe('meetings over GraphQL', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await demoHub();
  });

  it('schedules a meeting for a Koordinationskraft, lets invitees answer, and renders it as .ics', async () => {
    const organiser = bearer(await hub.token('COORDINATOR', 'person:demo-14627-koordinationskraft'));
    const scheduled = await gql(
      hub.yoga,
      `mutation { scheduleMeeting(input: { title: "Austausch Unterbringung", when: "1.3.2030 10:00", invite: ["Riesa"], confirmed: true }) {
      ... on MutationScheduleMeetingSuccess { data { id startsAt invitees { id } ics } } ... on HubError { code message } } }`,
      {},
      organiser,
    );
    const meeting = scheduled.data!.scheduleMeeting.data;
    expect(meeting.startsAt).toBe('2030-03-01T09:00:00.000Z');
    expect(meeting.ics).toMatch(
      /BEGIN:VCALENDAR[\s\S]*SUMMARY:Austausch Unterbringung[\s\S]*DTSTART;TZID=Europe\/Berlin:20300301T100000/,
    );
    const kik = meeting.invitees.find((p: { id: string }) => p.id.includes('kik'))!.id as string;
    const answered = await gql(
      hub.yoga,
      `mutation { rsvpMeeting(id: "${meeting.id}", answer: MAYBE) { ... on MutationRsvpMeetingSuccess { data { rsvps { personId answer } } } } }`,
      {},
      bearer(await hub.token('COORDINATOR', kik)),
    );
    expect(answered.data!.rsvpMeeting.data.rsvps).toEqual([{ personId: kik, answer: 'MAYBE' }]);
    expect((await gql(hub.yoga, '{ myMeetings { id } }', {}, organiser)).data!.myMeetings).toContainEqual({
      id: meeting.id,
    });
  });

  it('schedules a series, describes its rule, lists its dates and cancels the rest of it', async () => {
    const organiser = bearer(await hub.token('COORDINATOR', 'person:demo-14627-koordinationskraft'));
    const scheduled = await gql(
      hub.yoga,
      `mutation { scheduleMeeting(input: { title: "Jour fixe", when: "every Monday 9am 4 times", invite: ["Riesa"], confirmed: true }) {
      ... on MutationScheduleMeetingSuccess { data { id series { rule description(language: "en") occurrences { id startsAt state } } ics } } } }`,
      {},
      organiser,
    );
    const { series, ics } = scheduled.data!.scheduleMeeting.data;
    expect(series.rule).toBe('FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=4');
    expect(series.description).toBe('every Monday at 09:00, 4 times');
    expect(series.occurrences).toHaveLength(4);
    expect(ics).toContain('RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=4');
    const third = series.occurrences[2].id as string;
    const cancelMutation = (dryRun: boolean) =>
      `mutation { cancelMeeting(id: "${third}", scope: FOLLOWING, dryRun: ${dryRun}) { ... on MutationCancelMeetingSuccess { data { series { occurrences { state } } } } } }`;
    const preview = await gql(hub.yoga, cancelMutation(true), {}, organiser);
    expect(preview.data!.cancelMeeting.data.series.occurrences.map((o: { state: string }) => o.state)).toEqual([
      'SCHEDULED',
      'SCHEDULED',
      'SCHEDULED',
      'SCHEDULED',
    ]);
    const cancelled = await gql(
      hub.yoga,
      `mutation { cancelMeeting(id: "${third}", scope: FOLLOWING) { ... on MutationCancelMeetingSuccess { data { series { occurrences { state } } } } } }`,
      {},
      organiser,
    );
    expect(cancelled.data!.cancelMeeting.data.series.occurrences.map((o: { state: string }) => o.state)).toEqual([
      'SCHEDULED',
      'SCHEDULED',
      'CANCELLED',
      'CANCELLED',
    ]);
  });

  it('answers an unclear date as a typed error', async () => {
    const organiser = bearer(await hub.token('COORDINATOR', 'person:demo-14627-koordinationskraft'));
    const unclear = await gql(
      hub.yoga,
      'mutation { scheduleMeeting(input: { title: "X", when: "irgendwann", invite: ["Riesa"] }) { ... on HubError { code } } }',
      {},
      organiser,
    );
    expect(unclear.data!.scheduleMeeting).toEqual({ code: 'DATE_UNCLEAR' });
  });
});
