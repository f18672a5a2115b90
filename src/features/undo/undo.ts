import type { Language } from '../../domain/errors.js';
import { NotAllowed } from '../../domain/errors.js';
import type { Entity, Link, RoleAssignment } from '../../domain/model.js';
import type { NetworkLifecycleStore, NetworkStore, NetworkWriteStore } from '../../domain/ports/graph-store.port.js';
import { ROLE_LABEL } from '../../domain/role-labels.js';
import type { AuditEntry, Viewer } from '../../services/access/domain/access.js';
import type { NetworkReviser } from '../../services/lifecycle/network-reviser.js';
import { berlinDay } from '../meetings/when.js';
import type { HandedOverWork } from '../../services/lifecycle/domain/lifecycle-notices.js';
import { idsOfUndo, revisionUndoing, type UndoRecord } from './domain/undo-record.js';
import { UndoNotPossible } from './domain/undo-errors.js';

// Taking a change back (issue 34): `!rückgängig` and `undoChange(id)` revert a change of the
// network made within HUB_UNDO_HOURS as a new revision of its own, checked and authorised like
// any other; the history keeps both. Each person takes back their own changes (admins any).

export interface UndoableChange {
  id: string;
  at: string;
  action: string;
  /** What the change did, in words: "Rolle beendet". */
  label: Record<Language, string>;
}

export interface UndoOutcome {
  change: UndoableChange;
  /** What taking it back does (or did), in words. */
  summary: Record<Language, string>;
  done: boolean;
}

const ACTION_LABEL: Record<string, Record<Language, string>> = {
  endRole: { de: 'Rolle beendet', en: 'role ended' },
  endLink: { de: 'Verbindung beendet', en: 'link ended' },
  endRecord: { de: 'Eintrag beendet', en: 'entry ended' },
  deleteRecord: { de: 'Eintrag gelöscht', en: 'entry deleted' },
  mergeMunicipalities: { de: 'Gemeinden zusammengeführt', en: 'municipalities merged' },
  mergeRecords: { de: 'Einträge zusammengeführt', en: 'entries merged' },
};
const CHANGED = { de: 'Eintrag geändert', en: 'entry changed' };

type Store = NetworkStore & { readonly writes: NetworkWriteStore } & { readonly lifecycle: NetworkLifecycleStore };

export class ChangeUndo {
  constructor(
    private readonly store: Store,
    private readonly reviser: NetworkReviser,
    private readonly settings: { undoHours: number },
    private readonly now: () => Date = () => new Date(),
    /** Routes the work handed over with role ends back (Handover.routeBack). */
    private readonly routeBack?: (
      roleIds: readonly string[],
      since: string,
      dryRun: boolean,
    ) => Promise<HandedOverWork>,
  ) {}

  /** The caller's own changes they may still take back, newest first. */
  async undoable(viewer: Viewer): Promise<UndoableChange[]> {
    if (!viewer.personId) return [];
    const since = new Date(this.now().getTime() - this.settings.undoHours * 3_600_000).toISOString();
    const entries = (await this.store.writes.auditByActor(viewer.personId, since, 50)).filter((e) => e.details.undo);
    const undone = await Promise.all(entries.map((e) => this.isUndone(e.id)));
    return entries.filter((_, i) => !undone[i]).map(describe);
  }

  /** Takes a change back (or, with dryRun, says what that would do and changes nothing). */
  async undo(id: string, viewer: Viewer, options: { dryRun?: boolean } = {}): Promise<UndoOutcome> {
    const entry = await this.store.writes.auditEntry(id);
    if (!entry) throw new UndoNotPossible('unknown');
    if (viewer.access !== 'ADMIN' && (!viewer.personId || entry.actorId !== viewer.personId)) {
      if (!viewer.personId) throw new NotAllowed('undo changes', 'keine Änderungen zurücknehmen');
      throw new UndoNotPossible('notYours');
    }
    const record = entry.details.undo as UndoRecord | undefined;
    if (!record) throw new UndoNotPossible('notUndoable');
    if (Date.parse(entry.at) < this.now().getTime() - this.settings.undoHours * 3_600_000)
      throw new UndoNotPossible('tooOld');
    if (await this.isUndone(id)) throw new UndoNotPossible('undone');
    const ids = idsOfUndo(record);
    const [entities, roles, links] = await Promise.all([
      this.store.entitiesByIds(ids.entityIds),
      this.store.lifecycle.rolesByIds(ids.roleIds),
      this.store.lifecycle.linksByIds(ids.linkIds),
    ]);
    const byId = <T extends { id: string }>(items: (T | null)[]) =>
      new Map(items.filter((i): i is T => i !== null).map((i) => [i.id, i]));
    const state = {
      entities: byId<Entity>(entities),
      roles: byId<RoleAssignment>(roles),
      links: byId<Link>(links),
    };
    const revision = revisionUndoing(record, state, viewer.personId, this.now(), berlinDay(this.now()));
    await this.reviser.revise(
      revision,
      viewer,
      'undoChange',
      { undoes: entry.id, action: entry.action },
      [entry.id, ...entry.subjectIds],
      undefined,
      options.dryRun,
    );
    const work =
      this.routeBack && record.reopenRoles.length
        ? await this.routeBack(record.reopenRoles, entry.at, options.dryRun ?? false)
        : null;
    const summary = summaryOf(record, state);
    if (work && work.requests + work.meetings + work.tasks > 0) {
      summary.de += `; die übergebene Arbeit geht zurück: ${work.requests} Anfrage(n), ${work.meetings} Treffen, ${work.tasks} Aufgabe(n)`;
      summary.en += `; the handed-over work goes back: ${work.requests} request(s), ${work.meetings} meeting(s), ${work.tasks} task(s)`;
    }
    return { change: describe(entry), summary, done: !options.dryRun };
  }

  private async isUndone(id: string): Promise<boolean> {
    return (await this.store.writes.auditOf(id, 10)).some((e) => e.action === 'undoChange');
  }
}

function describe(entry: AuditEntry): UndoableChange {
  return {
    id: entry.id,
    at: entry.at,
    action: entry.action,
    label: ACTION_LABEL[entry.action] ?? CHANGED,
  };
}

/** What taking a change back does, by the names of the records and the labels of the roles. */
function summaryOf(
  record: UndoRecord,
  state: { entities: ReadonlyMap<string, Entity>; roles: ReadonlyMap<string, RoleAssignment> },
): Record<Language, string> {
  const names = (ids: string[]) =>
    ids
      .map((id) => state.entities.get(id)?.name)
      .filter(Boolean)
      .join(', ');
  const roles = (ids: string[], l: Language) =>
    ids
      .map((id) => state.roles.get(id))
      .filter((r): r is RoleAssignment => r !== undefined)
      .map((r) => ROLE_LABEL[r.role][l])
      .join(', ');
  const parts = (l: Language) => {
    const de = l === 'de';
    return [
      record.restore.length &&
        `${de ? 'wieder wie vorher' : 'back as before'}: ${names(record.restore.map((e) => e.id))}`,
      record.readd.length && `${de ? 'wieder da' : 'back again'}: ${record.readd.map((e) => e.name).join(', ')}`,
      record.endRecords.length && `${de ? 'endet wieder' : 'ends again'}: ${names(record.endRecords)}`,
      record.reopenRoles.length && `${de ? 'Rolle gilt wieder' : 'role holds again'}: ${roles(record.reopenRoles, l)}`,
      record.endRoles.length &&
        `${de ? 'hinzugefügte Rolle entfällt' : 'added role is dropped'}: ${roles(record.endRoles, l)}`,
      record.reopenLinks.length &&
        (de
          ? `${record.reopenLinks.length} Verbindung(en) gelten wieder`
          : `${record.reopenLinks.length} link(s) hold again`),
      record.endLinks.length &&
        (de
          ? `${record.endLinks.length} hinzugefügte Verbindung(en) entfallen`
          : `${record.endLinks.length} added link(s) are dropped`),
    ]
      .filter((p): p is string => typeof p === 'string' && p.length > 0)
      .join('; ');
  };
  return { de: parts('de'), en: parts('en') };
}
