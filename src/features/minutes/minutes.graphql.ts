import { decisionTally, type DecisionPoll } from '../meetings/domain/meetings.js';
import type { MinutesItem, Protocol } from './domain/minutes.js';
import { builder } from '../../../schema/builder.js';
import { PersonRef } from '../../../schema/refs.js';
import { MeetingType } from '../meetings/meeting.graphql.js';

// A meeting's minutes for those who may see the meeting: decisions, action items, information,
// who was present and who had accepted. People resolve through the privacy rules like everywhere.

const MinutesItemType = builder.objectRef<MinutesItem>('MinutesItem').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    text: t.exposeString('text'),
    owner: t.field({
      type: PersonRef,
      nullable: true,
      description: 'Who an action item is for.',
      resolve: (i, _a, ctx) => (i.ownerId ? ctx.directory.entityOfKind(i.ownerId, 'Person') : null),
    }),
    due: t.string({ nullable: true, description: 'YYYY-MM-DD (Berlin).', resolve: (i) => i.due }),
    doneAt: t.string({
      nullable: true,
      description: 'ISO time an action item was done.',
      resolve: (i) => i.doneAt ?? null,
    }),
  }),
});

const DecisionAnswerType = builder.objectRef<{ text: string; votes: number }>('DecisionAnswer').implement({
  fields: (t) => ({ text: t.exposeString('text'), votes: t.exposeInt('votes') }),
});

const DecisionPollType = builder.objectRef<DecisionPoll>('DecisionPoll').implement({
  description: 'A question put to the meeting (chat: !abstimmung); votes are counted, not named.',
  fields: (t) => ({
    id: t.exposeID('id'),
    question: t.exposeString('question'),
    answers: t.field({
      type: [DecisionAnswerType],
      resolve: (p) => {
        const tally = decisionTally(p);
        return p.answers.map((text, i) => ({ text, votes: tally[i]! }));
      },
    }),
    closedAt: t.string({
      nullable: true,
      description: 'ISO time the vote ended; null while open.',
      resolve: (p) => p.closedAt,
    }),
  }),
});

const MinutesType = builder.objectRef<Protocol>('Minutes').implement({
  fields: (t) => ({
    decisions: t.field({ type: [MinutesItemType], resolve: (p) => p.decisions }),
    actionItems: t.field({ type: [MinutesItemType], resolve: (p) => p.tasks }),
    information: t.field({ type: [MinutesItemType], resolve: (p) => p.infos }),
    polls: t.field({
      type: [DecisionPollType],
      description: 'Decision polls and their results.',
      resolve: (p) => p.polls,
    }),
    present: t.field({
      type: [PersonRef],
      description: 'Who came (marked present), not who said they would.',
      resolve: async (p, _a, ctx) =>
        (await Promise.all(p.presentIds.map((id) => ctx.directory.entityOfKind(id, 'Person')))).filter(
          (x) => x !== null,
        ),
    }),
    accepted: t.field({
      type: [PersonRef],
      description: 'The organiser and who accepted the invitation.',
      resolve: async (p, _a, ctx) =>
        (await Promise.all(p.acceptedIds.map((id) => ctx.directory.entityOfKind(id, 'Person')))).filter(
          (x) => x !== null,
        ),
    }),
  }),
});

builder.objectField(MeetingType, 'minutes', (t) =>
  t.field({
    type: MinutesType,
    description: 'What was noted in the meeting (chat: !info, !beschluss, !aufgabe, !anwesend).',
    resolve: (meeting, _a, ctx) => ctx.services.minutes.of(meeting),
  }),
);
