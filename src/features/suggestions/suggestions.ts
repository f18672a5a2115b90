import type { Viewer } from '../../services/access/domain/access.js';
import { NotAllowed, NotFound } from '../../domain/errors.js';
import { kindOfId } from '../../domain/ids.js';
import type { Project } from '../../domain/model.js';
import type { CoordinationStore, NetworkStore } from '../../domain/ports/graph-store.port.js';
import { CLAIMS, type StateKey } from '../../domain/ports/state-slots.js';
import { Telling } from '../../services/chat/telling.js';
import type { NetworkGraph } from '../../services/analysis/network-graph.js';
import { districtsOfPerson } from '../../services/reads/districts-of.js';
import { berlinDay } from '../meetings/when.js';
import type { DatePoll, DatePolls } from '../meetings/date-polls.js';
import { rank, stillOpen, type SuggestionAnswer } from './domain/feedback.js';
import type { SuggestionFeedbackStore } from './domain/feedback-store.port.js';
import type { FundingStore } from '../funding/domain/funding-store.port.js';
import { gapSuggestions, type StructuralGaps } from './domain/gap-suggestions.js';
import { coordinationOf, fundingCallSuggestions, waitingRequestSuggestions } from './domain/record-suggestions.js';
import type { SuggestionNotice } from './domain/suggestion-notices.js';
import {
  districtCoordinationOf,
  suggestionsFor,
  type Suggestion,
  type SuggestionKind,
  type SuggestionSettings,
} from './domain/suggestions.js';

// The district coordination's suggestions: computed from the read model for one district,
// without those answered already (until their facts change or their snooze ends), ranked by what
// the district did with suggestions of the same kind before.

type Store = NetworkStore & { readonly suggestionFeedback: SuggestionFeedbackStore } & {
  readonly funding: Pick<FundingStore, 'allFundingCalls' | 'fundingCallById'>;
} & { readonly coordination: CoordinationStore };

/** What the analytics see of a district's structure. */
export interface StructureAnalysis {
  uncoveredMunicipalities(districtAgs: string): Promise<string[]>;
  brokers(districtAgs: string): Promise<{ id: string; groupsConnected: number }[]>;
}

const PROJECTS_READ = 500;

const SNOOZE_DAYS = 28;

export class Suggestions extends Telling {
  constructor(
    private readonly store: Store,
    private readonly network: NetworkGraph,
    private readonly structure: StructureAnalysis,
    private readonly settings: SuggestionSettings,
    private readonly datePolls: DatePolls,
    private readonly now: () => Date = () => new Date(),
  ) {
    super(store, 'network', now);
  }

  /** The open suggestions for a district the viewer coordinates, best first. */
  async forDistrict(
    viewer: Viewer,
    districtAgs: string,
    kinds: readonly SuggestionKind[] | null = null,
  ): Promise<Suggestion[]> {
    await this.authorize(viewer, districtAgs);
    const wanted = (kind: SuggestionKind) => !kinds || kinds.includes(kind);
    const now = this.now();
    const today = berlinDay(now);
    const [snapshot, feedback, calls, projects, gaps] = await Promise.all([
      this.network.snapshot(),
      this.store.suggestionFeedback.feedbackOf(districtAgs),
      wanted('FUNDING_CALL') ? this.store.funding.allFundingCalls() : [],
      wanted('FUNDING_CALL') ? this.projectsOf(districtAgs) : [],
      wanted('STRUCTURAL_GAP') ? this.gapsOf(districtAgs) : { uncovered: [], brokers: [] },
    ]);
    const all = [
      ...suggestionsFor(snapshot, districtAgs, now, this.settings),
      ...(wanted('FUNDING_CALL') ? fundingCallSuggestions(snapshot, districtAgs, today, calls, projects) : []),
      ...(wanted('WAITING_REQUEST')
        ? waitingRequestSuggestions(snapshot, districtAgs, now, this.settings.waitingHours)
        : []),
      ...gapSuggestions(districtAgs, gaps, districtCoordinationOf(snapshot, districtAgs)),
    ].filter((s) => wanted(s.kind));
    const last = new Map(feedback.map((f) => [f.suggestionId, f]));
    return rank(
      all.filter((s) => stillOpen(s, last.get(s.id), today)),
      feedback,
    );
  }

  /**
   * Takes a suggestion's step, then it counts as taken: for an exchange meeting, a date poll to the
   * KIK of both towns (three dates, a week on, at 10:00) with the viewer as organiser; for a
   * funding call, the call to those whose requests or ideas fit; for a waiting request, a question
   * to the coordination of the districts whose people solved such requests. Each step once per
   * the suggestion's facts (written with its notices in one write). Structural gaps have no step
   * to run here: null, nothing changed.
   */
  async take(
    viewer: Viewer,
    districtAgs: string,
    suggestionId: string,
    names: (id: string) => string,
  ): Promise<{ suggestion: Suggestion; poll: DatePoll | null; told: number } | null> {
    const suggestion = (await this.forDistrict(viewer, districtAgs)).find((s) => s.id === suggestionId);
    if (!suggestion) throw new NotFound('Suggestion', suggestionId);
    if (suggestion.kind === 'EXCHANGE_MEETING') {
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
      return { suggestion, poll, told: poll.inviteeIds.length };
    }
    const tellings = await this.stepNotices(suggestion, viewer, names);
    if (!tellings) return null;
    // Nobody to tell (no Koordinationskraft where the helpers work): the suggestion stays open.
    if (tellings.length === 0) return { suggestion, poll: null, told: 0 };
    await this.tellOnce(CLAIMS.suggestionStep.key(districtAgs, suggestionId, suggestion.factsKey), tellings);
    await this.answer(viewer, districtAgs, suggestionId, 'TAKEN');
    return { suggestion, poll: null, told: tellings.length };
  }

  /**
   * Tells people once under a claim: the claim and the notices are one write, so a repeat tells
   * nobody twice and a crash after the write still delivers (deliverLeftNotices). Answers whether
   * this call claimed it.
   */
  async tellOnce(key: StateKey, tellings: readonly { personId: string; notice: SuggestionNotice }[]): Promise<boolean> {
    const entries = this.notices.entries(tellings);
    if (!(await this.store.coordination.claimOnce(key, entries))) return false;
    await this.notices.deliver(entries);
    return true;
  }

  /** Who a funding call or a question goes to, and what they are told; null for kinds without a step here. */
  private async stepNotices(
    suggestion: Suggestion,
    viewer: Viewer,
    names: (id: string) => string,
  ): Promise<{ personId: string; notice: SuggestionNotice }[] | null> {
    const [asker] = viewer.personId ? await this.store.entitiesByIds([viewer.personId]) : [null];
    const askedBy = asker?.name ?? 'Die Kreiskoordination';
    if (suggestion.kind === 'FUNDING_CALL') {
      const call = await this.store.funding.fundingCallById(suggestion.fundingCall!.id);
      if (!call) throw new NotFound('FundingCall', suggestion.fundingCall!.id);
      const notice: SuggestionNotice = {
        type: 'fundingCallShared',
        sharedBy: askedBy,
        title: call.title,
        funder: call.funder,
        closesOn: call.closesOn,
        url: call.url,
        topics: suggestion.topicIds.map(names),
      };
      return suggestion.peopleIds.map((personId) => ({ personId, notice }));
    }
    if (suggestion.kind === 'WAITING_REQUEST') {
      const snapshot = await this.network.snapshot();
      const [district] = await this.store.districtsByAgs([suggestion.districtAgs]);
      const notice: SuggestionNotice = {
        type: 'helpAsked',
        askedBy,
        district: district?.name ?? suggestion.districtAgs,
        topic: names(suggestion.topicIds[0]!),
        waitingDays: suggestion.request!.waitingDays,
        solvers: suggestion.peopleIds.map(names),
      };
      return coordinationOf(snapshot, suggestion.peopleIds).map((personId) => ({ personId, notice }));
    }
    return null;
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

  private async projectsOf(districtAgs: string): Promise<Project[]> {
    const found = await this.store.listEntities({ kind: 'Project', districtAgs, limit: PROJECTS_READ });
    return found.filter((e): e is Project => e.kind === 'Project');
  }

  /** Towns without KIK, and the people whose leaving would split the district's network. */
  private async gapsOf(districtAgs: string): Promise<StructuralGaps> {
    const [uncovered, brokers] = await Promise.all([
      this.structure.uncoveredMunicipalities(districtAgs),
      this.structure.brokers(districtAgs),
    ]);
    return { uncovered, brokers: brokers.filter((b) => kindOfId(b.id) === 'Person') };
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
