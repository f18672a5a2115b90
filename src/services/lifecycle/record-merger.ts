import { randomUUID } from 'node:crypto';
import type { Viewer } from '../access/domain/access.js';
import { InvalidInput, NotFound } from '../../domain/errors.js';
import { entityId, kindOfId, slug } from '../../domain/ids.js';
import type { Entity, Municipality, Revisioned } from '../../domain/model.js';
import { mergeRevision, type MergedRecord } from './domain/merges.js';
import type { EntityListQuery, MeetingStore, NetworkStore, RequestStore } from '../../domain/ports/graph-store.port.js';
import type { ChatIdentities } from '../chat/chat-identities.js';
import { effectiveDaySchema, parseInput, updateSchemas } from '../writes/inputs.js';
import type { ScheduledChanges } from '../../features/scheduled-changes/scheduled-changes.js';
import type { ScheduledMerger } from '../../features/scheduled-changes/domain/scheduled-change.js';
import type { NetworkReviser } from './network-reviser.js';
import type { NetworkEvents } from '../reads/network-events.js';

// Merging duplicates and municipalities (see domain/merges.ts). The network part is one revision;
// for people, their requests, meetings and chat links then move to the survivor as well.

const MERGEABLE = ['Person', 'Alliance', 'Institution'] as const;

export interface MergeResult {
  survivor: Entity;
  merged: Entity[];
  movedRoles: number;
  movedLinks: number;
  /** Set when the towns merge on a later day: the merger is scheduled, and nothing has moved yet. */
  scheduled?: ScheduledMerger | null;
}

export class RecordMerger {
  constructor(
    private readonly store: NetworkStore & { readonly requests: RequestStore } & { readonly meetings: MeetingStore },
    private readonly reviser: NetworkReviser,
    private readonly identities: ChatIdentities,
    private readonly now: () => Date = () => new Date(),
    private readonly events?: NetworkEvents,
    private readonly scheduled?: ScheduledChanges,
  ) {}

  /** Two (or more) records of the same person, alliance or institution become the survivor. */
  async mergeRecords(
    survivorId: string,
    mergedIds: string[],
    actor: Viewer,
    /** Checks everything and answers what would move, writing nothing (a preview). */
    options: { dryRun?: boolean } = {},
  ): Promise<MergeResult> {
    const ids = [...new Set(mergedIds)].filter((id) => id !== survivorId);
    if (ids.length === 0)
      throw new InvalidInput('mergedIds', 'name at least one record other than the survivor', {
        field: 'Einträge',
        problem: 'mindestens einen anderen Eintrag als den bleibenden nennen',
      });
    await this.reviser.authorizeFor(actor, [survivorId, ...ids]);
    const [survivor, ...merged] = await this.active([survivorId, ...ids]);
    const kind = survivor!.kind;
    if (!(MERGEABLE as readonly string[]).includes(kind) || merged.some((m) => m.kind !== kind)) {
      throw new InvalidInput('mergedIds', 'only records of one kind (people, alliances or institutions) merge', {
        field: 'Einträge',
        problem: 'nur Einträge einer Art (Personen, Bündnisse oder Institutionen) lassen sich zusammenführen',
      });
    }
    const result = await this.merge(survivor!, false, merged, actor, 'mergeRecords', null, options.dryRun);
    if (options.dryRun) return result;
    if (kind === 'Person') for (const old of merged) await this.movePersonWork(old.id, survivor!.id);
    return result;
  }

  /** Municipalities merge (Gemeindefusion) into an existing one of the same district, or into a new one. */
  /**
   * Towns merge into one. Where more than one KIK serves them, the merger names the one who serves
   * the merged town (`servedBy`), and is asked to while it does not: nobody else decides routing.
   */
  async mergeMunicipalities(
    ids: string[],
    into: { id?: string | null; name?: string | null; ags?: string | null },
    actor: Viewer,
    servedBy: string | null = null,
    /**
     * dryRun: checks everything and answers what would move, writing nothing (a preview). on: the
     * merged town's first day (YYYY-MM-DD, today by default): a day gone by, not before any of
     * the towns began, or a later one, which schedules the merger (checked now as if made then).
     */
    options: { dryRun?: boolean; on?: string | null } = {},
  ): Promise<MergeResult> {
    const today = this.reviser.effectiveDay(null);
    const on = options.on ? parseInput(effectiveDaySchema, { on: options.on }).on : today;
    if (on > today && this.scheduled) await this.scheduled.checkDay(on, [...ids, ...(into.id ? [into.id] : [])]);
    if (on > today && !options.dryRun && this.scheduled) {
      const preview = await this.mergeMunicipalities(ids, into, actor, servedBy, { dryRun: true, on });
      const scheduled = await this.scheduled.scheduleMerger(
        {
          townIds: preview.merged.map((m) => m.id),
          intoId: into.id ?? null,
          intoName: into.id ? null : (into.name ?? null),
          intoAgs: into.id ? null : (into.ags ?? null),
          servedBy,
          effectiveOn: on,
          districtAgs: [
            ...new Set(preview.merged.map((m) => (m.kind === 'Municipality' ? m.districtAgs : '')).filter(Boolean)),
          ].sort(),
        },
        actor,
      );
      return { ...preview, scheduled };
    }
    if (on > today && !options.dryRun)
      throw new InvalidInput('on', 'must not lie in the future here', {
        field: 'Datum',
        problem: 'darf hier nicht in der Zukunft liegen',
      });
    const mergedIds = [...new Set(ids)].filter((id) => id !== into.id);
    if (mergedIds.length === 0 || (!into.id && !into.name)) {
      throw new InvalidInput('into', 'name the municipalities and the one they merge into (an id, or the new name)', {
        field: 'Ziel',
        problem: 'die Gemeinden und die, in die sie aufgehen (Kennung oder neuer Name), nennen',
      });
    }
    if (!into.id) parseInput(updateSchemas.Municipality, { name: into.name, ags: into.ags ?? null });
    await this.reviser.authorizeFor(actor, [...mergedIds, ...(into.id ? [into.id] : [])]);
    const merged = await this.active(mergedIds);
    if (merged.some((m) => m.kind !== 'Municipality'))
      throw new InvalidInput('ids', 'only municipalities merge here', {
        field: 'Gemeinden',
        problem: 'hier lassen sich nur Gemeinden zusammenführen',
      });
    const target = into.id ? await this.active([into.id]) : [];
    const begunLater = [...merged, ...target].find((m) => m.since && m.since > on);
    if (begunLater)
      throw new InvalidInput('on', `lies before ${begunLater.name} began (${begunLater.since})`, {
        field: 'Datum',
        problem: `liegt vor dem Beginn von ${begunLater.name} (${begunLater.since!.split('-').reverse().join('.')})`,
      });
    const first = merged[0] as Municipality;
    const survivor: Municipality & Revisioned = into.id
      ? (target[0] as Municipality)
      : {
          kind: 'Municipality',
          id: entityId('Municipality', into.ags ?? `${first.districtAgs}-${slug(into.name!)}`),
          ags: into.ags ?? null,
          name: into.name!,
          districtAgs: first.districtAgs,
          since: on,
          version: 1,
          changedBy: actor.personId,
          changedAt: this.now().toISOString(),
        };
    const townIds = [...mergedIds, ...(into.id ? [into.id] : [])];
    const serving = [
      ...new Set(
        (await this.store.linksOf(townIds))
          .flat()
          .filter((l) => l.type === 'SERVES' && townIds.includes(l.toId))
          .map((l) => l.fromId),
      ),
    ];
    if (servedBy && !serving.includes(servedBy)) {
      const names = (await this.store.entitiesByIds(serving)).map((p) => p?.name).filter(Boolean);
      throw new InvalidInput('servedBy', 'is not one of the KIK serving these municipalities', {
        field: 'KIK',
        problem: `betreut keine dieser Gemeinden${names.length ? ` (das tun: ${names.join(', ')})` : ''}`,
      });
    }
    if (serving.length > 1 && !servedBy) {
      const names = (await this.store.entitiesByIds(serving)).map((p) => p?.name ?? '?');
      throw new InvalidInput('servedBy', `name the KIK who serves the merged municipality: ${names.join(' or ')}`, {
        field: 'KIK',
        problem: `bitte angeben, wer die zusammengeführte Gemeinde betreut: ${names.join(' oder ')}`,
      });
    }
    return this.merge(survivor, !into.id, merged, actor, 'mergeMunicipalities', servedBy, options.dryRun, on);
  }

  private async merge(
    survivor: Entity,
    survivorIsNew: boolean,
    merged: Entity[],
    actor: Viewer,
    action: string,
    servedBy: string | null = null,
    dryRun = false,
    day = this.reviser.effectiveDay(null),
  ): Promise<MergeResult> {
    const ids = merged.map((m) => m.id);
    const byPerson = survivor.kind === 'Person';
    const [roles, links, survivorRoles, survivorLinks] = await Promise.all([
      byPerson ? this.store.rolesOfPersons(ids) : this.store.rolesInScopes(ids),
      this.store.linksOf(ids),
      survivorIsNew
        ? Promise.resolve([[]])
        : byPerson
          ? this.store.rolesOfPersons([survivor.id])
          : this.store.rolesInScopes([survivor.id]),
      survivorIsNew ? Promise.resolve([[]]) : this.store.linksOf([survivor.id]),
    ]);
    // Records naming a merged one in a field: located in a merged town, or a project whose contact merged.
    const referringQueries: EntityListQuery[] =
      survivor.kind === 'Municipality'
        ? (['Institution', 'Project'] as const).map((kind) => ({ kind, limit: 1000 }))
        : survivor.kind === 'Person'
          ? [{ kind: 'Project', limit: 1000 }]
          : [];
    const referring = await Promise.all(
      ids.map(async (id) =>
        (
          await Promise.all(
            referringQueries.map((q) =>
              this.store.listEntities(
                survivor.kind === 'Person' ? { ...q, contactPersonId: id } : { ...q, municipalityId: id },
              ),
            ),
          )
        ).flat(),
      ),
    );
    const records: MergedRecord[] = merged.map((entity, i) => ({
      entity,
      roles: roles[i] ?? [],
      links: links[i] ?? [],
      referring: (referring[i] ?? []).filter(
        (e): e is MergedRecord['referring'][number] =>
          (e.kind === 'Institution' || e.kind === 'Project') &&
          (e.municipalityId === entity.id || (e.kind === 'Project' && e.contactPersonId === entity.id)),
      ),
    }));
    const revision = mergeRevision({
      survivor,
      survivorIsNew,
      survivorRoles: survivorRoles[0] ?? [],
      survivorLinks: survivorLinks[0] ?? [],
      merged: records,
      day,
      actorId: actor.personId,
      at: this.now().toISOString(),
      servedBy,
    });
    await this.reviser.revise(
      revision,
      actor,
      action,
      {
        survivor: { id: survivor.id, kind: survivor.kind, created: survivorIsNew },
        merged: ids,
        endedRoles: revision.endedRoles.length,
        endedLinks: revision.endedLinks.length,
        addedRoles: revision.addedRoles.map((r) => r.id),
        addedLinks: revision.addedLinks.map((l) => l.id),
      },
      [survivor.id, ...ids, `merge:${randomUUID()}`],
      undefined,
      dryRun,
    );
    if (dryRun)
      return { survivor, merged, movedRoles: revision.addedRoles.length, movedLinks: revision.addedLinks.length };
    const [stored] = await this.store.entitiesByIds([survivor.id]);
    return {
      survivor: stored ?? survivor,
      merged: (await this.store.entitiesByIds(ids)).filter((e): e is Entity => e !== null),
      movedRoles: revision.addedRoles.length,
      movedLinks: revision.addedLinks.length,
    };
  }

  /** Records that exist and are still active, in the order asked. */
  private async active(ids: string[]): Promise<Entity[]> {
    const found = await this.store.entitiesByIds(ids);
    return found.map((e, i) => {
      if (!e || e.until) throw new NotFound(kindOfId(ids[i]!) ?? 'Entity', ids[i]!);
      return e;
    });
  }

  /** A merged person's requests, meetings and chat accounts belong to the survivor. */
  private async movePersonWork(fromId: string, toId: string): Promise<void> {
    const swap = (id: string) => (id === fromId ? toId : id);
    const requests = await this.store.requests.requestsOf(fromId, 10_000);
    for (const request of requests) {
      await this.store.requests.saveRequest({
        ...request,
        requesterId: swap(request.requesterId),
        handlerId: swap(request.handlerId),
        version: request.version + 1,
      });
    }
    const meetings = await this.store.meetings.meetingsOf(
      [fromId],
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T00:00:00.000Z',
    );
    const moved = meetings.map((m) => ({
      ...m,
      organiserId: swap(m.organiserId),
      inviteeIds: [...new Set(m.inviteeIds.map(swap))].filter((id) => id !== swap(m.organiserId)),
      rsvps: Object.fromEntries(Object.entries(m.rsvps).map(([id, answer]) => [swap(id), answer])),
      version: m.version + 1,
    }));
    if (moved.length) await this.store.meetings.saveMeetings(moved);
    await this.identities.movePerson(fromId, toId);
    this.events?.publish({
      action: 'personWorkMoved',
      subjectIds: [fromId, toId],
      at: this.now().toISOString(),
      touched: { entityIds: [], requestIds: requests.map((r) => r.id), meetingIds: moved.map((m) => m.id) },
    });
  }
}
