import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../services/access/domain/access.js';
import { InvalidInput, NotAllowed, NotFound, NotSignedIn } from '../../domain/errors.js';
import { districtId } from '../../domain/ids.js';
import type { Entity } from '../../domain/model.js';
import type { CoordinationStore, NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { ChangeProposal, ProposedChange } from './domain/proposals.js';
import { cleanText, type TextRule } from '../../domain/text.js';
import { districtsOfPerson } from '../../services/reads/districts-of.js';
import type { Handover } from '../../services/lifecycle/handover.js';
import { parseInput, updateSchemas } from '../../services/writes/inputs.js';
import type { NetworkReviser } from '../../services/lifecycle/network-reviser.js';
import type { NetworkWriter } from '../../services/writes/network-writer.js';
import { Notifiers, type Notifier } from '../../services/chat/notifiers.js';
import type { ProposalFacts } from '../../services/lifecycle/domain/lifecycle-notices.js';
import type { ProposalStore } from './domain/proposal-store.port.js';
import { CLAIMS } from '../../domain/ports/state-slots.js';

// Proposals of members for their own record, roles, memberships and links, and the review queue
// of the coordination responsible for their district. Confirming applies the change through the
// one write path with the reviewer's rights; the proposer is told either way.

const COMMENT: TextRule = { field: 'comment', fieldDe: 'Kommentar', max: 500 };

export class ChangeProposals {
  private readonly notifiers = new Notifiers<Notifier>('network');

  constructor(
    private readonly store: NetworkStore & { readonly coordination: CoordinationStore } & {
      readonly proposals: ProposalStore;
    },
    private readonly writer: NetworkWriter,
    private readonly reviser: NetworkReviser,
    private readonly handover: Handover,
    private readonly now: () => Date = () => new Date(),
  ) {}

  addNotifier(notifier: Notifier): void {
    this.notifiers.add(notifier);
  }

  removeNotifier(notifier: Notifier): void {
    this.notifiers.remove(notifier);
  }

  /** Files a proposal for the coordination of the proposer's districts, and tells them. */
  async propose(change: ProposedChange, comment: string | null, viewer: Viewer): Promise<ChangeProposal> {
    const proposerId = viewer.personId;
    if (!proposerId) throw new NotSignedIn();
    const checked = await this.checked(change, proposerId);
    const districts = new Set(await districtsOfPerson(this.store, proposerId));
    const [target] =
      checked.kind === 'joinAlliance'
        ? await this.store.entitiesByIds([checked.allianceId])
        : checked.kind === 'addLink'
          ? await this.store.entitiesByIds([checked.toId])
          : [null];
    if (target && 'districtAgs' in target) districts.add(target.districtAgs);
    if (districts.size === 0) {
      throw new InvalidInput(
        'districts',
        'no district coordination is responsible for you yet; ask a coordinator to add you',
        {
          field: 'Kreis',
          problem: 'für Sie ist noch keine Kreiskoordination zuständig; bitte wenden Sie sich an eine Koordinatorin',
        },
      );
    }
    const proposal: ChangeProposal = {
      id: `proposal:${randomUUID().slice(0, 8)}`,
      proposerId,
      districtAgs: [...districts].sort(),
      change: checked,
      comment: comment ? cleanText(comment, COMMENT) : null,
      state: 'PENDING',
      createdAt: this.now().toISOString(),
      decidedAt: null,
      deciderId: null,
      reason: null,
    };
    await this.store.proposals.saveProposal(proposal);
    await this.tellReviewers(proposal, null);
    return proposal;
  }

  /** Pending proposals the viewer reviews: of their districts (admins: all), oldest first. */
  async pending(viewer: Viewer): Promise<ChangeProposal[]> {
    const districts = await this.reviewDistricts(viewer);
    return this.store.proposals.pendingProposals(districts === 'all' ? undefined : [...districts]);
  }

  /** The proposer's own proposals, newest first. */
  async mine(viewer: Viewer): Promise<ChangeProposal[]> {
    return viewer.personId ? this.store.proposals.proposalsOf(viewer.personId) : [];
  }

  /** Confirms (applies) or rejects a proposal; the proposer is told. A change the rules refuse stays pending. */
  async decide(id: string, accept: boolean, reason: string | null, viewer: Viewer): Promise<ChangeProposal> {
    const proposal = await this.store.proposals.proposalById(id);
    if (!proposal || proposal.state !== 'PENDING' || !(await this.pending(viewer)).some((p) => p.id === id))
      throw new NotFound('Proposal', id);
    // Four eyes: a change someone proposed is decided by somebody else, admins included.
    if (proposal.proposerId === viewer.personId)
      throw new NotAllowed('decide your own proposal', 'nicht über den eigenen Vorschlag entscheiden');
    if (!accept && !reason?.trim())
      throw new InvalidInput('reason', 'say why it is rejected', {
        field: 'Grund',
        problem: 'bitte angeben, warum der Vorschlag abgelehnt wird',
      });
    if (accept) await this.apply(proposal, viewer);
    const decided: ChangeProposal = {
      ...proposal,
      state: accept ? 'CONFIRMED' : 'REJECTED',
      decidedAt: this.now().toISOString(),
      deciderId: viewer.personId,
      reason: reason ? cleanText(reason, COMMENT) : null,
    };
    await this.store.proposals.saveProposal(decided);
    await this.notifiers.tell([proposal.proposerId], {
      type: 'proposalDecided',
      proposal: await this.facts(proposal),
      applied: accept,
      reason: decided.reason,
    });
    return decided;
  }

  /** Reminds the reviewers, once per proposal, of proposals pending longer than `days`. Returns how many. */
  async remindDue(days: number): Promise<number> {
    const before = new Date(this.now().getTime() - days * 86_400_000).toISOString();
    const due = (await this.store.proposals.pendingProposals()).filter((p) => p.createdAt <= before);
    let reminded = 0;
    for (const proposal of due) {
      if (!(await this.store.coordination.claimOnce(CLAIMS.proposalReminder.key(proposal.id)))) continue;
      reminded++;
      await this.tellReviewers(proposal, days);
    }
    return reminded;
  }

  /** Names of the people and records proposals refer to. */
  async names(proposals: readonly ChangeProposal[]): Promise<Map<string, string>> {
    const ids = proposals.flatMap((p) => [
      p.proposerId,
      ...(p.change.kind === 'joinAlliance'
        ? [p.change.allianceId]
        : p.change.kind === 'addLink'
          ? [p.change.toId]
          : []),
    ]);
    const found = await this.store.entitiesByIds([...new Set(ids)]);
    return new Map(found.filter((e): e is Entity => e !== null).map((e) => [e.id, e.name]));
  }

  private async apply(proposal: ChangeProposal, reviewer: Viewer): Promise<void> {
    const { change, proposerId } = proposal;
    switch (change.kind) {
      case 'updateSelf':
        await this.reviser.update('Person', proposerId, change.fields, null, reviewer);
        return;
      case 'endRole':
        await this.handover.endRole({ id: change.roleId }, null, reviewer);
        return;
      case 'joinAlliance':
        await this.writer.assignRole({ personId: proposerId, role: 'VOLUNTEER', scopeId: change.allianceId }, reviewer);
        return;
      case 'addLink':
        await this.writer.link(
          { type: change.type, fromId: proposerId, toId: change.toId, note: change.note },
          reviewer,
        );
        return;
    }
  }

  /** The change as it will be applied, checked as far as it can be before review. */
  private async checked(change: ProposedChange, proposerId: string): Promise<ProposedChange> {
    switch (change.kind) {
      case 'updateSelf': {
        const fields = parseInput(updateSchemas.Person.pick({ name: true, languages: true }), change.fields);
        if (Object.keys(fields).length === 0)
          throw new InvalidInput('fields', 'name at least one field', {
            field: 'Felder',
            problem: 'mindestens ein Feld angeben',
          });
        return { kind: 'updateSelf', fields };
      }
      case 'endRole': {
        const [roles] = await this.store.rolesOfPersons([proposerId]);
        if (!roles?.some((r) => r.id === change.roleId)) throw new NotFound('Role', change.roleId);
        return change;
      }
      case 'joinAlliance': {
        const [alliance] = await this.store.entitiesByIds([change.allianceId]);
        if (!alliance || alliance.kind !== 'Alliance' || alliance.until)
          throw new NotFound('Alliance', change.allianceId);
        return change;
      }
      case 'addLink': {
        const [target] = await this.store.entitiesByIds([change.toId]);
        if (!target || target.until || target.id === proposerId) throw new NotFound('Entity', change.toId);
        return { ...change, note: change.note ? cleanText(change.note, COMMENT) : null };
      }
    }
  }

  /** Where the viewer reviews: a district coordinator's district, a coordinator's role districts, everything for admins. */
  private async reviewDistricts(viewer: Viewer): Promise<Set<string> | 'all'> {
    if (viewer.access === 'ADMIN') return 'all';
    if (viewer.access === 'DISTRICT_COORDINATOR' && viewer.districtAgs) return new Set([viewer.districtAgs]);
    if (viewer.access === 'COORDINATOR' && viewer.personId)
      return districtsOfPerson(this.store, viewer.personId, viewer.districtAgs);
    throw new NotAllowed('review change proposals', 'keine Änderungsvorschläge prüfen');
  }

  /** The proposal with the names of the records it refers to, for the people told of it. */
  private async facts(proposal: ChangeProposal): Promise<ProposalFacts> {
    const names = await this.names([proposal]);
    return {
      proposalId: proposal.id,
      proposerName: names.get(proposal.proposerId) ?? proposal.proposerId,
      change: proposal.change,
      names: Object.fromEntries(names),
    };
  }

  private async tellReviewers(proposal: ChangeProposal, waitingDays: number | null): Promise<void> {
    const scopes = await this.store.rolesInScopes(proposal.districtAgs.map(districtId));
    const reviewers = [
      ...new Set(
        scopes
          .flat()
          .filter((r) => r.role === 'KOORDINATIONSKRAFT')
          .map((r) => r.personId),
      ),
    ];
    await this.notifiers.tell(reviewers, {
      type: 'proposalToReview',
      proposal: await this.facts(proposal),
      waitingDays,
    });
  }
}
