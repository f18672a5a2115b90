import type { Meeting, RsvpAnswer } from './domain/meetings.js';
import { describeRule } from './recurrence.js';
import { formatWhen } from './when.js';
import { defineCommand, parsed } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';

/** Dates of one series shown before the rest is summed up. */
const SERIES_SHOWN = 2;

/** Scheduled meetings; of a series the next few, the last of them carrying how many follow. */
function shortened(meetings: Meeting[]): { meeting: Meeting; more: number }[] {
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  const scheduled = meetings.filter((m) => m.state === 'SCHEDULED');
  for (const m of scheduled) if (m.series) total.set(m.series.id, (total.get(m.series.id) ?? 0) + 1);
  return scheduled.flatMap((m) => {
    if (!m.series) return [{ meeting: m, more: 0 }];
    const n = (seen.get(m.series.id) ?? 0) + 1;
    seen.set(m.series.id, n);
    if (n > SERIES_SHOWN) return [];
    return [{ meeting: m, more: n === SERIES_SHOWN || n === total.get(m.series.id) ? total.get(m.series.id)! - n : 0 }];
  });
}

const ANSWER: Record<RsvpAnswer, { de: string; en: string }> = {
  YES: { de: 'zugesagt', en: 'yes' },
  NO: { de: 'abgesagt', en: 'no' },
  MAYBE: { de: 'vielleicht', en: 'maybe' },
};

export const listMeetingsCommand = defineCommand({
  name: { de: 'termine', en: 'meetings' },
  summary: {
    de: 'Ihre nächsten Treffen; wer sie organisiert, sieht die Antworten',
    en: 'your next meetings; organisers see the answers',
  },
  usage: { de: '!termine', en: '!meetings' },
  example: { de: '!termine', en: '!meetings' },
  uses: ['meetings'],
  replaySafe: true,
  parse: () => parsed(null),
  run: async (_args, context, deps) => {
    const meetings = shortened(await deps.services.meetings.upcoming(context.viewer));
    const people = await Promise.all(
      meetings
        .flatMap(({ meeting: m }) => (m.organiserId === context.viewer.personId ? Object.keys(m.rsvps) : []))
        .map((id) => deps.directory.entity(id)),
    );
    const names = new Map(people.filter((p) => p !== null).map((p) => [p!.id, p!.name]));
    return { meetings, names, me: context.viewer.personId };
  },
  render: ({ meetings, names, me }, { language }) => {
    if (meetings.length === 0)
      return reply([language === 'de' ? 'Keine anstehenden Treffen.' : 'No upcoming meetings.']);
    return reply(
      meetings.flatMap(({ meeting: m, more }) => [
        `${formatWhen(new Date(m.startsAt), language)} – ${m.title} (${m.id})`,
        ...(more > 0 && m.series
          ? [
              `  ${language === 'de' ? `… und ${more} weitere Termine: ${describeRule(m.series.rule, new Date(m.startsAt), 'de')}` : `… and ${more} more dates: ${describeRule(m.series.rule, new Date(m.startsAt), 'en')}`}`,
            ]
          : []),
        ...(m.organiserId === me
          ? [
              `  ${language === 'de' ? 'Antworten' : 'Answers'}: ${
                Object.entries(m.rsvps)
                  .map(([id, a]) => `${names.get(id) ?? id} ${ANSWER[a][language]}`)
                  .join(', ') || '–'
              } (${Object.keys(m.rsvps).length}/${m.inviteeIds.length})`,
            ]
          : []),
      ]),
      { title: language === 'de' ? 'Ihre Treffen' : 'Your meetings', privateDetails: true },
    );
  },
});
