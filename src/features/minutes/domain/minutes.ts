import type { DecisionPoll, Meeting } from '../../meetings/domain/meetings.js';

// The minutes of an exchange meeting as records: what was noted (information, decisions, action
// items with an owner and a due day) and who was there. Stored as rows with foreign keys in the
// embedded store and as MinutesItem/ActionItem nodes linked to their Meeting and owner in Neo4j.

type MinutesKind = 'INFO' | 'DECISION' | 'TASK';

export interface MinutesItem {
  id: string;
  meetingId: string;
  kind: MinutesKind;
  text: string;
  authorId: string;
  ownerId: string | null;
  /** Berlin calendar day, YYYY-MM-DD. */
  due: string | null;
  at: string;
  /** ISO time an action item was done (absent while open). */
  doneAt?: string;
  /** The meeting's district (absent in items written before it was kept). */
  districtAgs?: string;
  /** Set once the due day was changed after the meeting. */
  dueMoved?: boolean;
}

export interface Attendance {
  personId: string;
  at: string;
  /** Who marked them: themselves or the organiser. */
  by: string | null;
}

/** Open and overdue action items of one district. */
export interface ActionItemFigures {
  districtAgs: string;
  open: number;
  overdue: number;
}

export interface Protocol {
  meeting: Meeting;
  infos: MinutesItem[];
  decisions: MinutesItem[];
  tasks: MinutesItem[];
  /** Who came: marked present in the meeting, not who said they would. */
  presentIds: string[];
  /** Who said yes to the invitation (and the organiser). */
  acceptedIds: string[];
  /** Decision polls taken in the meeting, with their votes. */
  polls: DecisionPoll[];
}

/** Open and overdue action items per district (of one district, if given), by district. */
export function actionItemFigures(
  openItems: readonly MinutesItem[],
  districtAgs: string | null,
  today: string,
): ActionItemFigures[] {
  const byDistrict = new Map<string, ActionItemFigures>();
  for (const task of openItems) {
    const ags = task.districtAgs ?? null;
    if (!ags || (districtAgs !== null && ags !== districtAgs)) continue;
    const figures = byDistrict.get(ags) ?? { districtAgs: ags, open: 0, overdue: 0 };
    figures.open++;
    if (task.due && task.due < today) figures.overdue++;
    byDistrict.set(ags, figures);
  }
  return [...byDistrict.values()].sort((a, b) => a.districtAgs.localeCompare(b.districtAgs));
}
