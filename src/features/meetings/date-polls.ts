import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../services/access/domain/access.js';
import { InvalidInput, NotAllowed, NotFound } from '../../domain/errors.js';
import {
  MEETING_TITLE,
  NotInvited,
  PollAlreadyFixed,
  PollChoiceInvalid,
  type DatePoll,
  type Meeting,
} from './domain/meetings.js';

export type { DatePoll } from './domain/meetings.js';
import type { PollStore } from './domain/poll-store.port.js';
import { publicHoliday } from './holidays.js';
import type { MeetingPlanner } from './meetings.js';
import { parseWhen } from './when.js';
import { cleanText } from '../../domain/text.js';

// Finding a date (Terminfindung): the organiser offers candidate slots, the invitees vote for the
// ones they can make, the organiser fixes one (or the most voted) and the meeting is created
// from it with the usual invitations. Slots on a public holiday are flagged when offered.

const MAX_SLOTS = 8;

export class DatePolls {
  constructor(
    private readonly store: { readonly polls: PollStore },
    private readonly planner: MeetingPlanner,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async propose(
    input: { title: string; slots: string[]; invite: string[]; includeAlliances?: boolean },
    viewer: Viewer,
  ): Promise<DatePoll> {
    const districtAgs = await this.planner.organisingDistrict(viewer);
    const title = input.title.trim();
    cleanText(title, MEETING_TITLE);
    if (input.slots.length < 2 || input.slots.length > MAX_SLOTS)
      throw new InvalidInput('slots', `offer 2 to ${MAX_SLOTS} dates`, {
        field: 'Termine',
        problem: `bitte 2 bis ${MAX_SLOTS} Termine anbieten`,
      });
    const slots = input.slots.map((text) => parseWhen(text, this.now()).toISOString());
    const { inviteeIds } = await this.planner.resolveInvitees(
      input.invite,
      districtAgs,
      viewer.personId!,
      input.includeAlliances ?? false,
    );
    const poll: DatePoll = {
      id: `poll:${randomUUID().slice(0, 8)}`,
      organiserId: viewer.personId!,
      districtAgs,
      title,
      invite: input.invite,
      includeAlliances: input.includeAlliances ?? false,
      inviteeIds,
      slots,
      holidays: slots.map((s) => publicHoliday(new Date(s), districtAgs.slice(0, 2))),
      votes: {},
      state: 'OPEN',
      meetingId: null,
    };
    await this.store.polls.saveDatePoll(poll);
    await this.planner.offerDates(poll);
    return poll;
  }

  /** The dates that suit the voter: instead of their earlier answer, or (`add`) besides it. */
  async vote(pollId: string, choices: number[], viewer: Viewer, add = false): Promise<DatePoll> {
    const poll = await this.open(pollId);
    if (!viewer.personId || !poll.inviteeIds.includes(viewer.personId)) throw new NotInvited(poll.title);
    if (choices.length === 0 || choices.some((c) => !Number.isInteger(c) || c < 1 || c > poll.slots.length))
      throw new PollChoiceInvalid(poll.slots.length);
    const chosen = add ? [...(poll.votes[viewer.personId] ?? []), ...choices] : choices;
    const mine = [...new Set(chosen)].sort((a, b) => a - b);
    await this.store.polls.voteInDatePoll(pollId, viewer.personId, mine);
    return { ...poll, votes: { ...poll.votes, [viewer.personId]: mine } };
  }

  /** Fixes a slot (by number, or the most voted, the earlier on a tie) and creates the meeting. */
  async fix(pollId: string, choice: number | null, viewer: Viewer): Promise<{ poll: DatePoll; meeting: Meeting }> {
    const poll = await this.open(pollId);
    if (poll.organiserId !== viewer.personId)
      throw new NotAllowed(
        'fix the date of a poll someone else opened',
        'keinen Termin festlegen, den jemand anderes abfragt',
      );
    const counts = poll.slots.map((_s, i) => Object.values(poll.votes).filter((v) => v.includes(i + 1)).length);
    const slot = choice ?? counts.indexOf(Math.max(...counts)) + 1;
    if (!Number.isInteger(slot) || slot < 1 || slot > poll.slots.length) throw new PollChoiceInvalid(poll.slots.length);
    const meeting = await this.planner.schedule(
      {
        title: poll.title,
        when: poll.slots[slot - 1]!,
        startsAt: new Date(poll.slots[slot - 1]!),
        invite: poll.invite,
        includeAlliances: poll.includeAlliances,
        confirmed: true,
      },
      viewer,
    );
    const fixed: DatePoll = { ...poll, state: 'FIXED', meetingId: meeting.id };
    await this.store.polls.saveDatePoll(fixed);
    await this.planner.closeDatePoll(fixed, meeting);
    return { poll: fixed, meeting };
  }

  /** Votes per slot, in slot order. */
  tally(poll: DatePoll): number[] {
    return poll.slots.map((_s, i) => Object.values(poll.votes).filter((v) => v.includes(i + 1)).length);
  }

  /** The dates a person chose before, or null when they have not answered yet. */
  async previousVote(pollId: string, personId: string | null): Promise<number[] | null> {
    const poll = await this.store.polls.datePollById(pollId);
    return (personId && poll?.votes[personId]) || null;
  }

  private async open(pollId: string): Promise<DatePoll> {
    const poll = await this.store.polls.datePollById(pollId);
    if (!poll) throw new NotFound('DatePoll', pollId);
    if (poll.state !== 'OPEN') throw new PollAlreadyFixed(poll.title);
    return poll;
  }
}
