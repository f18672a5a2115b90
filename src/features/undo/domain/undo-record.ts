import type { Entity, Link, RoleAssignment } from '../../../domain/model.js';
import {
  emptyRevision,
  versionOf,
  type NetworkRevision,
  type RevisionFacts,
} from '../../../services/lifecycle/domain/revisions.js';

// What it takes to undo a change of the network (issue 34): written with the change, in its audit
// entry and its transaction, read when someone takes the change back. An undo is a revision of its
// own (the history keeps both): records go back to how they were, ended roles and links hold
// again, and what the change added ends on the day it began, so it never held.
//
// Changes to people's own records are not undone this way: their values are never kept in the
// audit (an erasure must find nothing there).

export interface UndoRecord {
  /** Records as they were before the change (never people). */
  restore: Entity[];
  /** The version each record had right after the change. */
  versions: Record<string, number>;
  /** Each record as the change left it: one that reads differently now was changed since, and is not undone over. */
  after: Entity[];
  /** Records the change added (the town two others merged into). */
  endRecords: string[];
  reopenRoles: string[];
  reopenLinks: string[];
  /** Roles and links the change added (a successor's). */
  endRoles: string[];
  endLinks: string[];
  /** Records the change deleted (never people), to be added again. */
  readd: Entity[];
}

/** The undo of a revision, from the facts its transaction read before writing; null when it cannot be undone. */
export function undoRecordOf(revision: NetworkRevision, facts: RevisionFacts): UndoRecord | null {
  const before = revision.updates.map((u) => facts.entity(u.entity.id));
  const deleted = revision.deleted.map((id) => facts.entity(id));
  const records = [...before, ...deleted, ...revision.addedRecords];
  if (records.some((e) => !e || e.kind === 'Person')) return null;
  if ((revision.reopenedRoles ?? []).length || (revision.reopenedLinks ?? []).length) return null;
  const plain = (e: Entity) => {
    const { changedBy: _by, changedAt: _at, ...rest } = e;
    return rest as Entity;
  };
  return {
    restore: (before as Entity[]).map(plain),
    after: [...revision.updates.map((u) => u.entity), ...revision.addedRecords].map(plain),
    versions: Object.fromEntries(
      [...revision.updates.map((u) => u.entity), ...revision.addedRecords].map((e) => [e.id, versionOf(e)]),
    ),
    endRecords: revision.addedRecords.map((e) => e.id),
    reopenRoles: revision.endedRoles.map((e) => e.id),
    reopenLinks: revision.endedLinks.map((e) => e.id),
    endRoles: revision.addedRoles.map((r) => r.id),
    endLinks: revision.addedLinks.map((l) => l.id),
    readd: (deleted as Entity[]).map(plain),
  };
}

/** What the network holds now of what an undo touches. */
export interface UndoState {
  entities: ReadonlyMap<string, Entity>;
  roles: ReadonlyMap<string, RoleAssignment>;
  links: ReadonlyMap<string, Link>;
}

/** Every id an undo needs to read before it is built. */
export function idsOfUndo(record: UndoRecord): { entityIds: string[]; roleIds: string[]; linkIds: string[] } {
  return {
    entityIds: [...record.restore.map((e) => e.id), ...record.endRecords],
    roleIds: [...record.reopenRoles, ...record.endRoles],
    linkIds: [...record.reopenLinks, ...record.endLinks],
  };
}

/**
 * The revision that takes a change back. A record changed again since is refused by the
 * revision's version check (nothing is undone over someone else's later change).
 */
export function revisionUndoing(
  record: UndoRecord,
  state: UndoState,
  actorId: string | null,
  now: Date,
  today: string,
): NetworkRevision {
  const stamp = (entity: Entity, current: Entity) =>
    ({ ...entity, version: versionOf(current) + 1, changedBy: actorId, changedAt: now.toISOString() }) as Entity;
  // A record that reads as the change left it (a later change taken back again counts so) is
  // undone; one changed since is not: the version check then refuses it as an edit conflict.
  const left = new Map((record.after ?? []).map((e) => [e.id, e]));
  const expected = (id: string, current: Entity) => {
    const after = left.get(id);
    return after && sameContent(after, current) ? versionOf(current) : (record.versions?.[id] ?? versionOf(current));
  };
  const updates = [
    ...record.restore.flatMap((before) => {
      const current = state.entities.get(before.id);
      return current ? [{ entity: stamp(before, current), expectedVersion: expected(before.id, current) }] : [];
    }),
    ...record.endRecords.flatMap((id) => {
      const current = state.entities.get(id);
      if (!current || current.until) return [];
      const until = current.since ?? today;
      return [{ entity: stamp({ ...current, until } as Entity, current), expectedVersion: expected(id, current) }];
    }),
  ];
  const endAtStart = (item: { id: string; since?: string | null } | undefined) =>
    item ? [{ id: item.id, until: item.since ?? today }] : [];
  return {
    ...emptyRevision(),
    addedRecords: record.readd,
    updates,
    endedRoles: record.endRoles.flatMap((id) => endAtStart(state.roles.get(id))),
    endedLinks: record.endLinks.flatMap((id) => endAtStart(state.links.get(id))),
    reopenedRoles: record.reopenRoles,
    reopenedLinks: record.reopenLinks,
  };
}

/** Whether two states of a record say the same, whoever changed it when. */
function sameContent(a: Entity, b: Entity): boolean {
  const content = (e: Entity) =>
    JSON.stringify(
      Object.entries(e)
        .filter(([key, value]) => !BOOKKEEPING.has(key) && value !== undefined && value !== null)
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return content(a) === content(b);
}

const BOOKKEEPING = new Set(['version', 'changedBy', 'changedAt', 'confirmedAt']);
