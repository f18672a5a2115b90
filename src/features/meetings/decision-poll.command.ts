import { decisionTally, type DecisionPoll } from './domain/meetings.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';

// Decision polls during a meeting: `!abstimmung "Frage" | Antwort | Antwort` puts the question to
// the meeting's people (a native poll on Matrix, buttons on Discord), `!abstimmen <Abstimmung> <Nr.>`
// votes, `!abstimmung schließen` ends the latest one; the result goes into the minutes.

type PollArgs = { close: true } | { close: false; question: string; answers: string[] };

const CLOSE = /^(schlie(ß|ss)en|beenden|close|end)$/i;

export const decisionPollCommand = defineCommand({
  name: { de: 'abstimmung', en: 'poll' },
  summary: {
    de: 'eine Frage zur Abstimmung im laufenden Treffen; das Ergebnis kommt ins Protokoll',
    en: 'a question to vote on in the running meeting; the result goes into the minutes',
  },
  usage: {
    de: '!abstimmung "Frage" | Antwort | Antwort … · !abstimmung schließen',
    en: '!poll "question" | answer | answer … · !poll close',
  },
  example: {
    de: '!abstimmung "Gemeinsamer Flyer?" | Ja | Nein | Enthaltung',
    en: '!poll "A joint flyer?" | yes | no | abstain',
  },
  options: [
    {
      name: { de: 'frage', en: 'question' },
      description: {
        de: 'Frage | Antwort | Antwort …, oder „schließen“',
        en: 'question | answer | answer …, or "close"',
      },
      required: true,
      rest: true,
    },
  ],
  uses: ['decisionPolls', 'meetings'],
  parse: (args) => {
    const text = args.join(' ').trim();
    if (CLOSE.test(text)) return parsed<PollArgs>({ close: true });
    const [question, ...answers] = text.split('|').map((part) => part.trim());
    if (!question || answers.length === 0) return unparsable;
    return parsed<PollArgs>({ close: false, question, answers });
  },
  run: async (args, context, deps) => {
    const poll = args.close
      ? await deps.services.decisionPolls.close(null, context.viewer, context.meetingRoom)
      : await deps.services.decisionPolls.open(context.viewer, args.question, args.answers, context.meetingRoom);
    return { poll, meeting: await deps.services.meetings.byId(poll.meetingId) };
  },
  render: ({ poll, meeting }, { language }) => {
    const de = language === 'de';
    if (poll.closedAt) return closedReply(poll, meeting?.title ?? '', de);
    const vote = de ? '!abstimmen' : '!vote';
    return reply(
      [
        de ? `Abstimmung in „${meeting?.title}“: ${poll.question}` : `Vote in "${meeting?.title}": ${poll.question}`,
        ...poll.answers.map((a, i) => `${i + 1}. ${a}`),
        de ? `Abstimmen: ${vote} ${poll.id} <Nr.>` : `Vote: ${vote} ${poll.id} <no.>`,
      ],
      {
        actions: poll.answers.map((a, i) => ({ label: a, command: `${vote} ${poll.id} ${i + 1}` })),
        poll: { id: poll.id, question: poll.question, answers: poll.answers },
      },
    );
  },
});

function closedReply(poll: DecisionPoll, title: string, de: boolean) {
  const tally = decisionTally(poll);
  const result = poll.answers.map((a, i) => `${a}: ${tally[i]}`).join(', ');
  const text = de
    ? `Abstimmung beendet: ${poll.question} – ${result}. Das Ergebnis steht im Protokoll von „${title}“.`
    : `Vote ended: ${poll.question} – ${result}. The result is in the minutes of "${title}".`;
  return reply([text], { pollClosed: poll.id });
}
