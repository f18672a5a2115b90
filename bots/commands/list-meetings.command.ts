import type { RsvpAnswer } from '../../src/domain/meetings.js';
import { formatWhen } from '../../src/services/when.js';
import { defineCommand, parsed } from '../core/command.js';
import { reply } from '../core/reply.js';

const ANSWER: Record<RsvpAnswer, { de: string; en: string }> = { YES: { de: 'zugesagt', en: 'yes' }, NO: { de: 'abgesagt', en: 'no' }, MAYBE: { de: 'vielleicht', en: 'maybe' } };

export const listMeetingsCommand = defineCommand({
  name: { de: 'termine', en: 'meetings' },
  summary: { de: 'Ihre nächsten Treffen; wer sie organisiert, sieht die Antworten', en: 'your next meetings; organisers see the answers' },
  usage: { de: '!termine', en: '!meetings' },
  example: { de: '!termine', en: '!meetings' },
  allowed: (viewer) => viewer.personId !== null,
  parse: () => parsed(null),
  run: async (_args, context, deps) => {
    const meetings = await deps.services.meetings.upcoming(context.viewer);
    const people = await Promise.all(meetings.flatMap((m) => (m.organiserId === context.viewer.personId ? Object.keys(m.rsvps) : [])).map((id) => deps.directory.entity(id)));
    const names = new Map(people.filter((p) => p !== null).map((p) => [p!.id, p!.name]));
    return { meetings, names, me: context.viewer.personId };
  },
  render: ({ meetings, names, me }, { language }) => {
    if (meetings.length === 0) return reply([language === 'de' ? 'Keine anstehenden Treffen.' : 'No upcoming meetings.']);
    return reply(
      meetings.flatMap((m) => [
        `${formatWhen(new Date(m.startsAt), language)} – ${m.title} (${m.id})`,
        ...(m.organiserId === me
          ? [`  ${language === 'de' ? 'Antworten' : 'Answers'}: ${Object.entries(m.rsvps).map(([id, a]) => `${names.get(id) ?? id} ${ANSWER[a][language]}`).join(', ') || '–'} (${Object.keys(m.rsvps).length}/${m.inviteeIds.length})`]
          : []),
      ]),
      { title: language === 'de' ? 'Ihre Treffen' : 'Your meetings', privateDetails: true },
    );
  },
});
