import { formatWhen } from '../../src/services/when.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';

const meetingId = (word: string) => (word.startsWith('meeting:') ? word : `meeting:${word}`);

export const rescheduleMeetingCommand = defineCommand({
  name: { de: 'verschieben', en: 'reschedule' },
  summary: { de: 'verlegt ein Treffen, das Sie organisieren; alle Eingeladenen erfahren es', en: 'moves a meeting you organise; everyone invited is told' },
  usage: { de: '!verschieben <Treffen> <wann>', en: '!reschedule <meeting> <when>' },
  example: { de: '!verschieben meeting:ab12cd34 nächsten Mittwoch 10 Uhr', en: '!reschedule meeting:ab12cd34 next Wednesday 10am' },
  options: [
    { name: { de: 'treffen', en: 'meeting' }, description: { de: 'Kennung des Treffens', en: 'meeting id' }, required: true },
    { name: { de: 'wann', en: 'when' }, description: { de: 'neuer Termin', en: 'new date' }, required: true, rest: true },
  ],
  allowed: (viewer) => viewer.personId !== null,
  parse: (args) => (args.length >= 2 ? parsed({ id: meetingId(args[0]!), when: args.slice(1).join(' ') }) : unparsable),
  run: (args, context, deps) => deps.services.meetings.reschedule(args.id, args.when, context.viewer),
  render: (m, { language }) =>
    reply([language === 'de' ? `„${m.title}“ ist verschoben auf ${formatWhen(new Date(m.startsAt), 'de')}; alle Eingeladenen sind informiert.` : `"${m.title}" is moved to ${formatWhen(new Date(m.startsAt), 'en')}; everyone invited has been told.`]),
});

export const cancelMeetingCommand = defineCommand({
  name: { de: 'absagen', en: 'cancel' },
  summary: { de: 'sagt ein Treffen ab, das Sie organisieren; alle Eingeladenen erfahren es', en: 'cancels a meeting you organise; everyone invited is told' },
  usage: { de: '!absagen <Treffen>', en: '!cancel <meeting>' },
  example: { de: '!absagen meeting:ab12cd34', en: '!cancel meeting:ab12cd34' },
  options: [{ name: { de: 'treffen', en: 'meeting' }, description: { de: 'Kennung des Treffens', en: 'meeting id' }, required: true }],
  allowed: (viewer) => viewer.personId !== null,
  parse: (args) => (args.length === 1 ? parsed(meetingId(args[0]!)) : unparsable),
  run: (id, context, deps) => deps.services.meetings.cancel(id, context.viewer),
  render: (m, { language }) => reply([language === 'de' ? `„${m.title}“ ist abgesagt; alle Eingeladenen sind informiert.` : `"${m.title}" is cancelled; everyone invited has been told.`]),
});
