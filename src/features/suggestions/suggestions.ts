import type { Viewer } from '../../services/access/domain/access.js';
import { NotAllowed, NotFound } from '../../domain/errors.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { NetworkGraph } from '../../services/analysis/network-graph.js';
import { districtsOfPerson } from '../../services/reads/districts-of.js';
import { berlinDay } from '../meetings/when.js';
import type { DatePoll, DatePolls } from '../meetings/date-polls.js';
import { rank, stillOpen, type SuggestionAnswer } from './domain/feedback.js';
import type { SuggestionFeedbackStore } from './domain/feedback-store.port.js';
import { suggestionsFor, type Suggestion, type SuggestionKind, type SuggestionSettings } from './domain/suggestions.js';

// The district coordination's suggestions: computed from the read model for one district,
// without those answered already (until their facts change or their snooze ends), ranked by what
// the district did with suggestions of the same kind before.

type Store = NetworkStore & { readonly suggestionFeedback: SuggestionFeedbackStore };

const SNOOZE_DAYS = 28;

export class Suggestions {
  constructor(
    private readonly store: Store,
    private readonly network: NetworkGraph,
    private readonly settings: SuggestionSettings,
    private readonly datePolls: DatePolls,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The open suggestions for a district the viewer coordinates, best first. */
  async forDistrict(
    viewer: Viewer,
    districtAgs: string,
    kinds: readonly SuggestionKind[] | null = null,
  ): Promise<Suggestion[]> {
    await this.authorize(viewer, districtAgs);
    const all = suggestionsFor(await this.network.snapshot(), districtAgs, this.now(), this.settings).filter(
      (s) => !kinds || kinds.includes(s.kind),
    );
    const feedback = await this.store.suggestionFeedback.feedbackOf(districtAgs);
    const last = new Map(feedback.map((f) => [f.suggestionId, f]));
    const today = berlinDay(this.now());
    return rank(
      all.filter((s) => stillOpen(s, last.get(s.id), today)),
      feedback,
    );
  }

  /**
   * Takes a suggestion's step: for an exchange meeting, a date poll to the KIK of both towns (three
   * dates, a week on, at 10:00) with the viewer as organiser; then it counts as taken. Other kinds
   * have no step to run here: null, nothing changed.
   */
  async take(
    viewer: Viewer,
    districtAgs: string,
    suggestionId: string,
    names: (id: string) => string,
  ): Promise<{ suggestion: Suggestion; poll: DatePoll } | null> {
    const suggestion = (await this.forDistrict(viewer, districtAgs)).find((s) => s.id === suggestionId);
    if (!suggestion) throw new NotFound('Suggestion', suggestionId);
    if (suggestion.kind !== 'EXCHANGE_MEETING') return null;
    const poll = await this.datePolls.propose(
      {
        title: `Austausch ${suggestion.topicIds.map(names).join(', ')}`.slice(0, 120),
        slots: [7, 8, 9].map((days) => {
          const day = new Date(this.now().getTime() + days * 86_400_000);
          return `${berlinDay(day).split('-').reverse().join('.')} 10:00`;
        }),
        invite: suggestion.subjectIds.map(names),
      },
      viewer,
    );
    await this.answer(viewer, districtAgs, suggestionId, 'TAKEN');
    return { suggestion, poll };
  }

  /** Takes, dismisses or snoozes (four weeks) one of the district's open suggestions. */
  async answer(
    viewer: Viewer,
    districtAgs: string,
    suggestionId: string,
    answer: SuggestionAnswer,
  ): Promise<Suggestion> {
    const suggestion = (await this.forDistrict(viewer, districtAgs)).find((s) => s.id === suggestionId);
    if (!suggestion) throw new NotFound('Suggestion', suggestionId);
    const until = new Date(this.now());
    until.setDate(until.getDate() + SNOOZE_DAYS);
    await this.store.suggestionFeedback.saveFeedback({
      districtAgs,
      suggestionId,
      kind: suggestion.kind,
      answer,
      factsKey: suggestion.factsKey,
      until: answer === 'SNOOZED' ? berlinDay(until) : null,
      by: viewer.personId,
      at: this.now().toISOString(),
    });
    return suggestion;
  }

  /** The districts whose suggestions the viewer sees (a district coordinator token: its own only). */
  async districtsOf(viewer: Viewer): Promise<string[]> {
    if (viewer.access === 'DISTRICT_COORDINATOR' && viewer.districtAgs) return [viewer.districtAgs];
    if (viewer.access !== 'DISTRICT_COORDINATOR' && viewer.access !== 'COORDINATOR' && viewer.access !== 'ADMIN')
      return [];
    if (!viewer.personId) return [];
    return [...(await districtsOfPerson(this.store, viewer.personId, viewer.districtAgs))].sort();
  }

  private async authorize(viewer: Viewer, districtAgs: string): Promise<void> {
    if (viewer.access === 'ADMIN') return;
    if (!(await this.districtsOf(viewer)).includes(districtAgs))
      throw new NotAllowed(
        'see the suggestions of a district you do not coordinate',
        'die Empfehlungen eines Kreises nur sehen, wenn Sie dort koordinieren',
      );
  }
}
