import type { Language } from '../../src/domain/errors.js';
import type { PeriodFigures } from '../../src/services/analysis/statistics.js';
import { berlinDay, parseDay } from '../../src/features/meetings/when.js';
import { germanDay } from '../core/as-of.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';

// What the coordination of the asker's districts did in a period, in chat (GraphQL `statistics`).

interface Period {
  from: string;
  to: string;
}

/** "2026", "Q3 2026", "01.10.2026 bis 31.12.2026"; nothing: this year so far. */
function parsePeriod(words: readonly string[], now: Date): Period | null {
  const today = berlinDay(now);
  const text = words.join(' ').trim();
  if (!text) return { from: `${today.slice(0, 4)}-01-01`, to: today };
  const year = /^(\d{4})$/.exec(text);
  if (year) return { from: `${year[1]}-01-01`, to: `${year[1]}-12-31` };
  const quarter = /^q([1-4])[\s/]*(\d{4})$/i.exec(text);
  if (quarter) {
    const q = Number(quarter[1]);
    const end = [null, '03-31', '06-30', '09-30', '12-31'][q]!;
    return { from: `${quarter[2]}-${String(q * 3 - 2).padStart(2, '0')}-01`, to: `${quarter[2]}-${end}` };
  }
  const range = /^(.+?)\s+(?:bis|to|-|–)\s+(.+)$/i.exec(text);
  if (range) {
    try {
      return { from: parseDay(range[1]!, now), to: parseDay(range[2]!, now) };
    } catch {
      return null;
    }
  }
  return null;
}

const hours = (value: number | null, language: Language) =>
  value === null
    ? '–'
    : `${value.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB')} ${language === 'de' ? 'Std.' : 'h'}`;

function figuresLine(name: string, f: PeriodFigures, language: Language): string {
  return language === 'de'
    ? `${name}: ${f.requestsFiled} Anfragen gestellt, ${f.requestsAccepted} angenommen, ${f.requestsResolved} erledigt, ${f.requestsEscalated} hochgestuft; bis zur Annahme im Mittel ${hours(f.medianHoursToAccept, language)}, bis zur Erledigung ${hours(f.medianHoursToResolve, language)}; ${f.meetingsHeld} Treffen; ${f.municipalitiesReached} Gemeinden erreicht.`
    : `${name}: ${f.requestsFiled} requests filed, ${f.requestsAccepted} accepted, ${f.requestsResolved} resolved, ${f.requestsEscalated} escalated; median to acceptance ${hours(f.medianHoursToAccept, language)}, to resolution ${hours(f.medianHoursToResolve, language)}; ${f.meetingsHeld} meetings; ${f.municipalitiesReached} municipalities reached.`;
}

export const statisticsCommand = defineCommand({
  name: { de: 'statistik', en: 'statistics' },
  summary: {
    de: 'was die Koordination Ihrer Kreise in einem Zeitraum getan hat (Anfragen, Treffen, erreichte Gemeinden)',
    en: 'what the coordination of your districts did in a period (requests, meetings, municipalities reached)',
  },
  usage: {
    de: '!statistik [Jahr | Q1 2026 | 01.10.2026 bis 31.12.2026]',
    en: '!statistics [year | Q1 2026 | 01.10.2026 to 31.12.2026]',
  },
  example: { de: '!statistik Q4 2026', en: '!statistics Q4 2026' },
  options: [
    {
      name: { de: 'zeitraum', en: 'period' },
      description: { de: 'Jahr, Quartal oder von … bis …', en: 'year, quarter or from … to …' },
      required: false,
      rest: true,
    },
  ],
  uses: ['statistics'],
  replaySafe: true,
  parse: (args) => {
    const period = parsePeriod(args, new Date());
    return period ? parsed(period) : unparsable;
  },
  run: async (period, context, deps) => {
    const roles = context.viewer.personId ? await deps.directory.rolesOfPerson(context.viewer.personId) : [];
    const scopes = await Promise.all(roles.map((r) => (r.scopeId ? deps.directory.entity(r.scopeId) : null)));
    const ags = new Set(
      scopes.flatMap((s) => (s?.kind === 'District' ? [s.ags] : s && 'districtAgs' in s ? [s.districtAgs] : [])),
    );
    if (context.viewer.districtAgs) ags.add(context.viewer.districtAgs);
    const districts = await Promise.all([...ags].sort().map((a) => deps.directory.district(a)));
    const rows = await Promise.all(
      districts.map(async (district) => ({
        name: district?.name ?? '',
        figures: (await deps.services.statistics.figures(district!.ags, period.from, period.to)).find(
          (f) => f.topicId === null,
        )!,
      })),
    );
    return { period, rows };
  },
  render: ({ period, rows }, { language }) => {
    const de = language === 'de';
    const title = `${de ? 'Statistik' : 'Statistics'} ${germanDay(period.from)} – ${germanDay(period.to)}`;
    if (rows.length === 0)
      return reply([
        de
          ? 'Für Sie ist kein Kreis eingetragen; die Statistik gibt es für die Kreise, in denen Sie eine Rolle haben.'
          : 'No district is recorded for you; statistics are for the districts you hold a role in.',
      ]);
    return reply(
      rows.map((r) => figuresLine(r.name, r.figures, language)),
      { title },
    );
  },
});
