import { InvalidInput, type Language } from '../../domain/errors.js';
import { defineCommand, parsed, unparsable, type CommandDeps } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import type { SuggestionAnswer } from './domain/feedback.js';
import type { Suggestion } from './domain/suggestions.js';
import { suggestionSentence } from './suggestion-sentence.js';

// !empfehlungen: the suggestions for the asker's districts, numbered, each with its facts and next
// step; `<Nr.>` runs the step (a date poll to both towns' KIK), `verwerfen <Nr.>`, `später <Nr.>`
// and `erledigt <Nr.>` answer one (it stays away until its facts change, comes back in four weeks,
// or counts as taken).

const ANSWERS: Record<string, SuggestionAnswer> = {
  verwerfen: 'DISMISSED',
  dismiss: 'DISMISSED',
  später: 'SNOOZED',
  later: 'SNOOZED',
  erledigt: 'TAKEN',
  done: 'TAKEN',
};
const LISTED = 10;

type Args = { answer: SuggestionAnswer | 'STEP' | null; number: number | null };

export const suggestionsCommand = defineCommand({
  name: { de: 'empfehlungen', en: 'suggestions' },
  summary: {
    de: 'schlägt Verbindungen vor, die Ihr Netzwerk noch nicht hat (Austauschtreffen, Vorstellungen, passende Förderaufrufe, Hilfe aus anderen Kreisen, Lücken), mit dem Grund dafür',
    en: 'suggests connections your network does not have yet (exchange meetings, introductions, fitting funding calls, help from other districts, gaps), with the reason',
  },
  usage: {
    de: '!empfehlungen [<Nr.> | verwerfen|später|erledigt <Nr.>]',
    en: '!suggestions [<no.> | dismiss|later|done <no.>]',
  },
  example: { de: '!empfehlungen verwerfen 2', en: '!suggestions dismiss 2' },
  options: [
    {
      name: { de: 'antwort', en: 'answer' },
      description: {
        de: 'verwerfen, später oder erledigt, mit der Nummer der Empfehlung',
        en: 'dismiss, later or done, with the number of the suggestion',
      },
      required: false,
    },
  ],
  uses: ['suggestions'],
  parse: (args) => {
    if (args.length === 0) return parsed<Args>({ answer: null, number: null });
    if (args.length === 1 && /^\d+$/.test(args[0]!)) return parsed<Args>({ answer: 'STEP', number: Number(args[0]) });
    const answer = ANSWERS[args[0]!.toLowerCase()];
    if (args.length === 2 && answer && /^\d+$/.test(args[1]!)) return parsed<Args>({ answer, number: Number(args[1]) });
    return unparsable;
  },
  run: async (args, context, deps) => {
    const listed = await listFor(context.viewer, deps, context.language);
    if (args.answer === null) return { listed, answered: null, step: null };
    const chosen = listed[args.number! - 1];
    if (!chosen)
      throw new InvalidInput('number', `is not one of the suggestions (1 to ${listed.length})`, {
        field: 'Nr.',
        problem: listed.length
          ? `ist keine der Empfehlungen (1 bis ${listed.length})`
          : 'passt zu nichts: es gibt gerade keine Empfehlungen',
      });
    if (args.answer === 'STEP') {
      const step = await deps.services.suggestions.take(
        context.viewer,
        chosen.suggestion.districtAgs,
        chosen.suggestion.id,
        (id) => chosen.names.get(id) ?? id,
      );
      return { listed: [], answered: null, step: { ...chosen, poll: step?.poll ?? null, told: step?.told ?? null } };
    }
    await deps.services.suggestions.answer(
      context.viewer,
      chosen.suggestion.districtAgs,
      chosen.suggestion.id,
      args.answer,
    );
    return { listed: [], answered: { ...chosen, answer: args.answer }, step: null };
  },
  render: ({ listed, answered, step }, { language }) => {
    const de = language === 'de';
    if (step?.poll)
      return reply([
        de
          ? `Terminfindung ${step.poll.id} für „${step.poll.title}“ an ${step.poll.inviteeIds.length} Personen geschickt (${step.step}). Festlegen mit !festlegen ${step.poll.id} [Nummer]`
          : `Date poll ${step.poll.id} for "${step.poll.title}" sent to ${step.poll.inviteeIds.length} people (${step.step}). Fix it with !fix ${step.poll.id} [number]`,
      ]);
    if (step?.told !== null && step?.told !== undefined)
      return reply([stepTaken(step.suggestion, step.told, language)]);
    if (step)
      return reply([
        de
          ? `Für diese Empfehlung gibt es hier keinen Schritt zum Ausführen (${step.step}); ist er getan, vermerken Sie ihn mit !empfehlungen erledigt <Nr.>.`
          : `There is no step to run here for this suggestion (${step.step}); once it is done, mark it with !suggestions done <no.>.`,
      ]);
    if (answered) return reply([`${ANSWERED[answered.answer][language]}: ${answered.reason}`]);
    if (listed.length === 0)
      return reply([
        de
          ? 'Für Ihre Kreise gibt es gerade keine Empfehlungen.'
          : 'There are no suggestions for your districts right now.',
      ]);
    return reply(
      [
        de ? 'Empfehlungen für Ihr Netzwerk:' : 'Suggestions for your network:',
        ...listed.map((l, i) => `${i + 1}. ${l.reason} → ${l.step}`),
        de
          ? 'Den Schritt ausführen mit !empfehlungen <Nr.>; antworten mit !empfehlungen verwerfen <Nr.>, später <Nr.> oder erledigt <Nr.>'
          : 'Run the step with !suggestions <no.>; answer with !suggestions dismiss <no.>, later <no.> or done <no.>',
      ],
      { privateDetails: true },
    );
  },
});

function stepTaken(suggestion: Suggestion, told: number, language: Language): string {
  const people = (n: number) =>
    language === 'de' ? (n === 1 ? 'eine Person' : `${n} Personen`) : n === 1 ? 'one person' : `${n} people`;
  if (suggestion.kind === 'FUNDING_CALL')
    return language === 'de'
      ? `Förderaufruf „${suggestion.fundingCall!.title}“ an ${people(told)} weitergegeben; die Empfehlung ist als erledigt vermerkt.`
      : `Funding call "${suggestion.fundingCall!.title}" passed on to ${people(told)}; the suggestion is marked as done.`;
  if (told === 0)
    return language === 'de'
      ? 'In den Kreisen dieser Personen ist keine Koordinationskraft eingetragen; die Frage ging an niemanden, die Empfehlung bleibt offen.'
      : 'No Koordinationskraft is registered in those people’s districts; the question went to nobody and the suggestion stays open.';
  return language === 'de'
    ? `Frage an die Koordination in den anderen Kreisen weitergegeben (${people(told)}); die Empfehlung ist als erledigt vermerkt.`
    : `Question passed on to the coordination of the other districts (${people(told)}); the suggestion is marked as done.`;
}

const ANSWERED: Record<SuggestionAnswer, Record<Language, string>> = {
  DISMISSED: {
    de: 'Verworfen (kommt erst wieder, wenn sich die Lage ändert)',
    en: 'Dismissed (back only when the facts change)',
  },
  SNOOZED: { de: 'Auf später gelegt (in vier Wochen wieder da)', en: 'Snoozed (back in four weeks)' },
  TAKEN: { de: 'Als erledigt vermerkt', en: 'Marked as done' },
};

/** The open suggestions of all the asker's districts, best first, with their sentences. */
async function listFor(
  viewer: Parameters<CommandDeps<'suggestions'>['services']['suggestions']['forDistrict']>[0],
  deps: CommandDeps<'suggestions'>,
  language: Language,
): Promise<{ suggestion: Suggestion; reason: string; step: string; names: Map<string, string> }[]> {
  const districts = await deps.services.suggestions.districtsOf(viewer);
  const all = (await Promise.all(districts.map((ags) => deps.services.suggestions.forDistrict(viewer, ags))))
    .flat()
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, LISTED);
  const ids = [...new Set(all.flatMap((s) => [...s.subjectIds, ...s.topicIds, ...s.peopleIds]))];
  const names = new Map<string, string>();
  for (const id of ids) {
    const entity = await deps.directory.entity(id);
    if (entity) names.set(id, entity.name);
  }
  return all.map((suggestion) => ({
    suggestion,
    names,
    ...suggestionSentence(suggestion, (id) => names.get(id) ?? '…', language),
  }));
}
