import type { AuditEntry, Viewer } from '../access/domain/access.js';
import { authorizeChanges } from '../access/domain/authorization.js';
import { NO_TARGETS, type TargetScopes } from '../access/domain/target-scope.js';
import { readTargetScopes, type TargetScopeStore } from '../access/target-scopes.js';
import { AlreadyEnded, EditConflict, InvalidInput, NotFound } from '../../domain/errors.js';
import { kindOfId, newLinkId, newRoleId, newAuditId } from '../../domain/ids.js';
import { FactsSnapshot } from '../../domain/changes.js';
import type { Entity, Link, RoleAssignment } from '../../domain/model.js';
import type { NetworkLifecycleStore, NetworkStore, NetworkWriteStore } from '../../domain/ports/graph-store.port.js';
import { emptyRevision, RevisionFacts, versionOf, validateRevision, type NetworkRevision } from './domain/revisions.js';
import { asBundle } from './domain/as-bundle.js';
import type { RuleSettings } from '../../domain/rules.js';
import { districtsOfPerson } from '../reads/districts-of.js';
import { endingSchema, parseInput, updateSchemas, type UpdatableKind } from '../writes/inputs.js';
import type { NetworkEvents, TouchedRecords } from '../reads/network-events.js';
import { touchedByRevision } from '../reads/touched.js';
import { berlinDay } from '../../features/meetings/when.js';
import { recordHistory, type RecordHistory } from './record-history.js';
import { undoRecordOf } from '../../features/undo/domain/undo-record.js';

// Keeping the network true: changing records, ending roles and links, deleting mistakes. Each is
// one revision, authorised and checked by the domain rules inside the store's transaction, with
// an audit entry (field names only for people, so the log holds nothing an erasure must find).

export interface RoleEnding {
  ended: RoleAssignment;
  until: string;
  /** The successor's new role, when one was named. */
  successor: RoleAssignment | null;
  /** Links the successor took over (a KIK's municipalities). */
  takenOver: Link[];
}

export type { RecordHistory } from './record-history.js';

/** How often an edit that named no version is applied again when others land in between. */
const BLIND_EDIT_ATTEMPTS = 5;

export class NetworkReviser {
  constructor(
    private readonly store: NetworkStore & { readonly writes: NetworkWriteStore } & {
      readonly lifecycle: NetworkLifecycleStore;
    } & TargetScopeStore,
    private readonly settings: RuleSettings,
    private readonly events?: NetworkEvents,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Changes the given fields of a record; `expectedVersion` is the version the editor read. An
   * edit that names no version was made on no particular version: when another one lands between
   * reading the record and writing it, it is applied again on the newer record (the last one wins)
   * instead of being called stale.
   */
  async update(
    kind: UpdatableKind,
    id: string,
    patch: unknown,
    expectedVersion: number | null,
    actor: Viewer,
  ): Promise<Entity> {
    const fields = parseInput(updateSchemas[kind], patch) as Record<string, unknown>;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.updateOnce(kind, id, fields, expectedVersion, actor);
      } catch (error) {
        if (!(error instanceof EditConflict) || expectedVersion !== null || attempt >= BLIND_EDIT_ATTEMPTS) throw error;
      }
    }
  }

  private async updateOnce(
    kind: UpdatableKind,
    id: string,
    fields: Record<string, unknown>,
    expectedVersion: number | null,
    actor: Viewer,
  ): Promise<Entity> {
    const [stored] = await this.store.entitiesByIds([id]);
    if (!stored || stored.kind !== kind) throw new NotFound(kind, id);
    const changed = Object.keys(fields).filter(
      (key) =>
        JSON.stringify((stored as unknown as Record<string, unknown>)[key] ?? null) !==
        JSON.stringify(fields[key] ?? null),
    );
    // An update that changes nothing is still authorised and checked, but keeps the version.
    const entity =
      changed.length === 0
        ? stored
        : ({
            ...stored,
            ...fields,
            version: versionOf(stored) + 1,
            changedBy: actor.personId,
            changedAt: this.now().toISOString(),
          } as Entity);
    const revision: NetworkRevision = {
      ...emptyRevision(),
      updates: [{ entity, expectedVersion: expectedVersion ?? versionOf(stored) }],
    };
    const before =
      kind === 'Person'
        ? undefined
        : Object.fromEntries(changed.map((key) => [key, (stored as unknown as Record<string, unknown>)[key] ?? null]));
    const after = kind === 'Person' ? undefined : Object.fromEntries(changed.map((key) => [key, fields[key] ?? null]));
    await this.revise(revision, actor, `update${kind}`, { updated: [{ id, kind, fields: changed, before, after }] }, [
      id,
    ]);
    return entity;
  }

  /**
   * Ends a role (from `until`, today by default). A successor takes the same role in the same
   * place from that day, and for a KIK the municipalities they served.
   */
  async endRole(
    input: { id: string; until?: string | null },
    successorId: string | null,
    actor: Viewer,
    /** Checks everything (rights, rules, a day in the future allowed) and writes nothing: for scheduling a change. */
    options: { dryRun?: boolean } = {},
  ): Promise<RoleEnding> {
    const { id, until: given } = parseInput(endingSchema, input);
    const until = options.dryRun ? (given ?? berlinDay(this.now())) : this.endDate(given ?? null);
    const [ended] = await this.store.lifecycle.rolesByIds([id]);
    if (!ended) throw new NotFound('Role', id);
    const revision: NetworkRevision = { ...emptyRevision(), endedRoles: [{ id, until }] };
    let successor: RoleAssignment | null = null;
    const takenOver: Link[] = [];
    if (ended.role === 'KIK') {
      const [links] = await this.store.linksOf([ended.personId]);
      const served = (links ?? []).filter((l) => l.type === 'SERVES' && l.fromId === ended.personId);
      revision.endedLinks.push(...served.map((l) => ({ id: l.id, until })));
      if (successorId)
        takenOver.push(
          ...served.map((l) => ({
            id: newLinkId(),
            type: l.type,
            fromId: successorId,
            toId: l.toId,
            since: until,
            note: l.note,
          })),
        );
    }
    if (successorId && successorId !== ended.personId) {
      successor = { id: newRoleId(), personId: successorId, role: ended.role, scopeId: ended.scopeId, since: until };
      revision.addedRoles.push(successor);
      revision.addedLinks.push(...takenOver);
    }
    await this.revise(
      revision,
      actor,
      'endRole',
      {
        endedRoles: [{ id, role: ended.role, personId: ended.personId, scopeId: ended.scopeId, until }],
        endedLinks: revision.endedLinks,
        addedRoles: revision.addedRoles.map((r) => ({
          id: r.id,
          role: r.role,
          personId: r.personId,
          scopeId: r.scopeId,
        })),
        addedLinks: takenOver.map((l) => ({ id: l.id, type: l.type, fromId: l.fromId, toId: l.toId })),
      },
      [
        id,
        ended.personId,
        ...(ended.scopeId ? [ended.scopeId] : []),
        ...(successor ? [successor.id, successor.personId] : []),
      ],
      undefined,
      options.dryRun,
    );
    return { ended: { ...ended, until }, until, successor, takenOver: successor ? takenOver : [] };
  }

  /** Ends a collaboration link from `until` (today by default); it stays in the history. */
  async endLink(input: { id: string; until?: string | null }, actor: Viewer, options: DryRun = {}): Promise<Link> {
    const { id, until: given } = parseInput(endingSchema, input);
    const until = this.endDate(given ?? null);
    const link = await this.linkById(id);
    await this.revise(
      { ...emptyRevision(), endedLinks: [{ id, until }] },
      actor,
      'endLink',
      { endedLinks: [{ id, type: link.type, fromId: link.fromId, toId: link.toId, until }] },
      [id, link.fromId, link.toId],
      undefined,
      options.dryRun,
    );
    return { ...link, until };
  }

  /** Deletes a record entered by mistake; refused, naming them, while anything depends on it. */
  async delete(id: string, actor: Viewer, options: DryRun = {}): Promise<Entity> {
    const [stored] = await this.store.entitiesByIds([id]);
    if (!stored) throw new NotFound(kindOfId(id) ?? 'Entity', id);
    await this.revise(
      { ...emptyRevision(), deleted: [id] },
      actor,
      'deleteRecord',
      { deleted: [{ id, kind: stored.kind }] },
      [id],
      undefined,
      options.dryRun,
    );
    return stored;
  }

  /** An alliance or institution stops being active from `until` (today by default); its memberships and links end with it. */
  async endRecord(
    input: { id: string; until?: string | null },
    actor: Viewer,
    /** Checks everything (rights, rules, a day in the future allowed) and writes nothing: a preview, or for scheduling. */
    options: DryRun = {},
  ): Promise<Entity> {
    const { id, until: given } = parseInput(endingSchema, input);
    const until = options.dryRun ? (given ?? berlinDay(this.now())) : this.endDate(given ?? null);
    await this.authorizeFor(actor, [id]);
    const [stored] = await this.store.entitiesByIds([id]);
    if (!stored || (stored.kind !== 'Alliance' && stored.kind !== 'Institution'))
      throw new NotFound(stored?.kind ?? kindOfId(id) ?? 'Alliance', id);
    if (stored.until) throw new AlreadyEnded('Record', stored.until);
    const [[roles], [links]] = await Promise.all([this.store.rolesInScopes([id]), this.store.linksOf([id])]);
    const entity = {
      ...stored,
      until,
      version: versionOf(stored) + 1,
      changedBy: actor.personId,
      changedAt: this.now().toISOString(),
    } as Entity;
    const revision: NetworkRevision = {
      ...emptyRevision(),
      updates: [{ entity, expectedVersion: versionOf(stored) }],
      endedRoles: (roles ?? []).map((r) => ({ id: r.id, until })),
      endedLinks: (links ?? []).map((l) => ({ id: l.id, until })),
    };
    await this.revise(
      revision,
      actor,
      'endRecord',
      { ended: [{ id, kind: stored.kind, until }], endedRoles: revision.endedRoles, endedLinks: revision.endedLinks },
      [id],
      undefined,
      options.dryRun,
    );
    return entity;
  }

  /** The day a change takes effect: today unless given; never in the future. */
  effectiveDay(given: string | null): string {
    return this.endDate(given);
  }

  /**
   * Refuses a caller who may not change these records before anything else is said about them
   * (that one is already ended, say): the transaction checks again on what it reads.
   */
  async authorizeFor(actor: Viewer, ids: readonly string[]): Promise<void> {
    if (actor.access === 'ADMIN') return;
    const entities = (await this.store.entitiesByIds(ids)).filter((e): e is Entity => e !== null);
    const people = entities.filter((e) => e.kind === 'Person').map((e) => e.id);
    const [roles, actorDistricts, targets] = await Promise.all([
      this.store.rolesOfPersons(people).then((r) => r.flat()),
      this.actorDistricts(actor),
      readTargetScopes(this.store, actor, people),
    ]);
    const scopes = (
      await this.store.entitiesByIds(roles.map((r) => r.scopeId).filter((id): id is string => id !== null))
    ).filter((e): e is Entity => e !== null);
    const facts = new FactsSnapshot([...entities, ...scopes], roles, [], []);
    const revision: NetworkRevision = {
      ...emptyRevision(),
      updates: entities.map((entity) => ({ entity, expectedVersion: null })),
    };
    const { bundle, changedPeople } = asBundle(revision, facts);
    authorizeChanges(actor, bundle, facts, { actorDistricts, targets, changedPeople });
  }

  private actorDistricts(actor: Viewer): Promise<Set<string>> {
    return actor.access === 'COORDINATOR' && actor.personId
      ? districtsOfPerson(this.store, actor.personId, actor.districtAgs)
      : Promise.resolve(new Set<string>());
  }

  /** The past of the people a revision touches, for the check inside its transaction (nothing for admins). */
  private async targetsOf(revision: NetworkRevision, actor: Viewer): Promise<TargetScopes> {
    if (actor.access === 'ADMIN') return NO_TARGETS;
    const [endedRoles, endedLinks] = await Promise.all([
      revision.endedRoles.length ? this.store.lifecycle.rolesByIds(revision.endedRoles.map((e) => e.id)) : [],
      revision.endedLinks.length ? this.store.lifecycle.linksByIds(revision.endedLinks.map((e) => e.id)) : [],
    ]);
    const roles = [...endedRoles, ...revision.addedRoles].filter((r): r is RoleAssignment => r !== null);
    const links = [...endedLinks, ...revision.addedLinks].filter((l): l is Link => l !== null);
    return readTargetScopes(this.store, actor, [
      ...revision.updates.flatMap((u) => [u.entity.id, ...(u.entity.mergedInto ? [u.entity.mergedInto] : [])]),
      ...revision.deleted,
      ...roles.map((r) => r.personId),
      ...links.flatMap((l) => [l.fromId, l.toId]),
    ]);
  }

  /** What changed about a record and who held its roles over time. */
  async history(id: string, limit: number): Promise<RecordHistory> {
    return recordHistory(this.store, id, limit);
  }

  /** A person confirms their own record is still right: it keeps its data and version, and counts as checked now. */
  async confirmOwn(viewer: Viewer): Promise<Entity> {
    if (!viewer.personId) throw new NotFound('Person', 'self');
    const [stored] = await this.store.entitiesByIds([viewer.personId]);
    if (!stored || stored.kind !== 'Person') throw new NotFound('Person', viewer.personId);
    const entity = { ...stored, confirmedAt: this.now().toISOString() } as Entity;
    const own = (facts: RevisionFacts) => {
      if (facts.entity(entity.id)?.kind !== 'Person' || entity.id !== viewer.personId)
        throw new NotFound('Person', entity.id);
    };
    await this.revise(
      { ...emptyRevision(), updates: [{ entity, expectedVersion: versionOf(stored) }] },
      viewer,
      'confirmRecord',
      { confirmed: [{ id: entity.id, kind: 'Person' }] },
      [entity.id],
      own,
    );
    return entity;
  }

  /**
   * Writes a revision if the actor may and the rules allow it, with its audit entry; tells readers
   * of the change. `authorize` replaces the usual check only for a person's own confirmation.
   */
  async revise(
    revision: NetworkRevision,
    actor: Viewer,
    action: string,
    details: Record<string, unknown>,
    subjectIds: string[],
    authorize?: (facts: RevisionFacts) => void,
    dryRun = false,
  ): Promise<void> {
    const at = this.now().toISOString();
    const audit: AuditEntry = {
      id: newAuditId(),
      at,
      actorId: actor.personId,
      action,
      subjectIds: [...new Set(subjectIds)],
      details,
    };
    const [actorDistricts, targets] = await Promise.all([
      this.actorDistricts(actor),
      authorize ? NO_TARGETS : this.targetsOf(revision, actor),
    ]);
    let touched: TouchedRecords | undefined;
    try {
      await this.store.lifecycle.revise(
        revision,
        (facts) => {
          touched = touchedByRevision(revision, facts);
          if (authorize) authorize(facts);
          else {
            const { bundle, changedPeople } = asBundle(revision, facts);
            authorizeChanges(actor, bundle, facts, { actorDistricts, targets, changedPeople });
          }
          // What taking it back needs, from the facts as they were before (validation moves them on),
          // written with the change (issue 34).
          const undo = action === 'undoChange' || dryRun ? null : undoRecordOf(revision, facts);
          validateRevision(revision, facts, this.settings);
          // Checked as the real write would be, inside its transaction; leaving now writes nothing.
          if (dryRun) throw new DryRunDone();
          if (undo) audit.details.undo = undo;
        },
        audit,
      );
    } catch (error) {
      if (error instanceof DryRunDone) return;
      throw error instanceof EditConflict ? await this.named(error) : error;
    }
    this.events?.publish({ action, subjectIds: audit.subjectIds, at, ...(touched ? { touched } : {}) });
  }

  /** The conflict names who changed the record, not their id. */
  private async named(conflict: EditConflict): Promise<EditConflict> {
    if (!conflict.changedBy) return conflict;
    const [person] = await this.store.entitiesByIds([conflict.changedBy]);
    const when = conflict.changedAt
      ? new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(
          new Date(conflict.changedAt),
        )
      : null;
    return new EditConflict(
      conflict.recordName,
      conflict.expectedVersion,
      conflict.storedVersion,
      person?.name ?? null,
      when,
    );
  }

  private async linkById(id: string): Promise<Link> {
    const [link] = await this.store.lifecycle.linksByIds([id]);
    if (!link) throw new NotFound('Link', id);
    return link;
  }

  /** An end date is today or earlier: the hub records what happened, it does not schedule endings. */
  private endDate(given: string | null): string {
    const today = berlinDay(this.now());
    if (given && given > today)
      throw new InvalidInput('until', 'must not lie in the future', {
        field: 'Enddatum',
        problem: 'darf nicht in der Zukunft liegen',
      });
    return given ?? today;
  }
}

/** Checks everything and writes nothing (a preview). */
type DryRun = { dryRun?: boolean };

/** Ends a dry run's transaction after every check passed. */
class DryRunDone extends Error {}
