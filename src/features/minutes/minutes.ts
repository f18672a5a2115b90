import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../services/access/domain/access.js';
import { InvalidInput, NotAllowed, NotFound } from '../../domain/errors.js';
import { DateInPast, DateUnclear, NoMeetingRunning, roomKeyOf, type Meeting } from '../meetings/domain/meetings.js';
import { closeDecisions, decisionsOf } from '../meetings/decision-records.js';
import type { MinutesLinks } from './minutes-links.js';
import { matchName } from '../../domain/names.js';
import type { Entity } from '../../domain/model.js';
import type { CoordinationStore, MeetingStore, NetworkStore } from '../../domain/ports/graph-store.port.js';
import type { HubNotice } from '../../services/chat/notifiers.js';
import type { ActionItemFigures, MinutesItem, Protocol } from './domain/minutes.js';
import type { MinutesStore } from './domain/minutes-store.port.js';
import type { PollStore } from '../meetings/domain/poll-store.port.js';
import { berlinDay, findWhen } from '../meetings/when.js';
import { cleanText } from '../../domain/text.js';
import { CLAIMS } from '../../domain/ports/state-slots.js';
import { Telling } from '../../services/chat/telling.js';
import { closedMinutes } from './domain/closed-minutes.js';
import { actionItemFigures } from './domain/minutes.js';

// Minutes of an exchange meeting: during the meeting, its people note information, decisions and
// action items (with an owner and a due date); the minutes list them with the attendees, and
// everybody sees their open action items. Notes go to the meeting running now for the speaker.

const TEXT_MAX = 1000;
/** A meeting counts as running from an hour before its start until 12 hours after. */
const EARLY_MS = 3_600_000;
const LATE_MS = 12 * 3_600_000;

/** Closed minutes and reminders are written with their claim (nothing lost between the two). */
export class Minutes extends Telling {
  constructor(
    private readonly store: NetworkStore & { readonly meetings: MeetingStore } & {
      readonly coordination: CoordinationStore;
    } & { readonly minutes: MinutesStore; readonly polls: PollStore },
    private readonly now: () => Date = () => new Date(),
    /** Addresses of the printable minutes, sent with them when closed. */
    private readonly links: MinutesLinks | null = null,
  ) {
    super(store, 'minutes', now);
  }

  /**
   * Reminds owners of open action items due today (Berlin), and once more when one is overdue;
   * each reminder once, also across instances.
   */
  async remindDueTasks(): Promise<number> {
    const today = berlinDay(this.now());
    let sent = 0;
    for (const task of await this.store.minutes.openActionItems()) {
      if (!task.due || task.due > today) continue;
      const overdue = task.due < today;
      // A due day that was moved is reminded of anew (the claim names the day).
      const claim = (overdue ? CLAIMS.taskOverdue : CLAIMS.taskReminder).key(
        task.id,
        ...(task.dueMoved ? [task.due] : []),
      );
      const notice: HubNotice = { type: 'actionItemDue', text: task.text, due: task.due, overdue };
      const notices = this.notices.entries([{ personId: task.ownerId!, notice }]);
      if (!(await this.store.coordination.claimOnce(claim, notices))) continue;
      await this.notices.deliver(notices);
      sent++;
    }
    return sent;
  }

  /**
   * The viewer's meeting running now (or the one that ended last, within 12 hours); in a
   * meeting's own room (`roomKey`), only that meeting or a date of that series.
   */
  async currentMeeting(viewer: Viewer, roomKey?: string): Promise<Meeting> {
    if (!viewer.personId)
      throw new NotAllowed('take minutes without a linked account', 'ohne verknüpftes Konto kein Protokoll führen');
    const now = this.now().getTime();
    const meetings = await this.store.meetings.meetingsOf(
      [viewer.personId],
      new Date(now - LATE_MS).toISOString(),
      new Date(now + EARLY_MS).toISOString(),
    );
    const running = meetings
      .filter(
        (m) =>
          m.state === 'SCHEDULED' && Date.parse(m.startsAt) - EARLY_MS <= now && (!roomKey || roomKeyOf(m) === roomKey),
      )
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    if (!running[0]) throw new NoMeetingRunning();
    return running[0];
  }

  async note(viewer: Viewer, kind: 'INFO' | 'DECISION', text: string, roomKey?: string): Promise<MinutesItem> {
    const meeting = await this.currentMeeting(viewer, roomKey);
    return this.save({
      meetingId: meeting.id,
      districtAgs: meeting.districtAgs,
      kind,
      text: checked(text),
      authorId: viewer.personId!,
      ownerId: null,
      due: null,
    });
  }

  /** An action item for one of the meeting's people, named forgivingly, due on a day. */
  async task(
    viewer: Viewer,
    ownerName: string,
    dueText: string,
    text: string,
    roomKey?: string,
  ): Promise<{ item: MinutesItem; ownerName: string }> {
    const meeting = await this.currentMeeting(viewer, roomKey);
    const people = (await this.store.entitiesByIds([meeting.organiserId, ...meeting.inviteeIds])).filter(
      (p) => p?.kind === 'Person',
    );
    const { match, suggestions } = matchName(ownerName, people, (p) => p!.name);
    if (!match)
      throw new NotFound(
        'Person',
        ownerName,
        suggestions.map((p) => p!.name),
      );
    const item = await this.save({
      meetingId: meeting.id,
      districtAgs: meeting.districtAgs,
      kind: 'TASK',
      text: checked(text),
      authorId: viewer.personId!,
      ownerId: match.id,
      due: this.dueDay(dueText),
    });
    return { item, ownerName: match.name };
  }

  /** The minutes of the running meeting, or (with `title`) of one of the viewer's meetings of the past year. */
  async protocol(viewer: Viewer, roomKey?: string, title?: string): Promise<Protocol> {
    const meeting = title ? await this.pastMeeting(viewer, title) : await this.currentMeeting(viewer, roomKey);
    return this.of(meeting);
  }

  /**
   * The organiser closes the running meeting's minutes: they go to the organiser and every
   * invitee, once. Answers how many people they went to (0 when they had gone already).
   */
  async close(viewer: Viewer, roomKey?: string): Promise<{ meeting: Meeting; sentTo: number }> {
    const meeting = await this.currentMeeting(viewer, roomKey);
    if (viewer.personId !== meeting.organiserId)
      throw new NotAllowed(
        'close the minutes (the organiser does)',
        'das Protokoll nicht abschließen (das tut, wer eingeladen hat)',
      );
    // Votes still open end with the minutes (again harmless when they were sent already).
    await closeDecisions(this.store, meeting.id, this.now().toISOString());
    const protocol = await this.of(meeting);
    const people = await this.namesIn(protocol);
    const recipients = [meeting.organiserId, ...meeting.inviteeIds];
    const notices = this.notices.entries(
      recipients.map((personId) => ({
        personId,
        notice: {
          type: 'minutesClosed' as const,
          minutes: closedMinutes(protocol, people, this.links?.url(meeting.id, personId) ?? null),
        },
      })),
    );
    if (!(await this.store.coordination.claimOnce(CLAIMS.minutesClosed.key(meeting.id), notices)))
      return { meeting, sentTo: 0 };
    await this.notices.deliver(notices);
    return { meeting, sentTo: recipients.length };
  }

  /** The reader's own link to the printable minutes, where the hub has a public address. */
  printLink(meetingId: string, personId: string | null): string | null {
    return personId && this.links ? this.links.url(meetingId, personId) : null;
  }

  /** The minutes behind a printable link, for the meeting's person it was sent to. */
  async printable(meetingId: string, token: string): Promise<{ protocol: Protocol; names: Map<string, string> }> {
    if (!this.links) throw new NotFound('Meeting', meetingId);
    const personId = this.links.reader(meetingId, token);
    const meeting = await this.store.meetings.meetingById(meetingId);
    if (!meeting || ![meeting.organiserId, ...meeting.inviteeIds].includes(personId))
      throw new NotFound('Meeting', meetingId);
    const protocol = await this.of(meeting);
    return { protocol, names: await this.namesIn(protocol) };
  }

  /** Names of the people the minutes mention (present, accepted, owners, the organiser). */
  private async namesIn(protocol: Protocol): Promise<Map<string, string>> {
    const ids = [
      protocol.meeting.organiserId,
      ...protocol.presentIds,
      ...protocol.acceptedIds,
      ...protocol.tasks.map((t) => t.ownerId!),
    ];
    return new Map(
      (await this.store.entitiesByIds([...new Set(ids)])).filter((e) => e !== null).map((e) => [e!.id, e!.name]),
    );
  }

  /** The minutes of a meeting the caller may already see (GraphQL `Meeting.minutes`). */
  async of(meeting: Meeting): Promise<Protocol> {
    const [items, attendance, polls] = await Promise.all([
      this.store.minutes.minutesItemsOf(meeting.id),
      this.store.minutes.attendanceOf(meeting.id),
      decisionsOf(this.store, meeting.id),
    ]);
    const all = items;
    return {
      meeting,
      infos: all.filter((i) => i.kind === 'INFO'),
      decisions: all.filter((i) => i.kind === 'DECISION'),
      tasks: all.filter((i) => i.kind === 'TASK'),
      presentIds: attendance.map((a) => a.personId),
      acceptedIds: [meeting.organiserId, ...meeting.inviteeIds.filter((id) => meeting.rsvps[id] === 'YES')],
      polls,
    };
  }

  /** Someone's role ended: their open action items belong to whoever takes over. Returns them. */
  async handOver(fromId: string, toId: string, only?: ReadonlySet<string>): Promise<MinutesItem[]> {
    const moved = (await this.store.minutes.openActionItems(fromId))
      .filter((task) => !only || only.has(task.id))
      .map((task) => ({ ...task, ownerId: toId }));
    await this.store.minutes.saveMinutesItems(moved);
    return moved;
  }

  /** The viewer's action items, soonest due first. */
  async openTasks(viewer: Viewer): Promise<MinutesItem[]> {
    if (!viewer.personId)
      throw new NotAllowed('see action items without a linked account', 'ohne verknüpftes Konto keine Aufgaben sehen');
    return this.store.minutes.openActionItems(viewer.personId);
  }

  /** One of the viewer's meetings of the past year that has begun, by its title (forgiving; the latest of equal ones). */
  private async pastMeeting(viewer: Viewer, title: string): Promise<Meeting> {
    if (!viewer.personId)
      throw new NotAllowed('read minutes without a linked account', 'ohne verknüpftes Konto kein Protokoll lesen');
    const now = this.now().getTime();
    const meetings = (
      await this.store.meetings.meetingsOf(
        [viewer.personId],
        new Date(now - 365 * 86_400_000).toISOString(),
        new Date(now + EARLY_MS).toISOString(),
      )
    )
      .filter((m) => m.state === 'SCHEDULED' && Date.parse(m.startsAt) - EARLY_MS <= now)
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    const latestByTitle = [...new Map(meetings.reverse().map((m) => [m.title, m])).values()];
    const { match, suggestions } = matchName(checked(title), latestByTitle, (m) => m.title);
    if (!match)
      throw new NotFound(
        'Meeting',
        title,
        suggestions.map((m) => m.title),
      );
    return match;
  }

  /**
   * Takes attendance in the running meeting: the speaker is present, or (the organiser only) the
   * named people are. Answers the meeting and who was marked.
   */
  async markPresent(
    viewer: Viewer,
    names: readonly string[],
    roomKey?: string,
  ): Promise<{ meeting: Meeting; marked: { id: string; name: string }[] }> {
    const meeting = await this.currentMeeting(viewer, roomKey);
    const people = (await this.store.entitiesByIds([meeting.organiserId, ...meeting.inviteeIds])).filter(
      (p): p is Entity => p?.kind === 'Person',
    );
    let marked: Entity[];
    if (names.length === 0) marked = people.filter((p) => p.id === viewer.personId);
    else {
      if (viewer.personId !== meeting.organiserId)
        throw new NotAllowed(
          'mark others present (the organiser takes attendance)',
          'andere nicht als anwesend eintragen (das tut, wer eingeladen hat)',
        );
      marked = names.map((name) => {
        const { match, suggestions } = matchName(name, people, (p) => p.name);
        if (!match)
          throw new NotFound(
            'Person',
            name,
            suggestions.map((p) => p.name),
          );
        return match;
      });
    }
    const at = this.now().toISOString();
    await this.store.minutes.markPresent(
      meeting.id,
      marked.map((person) => ({ personId: person.id, at, by: viewer.personId })),
    );
    return { meeting, marked: marked.map((p) => ({ id: p.id, name: p.name })) };
  }

  /** Open and overdue action items per district (of one district, if given), by district. */
  async figures(districtAgs: string | null): Promise<ActionItemFigures[]> {
    return actionItemFigures(await this.store.minutes.openActionItems(), districtAgs, berlinDay(this.now()));
  }

  /** Marks the viewer's open action item number `position` (as `openTasks` lists them, from 1) as done. */
  async completeTask(viewer: Viewer, position: number): Promise<MinutesItem> {
    const task = await this.ownTask(viewer, position);
    const done: MinutesItem = { ...task, doneAt: this.now().toISOString() };
    await this.store.minutes.saveMinutesItems([done]);
    return done;
  }

  /** Gives the viewer's open action item to another of the meeting's people, who is told. */
  async reassignTask(
    viewer: Viewer,
    position: number,
    ownerName: string,
  ): Promise<{ item: MinutesItem; ownerName: string }> {
    const task = await this.ownTask(viewer, position);
    const meeting = await this.store.meetings.meetingById(task.meetingId);
    const people = meeting
      ? (await this.store.entitiesByIds([meeting.organiserId, ...meeting.inviteeIds])).filter(
          (p): p is Entity => p?.kind === 'Person',
        )
      : [];
    const { match, suggestions } = matchName(ownerName, people, (p) => p.name);
    if (!match)
      throw new NotFound(
        'Person',
        ownerName,
        suggestions.map((p) => p.name),
      );
    const moved: MinutesItem = { ...task, ownerId: match.id };
    await this.store.minutes.saveMinutesItems([moved]);
    await this.notifiers.tell([match.id], {
      type: 'actionItemHandedOver',
      meetingTitle: meeting?.title ?? '',
      text: moved.text,
      due: moved.due,
    });
    return { item: moved, ownerName: match.name };
  }

  /** Moves the due day of the viewer's open action item (today or later); its reminders follow. */
  async moveTaskDue(viewer: Viewer, position: number, dueText: string): Promise<MinutesItem> {
    const task = await this.ownTask(viewer, position);
    const moved: MinutesItem = { ...task, due: this.dueDay(dueText), dueMoved: true };
    await this.store.minutes.saveMinutesItems([moved]);
    return moved;
  }

  /** The viewer's open action item number `position` (as `openTasks` lists them, from 1). */
  private async ownTask(viewer: Viewer, position: number): Promise<MinutesItem> {
    const open = await this.openTasks(viewer);
    const task = open[position - 1];
    if (!Number.isInteger(position) || !task)
      throw new InvalidInput(
        'number',
        open.length ? `is not one of your open action items (1 to ${open.length})` : 'you have no open action items',
        {
          field: 'Nr.',
          problem: open.length
            ? `ist keine Ihrer offenen Aufgaben (1 bis ${open.length})`
            : 'passt zu keiner Aufgabe: Sie haben keine offenen',
        },
      );
    return task;
  }

  private async save(fields: Omit<MinutesItem, 'id' | 'at'>): Promise<MinutesItem> {
    const item: MinutesItem = { ...fields, id: `minutes:${randomUUID().slice(0, 8)}`, at: this.now().toISOString() };
    await this.store.minutes.saveMinutesItems([item]);
    return item;
  }

  private dueDay(text: string): string {
    const found = findWhen(text, this.now());
    if (!found?.covers)
      throw new DateUnclear(text, {
        en: 'Due when? Try "15.12." or "next Friday".',
        de: 'Bis wann? Etwa „15.12.“ oder „nächsten Freitag“.',
      });
    const day = berlinDay(found.at);
    if (day < berlinDay(this.now())) throw new DateInPast(day, day);
    return day;
  }
}

function checked(text: string): string {
  return cleanText(text, { field: 'text', fieldDe: 'Text', max: TEXT_MAX, multiline: true });
}
