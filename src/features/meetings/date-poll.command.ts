import { formatWhen } from './when.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';

// Terminfindung in chat: `!terminfindung "<Titel>" <Gemeinden...>: <Termin> | <Termin> | …`,
// `!abstimmen <Umfrage> <Nummern>`, `!festlegen <Umfrage> [Nummer]`.

const ALLIANCES = new Set(['--buendnisse', '--bündnisse', '--alliances']);

export const proposeDatesCommand = defineCommand({
  name: { de: 'terminfindung', en: 'finddate' },
  summary: {
    de: 'bietet Termine zur Auswahl an; die Eingeladenen stimmen ab',
    en: 'offers dates to choose from; the invitees vote',
  },
  usage: {
    de: '!terminfindung "<Titel>" <Gemeinden/Personen...>: <Termin> | <Termin> | …',
    en: '!finddate "<title>" <municipalities/people...>: <date> | <date> | …',
  },
  example: {
    de: '!terminfindung "Austausch Wohnen" Radebeul Coswig: 8.12. 10 Uhr | 9.12. 14 Uhr | 10.12. 9 Uhr',
    en: '!finddate "Housing" Radebeul Coswig: 8.12. 10am | 9.12. 2pm',
  },
  options: [
    {
      name: { de: 'titel', en: 'title' },
      description: { de: 'Titel des Treffens', en: 'title of the meeting' },
      required: true,
    },
    {
      name: { de: 'wer_und_termine', en: 'who_and_dates' },
      description: { de: 'Gemeinden: Termin | Termin', en: 'municipalities: date | date' },
      required: true,
      rest: true,
    },
  ],
  uses: ['datePolls'],
  parse: (args) => {
    const includeAlliances = args.some((a) => ALLIANCES.has(a.toLowerCase()));
    const [title, ...rest] = args.filter((a) => !ALLIANCES.has(a.toLowerCase()));
    const [who, dates] = rest.join(' ').split(/:(.*)/s);
    if (!title || !who?.trim() || !dates) return unparsable;
    return parsed({
      title,
      invite: who.trim().split(/\s+/),
      slots: dates
        .split(/[|;]/)
        .map((d) => d.trim())
        .filter(Boolean),
      includeAlliances,
    });
  },
  run: (args, context, deps) => deps.services.datePolls.propose(args, context.viewer),
  render: (poll, { language }) => {
    const de = language === 'de';
    return reply([
      de
        ? `Terminfindung ${poll.id} für „${poll.title}“ an ${poll.inviteeIds.length} Personen geschickt:`
        : `Date poll ${poll.id} for "${poll.title}" sent to ${poll.inviteeIds.length} people:`,
      ...poll.slots.map(
        (s, i) =>
          `${i + 1}. ${formatWhen(new Date(s), language)}${poll.holidays[i] ? ` (${de ? 'Feiertag' : 'public holiday'}: ${poll.holidays[i]})` : ''}`,
      ),
      de ? `Festlegen mit !festlegen ${poll.id} [Nummer]` : `Fix it with !fix ${poll.id} [number]`,
    ]);
  },
});

export const voteDatesCommand = defineCommand({
  name: { de: 'abstimmen', en: 'vote' },
  summary: {
    de: 'sagt, welche angebotenen Termine Ihnen passen, oder stimmt in einer Abstimmung ab',
    en: 'says which offered dates suit you, or votes in a meeting’s poll',
  },
  usage: { de: '!abstimmen <Umfrage> <Nummern>', en: '!vote <poll> <numbers>' },
  example: { de: '!abstimmen poll:1a2b3c4d 1 3', en: '!vote poll:1a2b3c4d 1 3' },
  options: [
    {
      name: { de: 'umfrage', en: 'poll' },
      description: { de: 'die Umfrage oder Abstimmung', en: 'the date poll or vote' },
      required: true,
    },
    {
      name: { de: 'nummern', en: 'numbers' },
      description: { de: 'passende Termine, z. B. 1 3', en: 'dates that suit, e.g. 1 3' },
      required: true,
      rest: true,
    },
  ],
  uses: ['datePolls', 'decisionPolls'],
  parse: (args) => {
    const [poll, ...rest] = args;
    const words = rest
      .join(' ')
      .split(/[\s,]+/)
      .filter(Boolean);
    // "+2" adds a date to the earlier answer (a button per date does that); plain numbers replace it.
    const add = words.length > 0 && words.every((w) => w.startsWith('+'));
    const choices = words.map((w) => Number(w.replace(/^\+/, '')));
    return poll && choices.length && choices.every(Number.isInteger) ? parsed({ poll, choices, add }) : unparsable;
  },
  // A decision poll of a meeting (decision:…) takes one answer; a date poll several dates.
  run: async ({ poll, choices, add }, context, deps) => {
    const me = context.viewer.personId;
    if (poll.startsWith('decision:') && choices.length === 1) {
      const before = await deps.services.decisionPolls.previousVote(poll, me);
      const voted = await deps.services.decisionPolls.vote(poll, choices[0]!, context.viewer);
      return { title: voted.question, before: before ? [before] : null, now: [choices[0]!] };
    }
    const before = await deps.services.datePolls.previousVote(poll, me);
    const voted = await deps.services.datePolls.vote(poll, choices, context.viewer, add);
    // A date added with its button adds to the answer: no change to say then.
    return { title: voted.title, before: add ? null : before, now: me ? (voted.votes[me] ?? []) : [] };
  },
  render: ({ title, before, now }, { language }) => {
    const de = language === 'de';
    const list = (numbers: number[]) => numbers.join(', ');
    // A changed answer is said to be a change, with what it was: nobody overwrites their vote unawares.
    if (before && list(before) !== list(now))
      return reply([
        de
          ? `Ihre Stimme zu „${title}“ ist geändert: vorher ${list(before)}, jetzt ${list(now)}.`
          : `Your vote for "${title}" is changed: before ${list(before)}, now ${list(now)}.`,
      ]);
    return reply([
      de ? `Danke, Ihre Stimme zu „${title}“ ist gespeichert.` : `Thanks, your vote for "${title}" is saved.`,
    ]);
  },
});

export const fixDateCommand = defineCommand({
  name: { de: 'festlegen', en: 'fix' },
  summary: {
    de: 'legt den Termin einer Terminfindung fest und lädt ein',
    en: 'fixes the date of a poll and sends the invitations',
  },
  usage: { de: '!festlegen <Umfrage> [Nummer]', en: '!fix <poll> [number]' },
  example: { de: '!festlegen poll:1a2b3c4d', en: '!fix poll:1a2b3c4d' },
  options: [
    {
      name: { de: 'umfrage', en: 'poll' },
      description: { de: 'die Umfrage oder Abstimmung', en: 'the date poll or vote' },
      required: true,
    },
    {
      name: { de: 'nummer', en: 'number' },
      description: { de: 'ohne: der Termin mit den meisten Stimmen', en: 'without: the most voted date' },
      required: false,
    },
  ],
  uses: ['datePolls'],
  parse: (args) => {
    if (args.length === 1) return parsed<{ poll: string; choice: number | null }>({ poll: args[0]!, choice: null });
    return args.length === 2 && /^\d+$/.test(args[1]!)
      ? parsed<{ poll: string; choice: number | null }>({ poll: args[0]!, choice: Number(args[1]) })
      : unparsable;
  },
  run: async ({ poll, choice }, context, deps) => deps.services.datePolls.fix(poll, choice, context.viewer),
  render: ({ meeting }, { language }) =>
    reply([
      language === 'de'
        ? `„${meeting.title}“ ist festgelegt auf ${formatWhen(new Date(meeting.startsAt), 'de')} (${meeting.id}); die Einladungen sind verschickt.`
        : `"${meeting.title}" is fixed for ${formatWhen(new Date(meeting.startsAt), 'en')} (${meeting.id}); the invitations are sent.`,
    ]),
});
