import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../services/access/domain/access.js';
import { InvalidInput, NotAllowed, NotFound } from '../../domain/errors.js';
import {
  MEETING_PLACE,
  MEETING_TITLE,
  type DatePoll,
  NotASeries,
  NotInvited,
  NoVideoService,
  organisingRole,
  type Meeting,
  type RsvpAnswer,
} from './domain/meetings.js';
import type { CoordinationStore, MeetingStore, NetworkStore } from '../../domain/ports/graph-store.port.js';
import { checkConcerns } from './meeting-concerns.js';
import { sendDueReminders } from './reminders.js';
import { resolveInvitees } from './invitees.js';
import type { NameIndex } from '../../services/reads/name-index.js';
import type { NetworkEvents } from '../../services/reads/network-events.js';
import { MeetingSeries, seriesOccurrences, type ChangeScope } from './meeting-series.js';
import type { HubNotice } from '../../services/chat/notifiers.js';
import type { InvitationNotifier } from './invitation-notifier.js';
import type { MeetingRequest, PlannerOptions } from './meeting-request.js';
import { PendingNotices, type Notice } from '../../services/chat/pending-notices.js';
import { parseRecurrence } from './recurrence.js';
import { invitedMeeting } from './domain/meeting-notices.js';
import { parseWhen } from './when.js';
import { cleanText } from '../../domain/text.js';
import { Telling } from '../../services/chat/telling.js';

// Exchange meetings: a KIK or Koordinationskraft invites the coordination of municipalities of
// their district. Conflicts with invitees' other meetings and public holidays are reported
// before anything is saved; the organiser may then confirm.

export type { MeetingRequest, PlannerOptions } from './meeting-request.js';
export type { InvitationNotifier } from './invitation-notifier.js';

const AGENDA_MAX = 2000;

/** Reminders go out this many hours before a meeting, unless configured otherwise. */
const REMINDER_HOURS = [24, 1];

/** Invitations and changes are written with the meeting (nothing lost between the two). */
export class MeetingPlanner extends Telling<InvitationNotifier> {
  private readonly series: MeetingSeries;
  /** Meetings just saved, so handing on their notices reads nothing again. */
  private readonly justSaved = new Map<string, Meeting>();

  constructor(
    private readonly store: NetworkStore & { readonly meetings: MeetingStore } & {
      readonly coordination: CoordinationStore;
    },
    private readonly names: NameIndex,
    private readonly events?: NetworkEvents,
    private readonly now: () => Date = () => new Date(),
    private readonly options: PlannerOptions = {},
  ) {
    super(store, 'meetings', now, (notice, deliveryKey) => this.handOn(notice, deliveryKey));
    this.series = new MeetingSeries(store, now, (meetings, told, message) => this.saveAndTell(told, message, meetings));
  }

  /** The district a KIK or Koordinationskraft organises meetings in; others may not. */
  async organisingDistrict(viewer: Viewer): Promise<string> {
    const organiser = viewer.personId;
    const [roles] = organiser ? await this.store.rolesOfPersons([organiser]) : [[]];
    const organising = organisingRole(roles ?? [], viewer.roles);
    if (!organiser || !organising)
      throw new NotAllowed(
        'schedule exchange meetings (KIK and Koordinationskräfte do)',
        'keine Erfahrungsaustausche anlegen (das tun KIK und Koordinationskräfte)',
      );
    return organising.scopeId!.slice('district:'.length);
  }

  /** Schedules a meeting, or a series when `when` names a recurrence; returns the (first) meeting. */
  async schedule(input: MeetingRequest, viewer: Viewer): Promise<Meeting> {
    const districtAgs = await this.organisingDistrict(viewer);
    const organiser = viewer.personId!;
    const title = cleanText(input.title, MEETING_TITLE);
    const duration = input.durationMinutes ?? 90;
    if (duration < 15 || duration > 12 * 60)
      throw new InvalidInput('durationMinutes', 'must be between 15 and 720', {
        field: 'Dauer',
        problem: 'zwischen 15 und 720 Minuten',
      });
    const recurrence = input.startsAt ? null : parseRecurrence(input.when, this.now());
    const startsAt = input.startsAt ?? recurrence?.first ?? parseWhen(input.when, this.now());
    const agenda = input.agenda === undefined ? undefined : checkedAgenda(input.agenda);
    const place = input.place?.trim() ? cleanText(input.place, MEETING_PLACE) : undefined;
    if (input.online && !this.options.videoBaseUrl) throw new NoVideoService();
    const { municipalityIds, inviteeIds } = await this.resolveInvitees(
      input.invite,
      districtAgs,
      organiser,
      input.includeAlliances ?? false,
    );

    const meeting: Meeting = {
      id: `meeting:${randomUUID().slice(0, 8)}`,
      organiserId: organiser,
      districtAgs,
      title,
      startsAt: startsAt.toISOString(),
      durationMinutes: duration,
      municipalityIds,
      inviteeIds,
      rsvps: {},
      state: 'SCHEDULED',
      createdAt: this.now().toISOString(),
      version: 1,
      ...(agenda ? { agenda } : {}),
      ...(place ? { place } : {}),
      ...(input.online ? { videoUrl: this.videoRoom(districtAgs) } : {}),
    };
    const meetings = recurrence ? seriesOccurrences(meeting, recurrence, this.now()) : [meeting];
    if (!input.confirmed) await this.checkConcerns(meetings);
    const first = meetings[0]!;
    const invitation: HubNotice = { type: 'meetingInvitation', meeting: invitedMeeting(first) };
    const notices = this.notices.entries(
      first.inviteeIds.map((personId) => ({
        personId,
        notice: invitation,
        meeting: { id: first.id, as: 'invitation' as const },
      })),
    );
    await this.store.meetings.saveMeetings(meetings, notices);
    await this.deliverFor(first, notices);
    this.events?.publish({
      action: 'meetingScheduled',
      subjectIds: [...meetings.map((m) => m.id), ...municipalityIds, ...inviteeIds],
      at: first.createdAt,
      touched: { entityIds: [], meetingIds: meetings.map((m) => m.id) },
    });
    await this.changed(first);
    return first;
  }

  /** Sets the agenda of a meeting, or of this and the following dates of its series. */
  async setAgenda(id: string, agenda: string, viewer: Viewer, scope: ChangeScope = 'THIS'): Promise<Meeting> {
    const meeting = await this.organised(id, viewer);
    const text = checkedAgenda(agenda);
    const targets =
      scope === 'FOLLOWING'
        ? (await this.occurrences(this.ofSeries(meeting))).filter((m) => m.startsAt >= meeting.startsAt)
        : [meeting];
    const next = targets.map((m) => ({ ...m, agenda: text, version: m.version + 1 }));
    if (!(await this.store.meetings.saveMeetings(next))) return this.setAgenda(id, agenda, viewer, scope);
    const updated = next.find((m) => m.id === id)!;
    await this.changed(updated);
    return updated;
  }

  /** The occurrences of the meeting's series (just the meeting when it is none). */
  async occurrences(meeting: Meeting): Promise<Meeting[]> {
    return meeting.series ? this.store.meetings.meetingsOfSeries([meeting.series.id]) : [meeting];
  }

  /** Adds the next occurrences of running series (daily). */
  extendSeries(): Promise<number> {
    return this.series.extend();
  }

  async rsvp(id: string, answer: RsvpAnswer, viewer: Viewer, scope: ChangeScope = 'THIS'): Promise<Meeting> {
    const meeting = await this.store.meetings.meetingById(id);
    if (!meeting) throw new NotFound('Meeting', id);
    if (!viewer.personId || !meeting.inviteeIds.includes(viewer.personId)) throw new NotInvited(meeting.title);
    if (scope === 'FOLLOWING' && meeting.series) return this.series.rsvpAll(meeting, answer, viewer);
    const next: Meeting = {
      ...meeting,
      rsvps: { ...meeting.rsvps, [viewer.personId]: answer },
      version: meeting.version + 1,
    };
    if (!(await this.store.meetings.saveMeeting(next))) return this.rsvp(id, answer, viewer);
    return next;
  }

  /** Moves a meeting to another time; everyone invited is told, answers start afresh. */
  async reschedule(id: string, when: string, viewer: Viewer, scope: ChangeScope = 'THIS'): Promise<Meeting> {
    const meeting = await this.organised(id, viewer);
    if (scope === 'FOLLOWING') return this.series.rescheduleFollowing(this.ofSeries(meeting), when);
    const startsAt = parseWhen(when, this.now()).toISOString();
    const next: Meeting = { ...meeting, startsAt, rsvps: {}, version: meeting.version + 1 };
    const saved = await this.saveAndTell(next, {
      type: 'meetingRescheduled',
      meetingId: id,
      title: meeting.title,
      startsAt,
    });
    return saved ? next : this.reschedule(id, when, viewer);
  }

  async cancel(
    id: string,
    viewer: Viewer,
    scope: ChangeScope = 'THIS',
    /** Checks everything and answers the meeting as it is, changing nothing and telling nobody (a preview). */
    options: { dryRun?: boolean } = {},
  ): Promise<Meeting> {
    const meeting = await this.organised(id, viewer);
    if (scope === 'FOLLOWING') this.ofSeries(meeting);
    if (options.dryRun) return meeting;
    if (scope === 'FOLLOWING') return this.series.cancelFollowing(this.ofSeries(meeting));
    const next: Meeting = { ...meeting, state: 'CANCELLED', version: meeting.version + 1 };
    const saved = await this.saveAndTell(next, {
      type: 'meetingCancelled',
      title: meeting.title,
      startsAt: meeting.startsAt,
    });
    return saved ? next : this.cancel(id, viewer);
  }

  private ofSeries(meeting: Meeting): Meeting {
    if (!meeting.series) throw new NotASeries(meeting.title);
    return meeting;
  }

  private async organised(id: string, viewer: Viewer): Promise<Meeting> {
    const meeting = await this.store.meetings.meetingById(id);
    if (!meeting) throw new NotFound('Meeting', id);
    if (meeting.organiserId !== viewer.personId)
      throw new NotAllowed(
        'change a meeting someone else organises',
        'kein Treffen ändern, das jemand anderes organisiert',
      );
    if (meeting.state === 'CANCELLED')
      throw new InvalidInput('id', 'the meeting is cancelled', { field: 'Treffen', problem: 'ist abgesagt' });
    return meeting;
  }

  /**
   * The coming meetings someone organised go to whoever takes over their role: the successor
   * organises them (and moderates their chat rooms), the invitees are told. Returns them.
   */
  async handOver(fromId: string, toId: string, successorName: string, only?: ReadonlySet<string>): Promise<Meeting[]> {
    const coming = (
      await this.store.meetings.meetingsOf([fromId], this.now().toISOString(), '9999-12-31T00:00:00.000Z')
    ).filter((m) => m.organiserId === fromId && m.state === 'SCHEDULED' && (!only || only.has(m.id)));
    const moved = coming.map((m) => ({
      ...m,
      organiserId: toId,
      inviteeIds: m.inviteeIds.filter((id) => id !== toId && id !== fromId),
      version: m.version + 1,
    }));
    if (moved.length === 0 || !(await this.store.meetings.saveMeetings(moved))) return [];
    for (const meeting of moved) {
      await this.notifiers.tell(meeting.inviteeIds, {
        type: 'meetingHandedOver',
        title: meeting.title,
        organiserName: successorName,
      });
      await this.changed(meeting);
    }
    this.events?.publish({
      action: 'meetingsHandedOver',
      subjectIds: [fromId, toId, ...moved.map((m) => m.id)],
      at: this.now().toISOString(),
      touched: { entityIds: [], meetingIds: moved.map((m) => m.id) },
    });
    return moved;
  }

  /** A date poll to each invitee: as a native poll where the chat has one, as the message otherwise. */
  async offerDates(poll: DatePoll): Promise<void> {
    const notice: HubNotice = { type: 'datesOffered', pollId: poll.id, title: poll.title, slots: poll.slots };
    await Promise.all(
      poll.inviteeIds.flatMap((id) =>
        this.notifiers.all.map((n) =>
          (n.offerDates ? n.offerDates(id, poll, notice) : n.notify(id, notice, 'meetings')).catch(() => undefined),
        ),
      ),
    );
  }

  async closeDatePoll(poll: DatePoll, meeting: Meeting): Promise<void> {
    await Promise.all(this.notifiers.all.map((n) => n.datesFixed?.(poll, meeting).catch(() => undefined)));
  }

  /** A message to each of these people on every chat the hub runs. */
  async tell(personIds: string[], notice: HubNotice): Promise<void> {
    await this.notifiers.tell(personIds, notice);
  }

  /**
   * Saves a changed meeting (with `others` changed alongside, e.g. the dates of its series) and
   * the notices to its invitees in one transaction, then tells them.
   */
  private async saveAndTell(
    meeting: Meeting,
    notice: HubNotice,
    others: readonly Meeting[] = [meeting],
  ): Promise<boolean> {
    const notices = this.notices.entries(
      meeting.inviteeIds.map((personId) => ({ personId, notice, meeting: { id: meeting.id, as: 'update' as const } })),
    );
    if (!(await this.store.meetings.saveMeetings(others, notices))) return false;
    await this.deliverFor(meeting, notices);
    await this.changed(meeting);
    this.events?.publish({
      action: 'meetingChanged',
      subjectIds: [meeting.id, ...meeting.inviteeIds],
      at: this.now().toISOString(),
      touched: { entityIds: [], meetingIds: [meeting.id] },
    });
    return true;
  }

  private async deliverFor(meeting: Meeting, notices: Parameters<PendingNotices['deliver']>[0]): Promise<void> {
    this.justSaved.set(meeting.id, meeting);
    try {
      await this.notices.deliver(notices);
    } finally {
      this.justSaved.delete(meeting.id);
    }
  }

  /** One notice to every transport: invitations and changes with the meeting as it is now. */
  private async handOn(notice: Notice, deliveryKey: string): Promise<void> {
    const id = notice.meeting?.id;
    const meeting = id ? (this.justSaved.get(id) ?? (await this.store.meetings.meetingById(id))) : null;
    if (meeting && notice.meeting?.as === 'invitation') return this.invite(notice.personId, meeting, notice.notice);
    if (meeting)
      return void (await Promise.all(
        this.notifiers.all.map((n) =>
          (n.meetingUpdated
            ? n.meetingUpdated(notice.personId, meeting, notice.notice)
            : n.notify(notice.personId, notice.notice, 'meetings', `${deliveryKey}/${notice.personId}`)
          ).catch(() => undefined),
        ),
      ));
    await this.notifiers.tell([notice.personId], notice.notice, deliveryKey);
  }

  /** Lets the chat rooms of meetings show the current state; a failing transport keeps no one else from it. */
  private async changed(meeting: Meeting): Promise<void> {
    await Promise.all(this.notifiers.all.map((n) => n.meetingChanged?.(meeting).catch(() => undefined)));
  }

  /** A fresh, unguessable room of the video service. */
  private videoRoom(districtAgs: string): string {
    return `${this.options.videoBaseUrl!.replace(/\/?$/, '/')}Integration-${districtAgs}-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  }

  /** Meetings I organise or am invited to, from now on. */
  async upcoming(viewer: Viewer): Promise<Meeting[]> {
    if (!viewer.personId)
      throw new NotAllowed('see meetings without a linked account', 'Treffen nur mit verknüpftem Konto sehen');
    const from = this.now().toISOString();
    return this.store.meetings.meetingsOf([viewer.personId], from, '9999-12-31T00:00:00.000Z');
  }

  /**
   * Sends the reminders that are due: for each meeting and each lead time, once, across restarts
   * and instances (see reminders.ts).
   */
  sendDueReminders(): Promise<number> {
    return sendDueReminders({
      store: this.store,
      notices: this.notices,
      leadTimes: this.options.reminderHours ?? REMINDER_HOURS,
      now: this.now(),
    });
  }

  byId(id: string): Promise<Meeting | null> {
    return this.store.meetings.meetingById(id);
  }

  /** Public holidays and clashes with the people's other meetings, for one meeting or all of a series. */
  private checkConcerns(meetings: Meeting[]): Promise<void> {
    return checkConcerns(this.store, meetings);
  }

  /** The people serving or representing the named towns of the district, and named people. */
  resolveInvitees(
    words: string[],
    districtAgs: string,
    organiser: string,
    includeAlliances: boolean,
  ): Promise<{ municipalityIds: string[]; inviteeIds: string[] }> {
    return resolveInvitees(this.store, this.names, { words, districtAgs, organiser, includeAlliances });
  }

  private async invite(personId: string, meeting: Meeting, notice: HubNotice): Promise<void> {
    await Promise.all(
      this.notifiers.all.map((n) =>
        (n.invite ? n.invite(personId, meeting, notice) : n.notify(personId, notice, 'meetings')).catch(
          () => undefined,
        ),
      ),
    );
  }
}

function checkedAgenda(text: string): string {
  return cleanText(text, { field: 'agenda', fieldDe: 'Tagesordnung', max: AGENDA_MAX, min: 0, multiline: true });
}
