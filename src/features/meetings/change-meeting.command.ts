import { formatWhen } from './when.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import { relayNote } from '../../../bots/core/delivery.js';
import { scopeOption, withScope } from '../../../bots/commands/scope.js';

const meetingId = (word: string) => (word.startsWith('meeting:') ? word : `meeting:${word}`);

export const rescheduleMeetingCommand = defineCommand({
  name: { de: 'verschieben', en: 'reschedule' },
  summary: {
    de: 'verlegt ein Treffen, das Sie organisieren; alle Eingeladenen erfahren es',
    en: 'moves a meeting you organise; everyone invited is told',
  },
  usage: { de: '!verschieben <Treffen> <wann> [--folgende]', en: '!reschedule <meeting> <when> [--following]' },
  example: {
    de: '!verschieben meeting:ab12cd34 nächsten Mittwoch 10 Uhr',
    en: '!reschedule meeting:ab12cd34 next Wednesday 10am',
  },
  options: [
    {
      name: { de: 'treffen', en: 'meeting' },
      description: { de: 'Kennung des Treffens', en: 'meeting id' },
      required: true,
    },
    {
      name: { de: 'wann', en: 'when' },
      description: {
        de: 'neuer Termin, bei einer Reihe auch eine neue Regel',
        en: 'new date; for a series also a new rule',
      },
      required: true,
      rest: true,
    },
    scopeOption,
  ],
  uses: ['meetings'],
  parse: (args) => {
    const { words, scope } = withScope(args);
    return words.length >= 2 ? parsed({ id: meetingId(words[0]!), when: words.slice(1).join(' '), scope }) : unparsable;
  },
  run: async (args, context, deps) => {
    const m = await deps.services.meetings.reschedule(args.id, args.when, context.viewer, args.scope);
    return { m, relayed: relayNote(deps.relay, m.inviteeIds.length, context.language) };
  },
  render: ({ m, relayed }, { language }) =>
    reply([
      language === 'de'
        ? `„${m.title}“ ist verschoben auf ${formatWhen(new Date(m.startsAt), 'de')}; ${relayed ?? 'alle Eingeladenen sind informiert.'}`
        : `"${m.title}" is moved to ${formatWhen(new Date(m.startsAt), 'en')}; ${relayed ?? 'everyone invited has been told.'}`,
    ]),
});

export const cancelMeetingCommand = defineCommand({
  name: { de: 'absagen', en: 'cancel' },
  summary: {
    de: 'sagt ein Treffen ab, das Sie organisieren; alle Eingeladenen erfahren es',
    en: 'cancels a meeting you organise; everyone invited is told',
  },
  usage: { de: '!absagen <Treffen> [--folgende]', en: '!cancel <meeting> [--following]' },
  example: { de: '!absagen meeting:ab12cd34', en: '!cancel meeting:ab12cd34' },
  options: [
    {
      name: { de: 'treffen', en: 'meeting' },
      description: { de: 'Kennung des Treffens', en: 'meeting id' },
      required: true,
    },
    scopeOption,
  ],
  uses: ['meetings'],
  parse: (args) => {
    const { words, scope } = withScope(args);
    return words.length === 1 ? parsed({ id: meetingId(words[0]!), scope }) : unparsable;
  },
  preview: async (args, context, deps) => {
    const m = await deps.services.meetings.cancel(args.id, context.viewer, args.scope, { dryRun: true });
    const when = formatWhen(new Date(m.startsAt), context.language);
    const invited = m.inviteeIds.length;
    return reply([
      context.language === 'de'
        ? `Vorschau: „${m.title}“ am ${when}${args.scope === 'FOLLOWING' ? ' und alle folgenden Termine der Reihe werden' : ' wird'} abgesagt; ${invited === 1 ? 'die eingeladene Person erfährt' : `alle ${invited} Eingeladenen erfahren`} es.`
        : `Preview: "${m.title}" on ${when}${args.scope === 'FOLLOWING' ? ' and every following date of the series are' : ' is'} cancelled; ${invited === 1 ? 'the person invited is' : `all ${invited} people invited are`} told.`,
    ]);
  },
  run: async (args, context, deps) => {
    const m = await deps.services.meetings.cancel(args.id, context.viewer, args.scope);
    return { m, relayed: relayNote(deps.relay, m.inviteeIds.length, context.language) };
  },
  render: ({ m, relayed }, { language }) =>
    reply([
      language === 'de'
        ? `„${m.title}“ ist abgesagt; ${relayed ?? 'alle Eingeladenen sind informiert.'}`
        : `"${m.title}" is cancelled; ${relayed ?? 'everyone invited has been told.'}`,
    ]),
});

export const agendaCommand = defineCommand({
  name: { de: 'tagesordnung', en: 'agenda' },
  summary: {
    de: 'setzt die Tagesordnung eines Treffens, das Sie organisieren (auch im Raum des Treffens)',
    en: 'sets the agenda of a meeting you organise (also in the meeting’s room)',
  },
  usage: { de: '!tagesordnung <Treffen> "<Text>" [--folgende]', en: '!agenda <meeting> "<text>" [--following]' },
  example: {
    de: '!tagesordnung meeting:ab12cd34 "1. Wohnraum 2. Sprachkurse"',
    en: '!agenda meeting:ab12cd34 "1. Housing 2. Language classes"',
  },
  options: [
    {
      name: { de: 'treffen', en: 'meeting' },
      description: { de: 'Kennung des Treffens', en: 'meeting id' },
      required: true,
    },
    {
      name: { de: 'text', en: 'text' },
      description: { de: 'die Tagesordnung', en: 'the agenda' },
      required: true,
      rest: true,
    },
    scopeOption,
  ],
  uses: ['meetings'],
  parse: (args) => {
    const { words, scope } = withScope(args);
    return words.length >= 2
      ? parsed({ id: meetingId(words[0]!), agenda: words.slice(1).join(' '), scope })
      : unparsable;
  },
  run: (args, context, deps) => deps.services.meetings.setAgenda(args.id, args.agenda, context.viewer, args.scope),
  render: (m, { language }) =>
    reply([
      language === 'de' ? `Die Tagesordnung von „${m.title}“ ist gespeichert.` : `The agenda of "${m.title}" is saved.`,
    ]),
});
