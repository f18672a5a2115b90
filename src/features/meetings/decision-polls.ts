import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../services/access/domain/access.js';
import { InvalidInput, NotAllowed, NotFound } from '../../domain/errors.js';
import {
  DECISION_ANSWER,
  DECISION_ANSWERS_MAX,
  DECISION_QUESTION,
  DecisionChoiceInvalid,
  DecisionClosed,
  NoOpenDecision,
  NotInvited,
  type DecisionPoll,
  type Meeting,
} from './domain/meetings.js';
import type { MeetingStore } from '../../domain/ports/graph-store.port.js';
import { cleanText } from '../../domain/text.js';
import type { Minutes } from '../minutes/minutes.js';
import { decisionsOf } from './decision-records.js';
import type { PollStore } from './domain/poll-store.port.js';

// Decision polls during a meeting (`Abstimmung`): someone in the meeting puts a question with
// answers, its people vote once each (a new vote replaces the old), the opener or the organiser
// closes it, and the result goes into the minutes. Closing the minutes closes what is still open.

export class DecisionPolls {
  constructor(
    private readonly store: { readonly meetings: MeetingStore } & { readonly polls: PollStore },
    private readonly minutes: Minutes,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async open(viewer: Viewer, question: string, answers: string[], roomKey?: string): Promise<DecisionPoll> {
    const meeting = await this.minutes.currentMeeting(viewer, roomKey);
    const cleanAnswers = answers.map((a) => cleanText(a, DECISION_ANSWER));
    if (cleanAnswers.length < 2 || cleanAnswers.length > DECISION_ANSWERS_MAX)
      throw new InvalidInput('answers', `give 2 to ${DECISION_ANSWERS_MAX} answers`, {
        field: 'Antworten',
        problem: `bitte 2 bis ${DECISION_ANSWERS_MAX} Antworten angeben`,
      });
    const poll: DecisionPoll = {
      id: `decision:${randomUUID().slice(0, 8)}`,
      meetingId: meeting.id,
      question: cleanText(question, DECISION_QUESTION),
      answers: cleanAnswers,
      votes: {},
      openedBy: viewer.personId!,
      openedAt: this.now().toISOString(),
      closedAt: null,
    };
    await this.store.polls.saveDecisionPoll(poll);
    return poll;
  }

  async vote(pollId: string, choice: number, viewer: Viewer): Promise<DecisionPoll> {
    const { poll, meeting } = await this.byId(pollId);
    if (!viewer.personId || !peopleOf(meeting).includes(viewer.personId)) throw new NotInvited(meeting.title);
    if (poll.closedAt) throw new DecisionClosed(poll.question);
    if (!Number.isInteger(choice) || choice < 1 || choice > poll.answers.length)
      throw new DecisionChoiceInvalid(poll.answers.length);
    // A row of its own: somebody voting at the same moment changes nothing of this vote.
    await this.store.polls.voteInDecision(poll.id, viewer.personId, choice);
    return { ...poll, votes: { ...poll.votes, [viewer.personId]: choice } };
  }

  /** Closes a poll (by id, or the latest open one of the running meeting); answers it with its result. */
  async close(pollId: string | null, viewer: Viewer, roomKey?: string): Promise<DecisionPoll> {
    const { poll, meeting } = pollId ? await this.byId(pollId) : await this.latestOpen(viewer, roomKey);
    if (viewer.personId !== poll.openedBy && viewer.personId !== meeting.organiserId)
      throw new NotAllowed(
        'close this vote (whoever opened it or the organiser does)',
        'diese Abstimmung nicht beenden (das tut, wer sie begonnen oder eingeladen hat)',
      );
    if (poll.closedAt) return poll;
    const closed = { ...poll, closedAt: this.now().toISOString() };
    await this.store.polls.saveDecisionPoll(closed);
    return closed;
  }

  /** The meeting's polls, oldest first. */
  of(meetingId: string): Promise<DecisionPoll[]> {
    return decisionsOf(this.store, meetingId);
  }

  /** The answer a person gave before, or null when they have not voted yet. */
  async previousVote(pollId: string, personId: string | null): Promise<number | null> {
    const { poll } = await this.byId(pollId);
    return (personId && poll.votes[personId]) || null;
  }

  private async byId(pollId: string): Promise<{ poll: DecisionPoll; meeting: Meeting }> {
    const poll = await this.store.polls.decisionPollById(pollId);
    const meeting = poll ? await this.store.meetings.meetingById(poll.meetingId) : null;
    if (!poll || !meeting) throw new NotFound('DecisionPoll', pollId);
    return { poll, meeting };
  }

  private async latestOpen(viewer: Viewer, roomKey?: string): Promise<{ poll: DecisionPoll; meeting: Meeting }> {
    const meeting = await this.minutes.currentMeeting(viewer, roomKey);
    const poll = (await this.of(meeting.id)).filter((p) => !p.closedAt).at(-1);
    if (!poll) throw new NoOpenDecision(meeting.title);
    return { poll, meeting };
  }
}

function peopleOf(meeting: Meeting): string[] {
  return [meeting.organiserId, ...meeting.inviteeIds];
}
