import { createHash } from 'node:crypto';
import type { MatrixClient } from '@vector-im/matrix-bot-sdk';
import type { Language } from '../../src/domain/errors.js';
import { roomKeyOf, type Meeting } from '../../src/features/meetings/domain/meetings.js';
import type { CoordinationStore, MeetingStore, NetworkStore } from '../../src/domain/ports/graph-store.port.js';
import type { ChatIdentities } from '../../src/services/chat/chat-identities.js';
import { meetingDetails } from '../core/meeting-lines.js';
import { describeRule } from '../../src/features/meetings/recurrence.js';
import { formatWhen } from '../../src/features/meetings/when.js';
import { reply, type Reply } from '../core/reply.js';
import { toPlainText } from '../core/render.js';
import { editOf, roomNotice } from './matrix-content.js';
import { MATRIX_STATE } from './matrix-state.js';

// Each meeting, or each series, gets a room on Matrix: its people invited, date, agenda and video
// link in the room's topic and in a pinned message, which is edited whenever the meeting changes.
// Minutes taken in the room (!info, !beschluss, !aufgabe, !protokoll) go to its meeting. The room
// is a group room, so it shows towns, dates and links, never anyone's contact details.

interface RoomRecord {
  roomId: string;
  pinnedEventId: string;
  invited: string[];
  shown: string;
  /** The parts of a series the room has seen (a "this and the following" change starts a new one). */
  seriesIds?: string[];
  /** Accounts given the moderator's power: the organiser's, and a successor's after a handover. */
  moderators?: string[];
}

const recordKey = (key: string) => MATRIX_STATE.meetingRoom.key(key);
/** The state key of an online meeting's video widget in its room. */
const VIDEO_WIDGET_ID = 'integration-hub-video';
const roomOfKey = (roomId: string) => MATRIX_STATE.roomMeeting.key(roomId);

export type Send = (roomId: string, key: string, content: Record<string, unknown>) => Promise<string>;

export class MeetingRooms {
  /** One update at a time per room, so a quick change cannot race the room's creation. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly keyByRoom = new Map<string, string | null>();

  constructor(
    private readonly client: () => MatrixClient | null,
    private readonly identities: ChatIdentities,
    private readonly store: NetworkStore & { readonly meetings: MeetingStore } & {
      readonly coordination: CoordinationStore;
    },
    private readonly send: Send,
    /** Meeting rooms are end-to-end encrypted (MATRIX_ENCRYPT_MEETING_ROOMS, on by default). */
    private readonly encrypted = true,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The meeting room a Matrix room is, if it is one: the key minutes are taken under. */
  /** Which meeting a room is for (null: none). Kept once read: only this bot, holding the lease, makes meeting rooms. */
  async keyOfRoom(roomId: string): Promise<string | null> {
    const known = this.keyByRoom.get(roomId);
    if (known !== undefined) return known;
    const key = (await this.store.coordination.getState<{ key: string }>(roomOfKey(roomId)))?.key ?? null;
    this.keyByRoom.set(roomId, key);
    return key;
  }

  async roomOf(meeting: Meeting): Promise<string | null> {
    return (await this.store.coordination.getState<RoomRecord>(recordKey(roomKeyOf(meeting))))?.roomId ?? null;
  }

  update(meeting: Meeting): Promise<void> {
    const key = roomKeyOf(meeting);
    const next = (this.queues.get(key) ?? Promise.resolve()).then(() => this.apply(key, meeting));
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => this.queues.get(key) === settled && this.queues.delete(key));
    return next;
  }

  private async apply(key: string, changed: Meeting): Promise<void> {
    const client = this.client();
    if (!client) return;
    const record = await this.store.coordination.getState<RoomRecord>(recordKey(key));
    const seriesIds = [...new Set([...(record?.seriesIds ?? []), ...(changed.series ? [changed.series.id] : [])])];
    const meeting = changed.series
      ? this.shown(changed, await this.store.meetings.meetingsOfSeries(seriesIds))
      : changed;
    const people = [meeting.organiserId, ...meeting.inviteeIds];
    const accounts = await this.identities.accountsOfPeople(people, 'matrix');
    const organiserAccounts = accounts.get(meeting.organiserId) ?? [];
    const language: Language = organiserAccounts[0]
      ? await this.identities.language({ transport: 'matrix', userId: organiserAccounts[0] })
      : 'de';
    const towns = (await this.store.entitiesByIds(meeting.municipalityIds))
      .filter((t) => t !== null)
      .map((t) => t!.name);
    const pin = this.pinned(meeting, towns, language);
    const topic = this.topic(meeting, language);
    const invitees = [...new Set([...accounts.values()].flat())];

    if (!record) {
      // Only the instance holding the bots' lease runs this, and the queue keeps it to one at a time.
      // A room nobody on Matrix would be in is not made; a cancelled meeting needs none.
      if (meeting.state === 'CANCELLED' || invitees.length === 0) return;
      const roomId = await client.createRoom({
        name: meeting.title,
        topic,
        preset: 'private_chat',
        invite: invitees,
        ...(this.encrypted
          ? {
              initial_state: [
                { type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } },
              ],
            }
          : {}),
      });
      // The bot created the room and keeps its power; the organiser moderates (set afterwards, as
      // an override would replace the creator's entry in room versions before 12).
      for (const account of organiserAccounts) await client.setUserPowerLevel(account, roomId, 50);
      await this.store.coordination.setState(MATRIX_STATE.joined.key(roomId), Date.now());
      await this.store.coordination.setState(roomOfKey(roomId), { key });
      this.keyByRoom.set(roomId, key);
      const pinnedEventId = await this.send(roomId, `meeting-room/${key}/pin`, roomNotice(pin));
      await client.sendStateEvent(roomId, 'm.room.pinned_events', '', { pinned: [pinnedEventId] });
      if (meeting.videoUrl) await this.addVideoWidget(client, roomId, meeting);
      await this.store.coordination.setState(recordKey(key), {
        roomId,
        pinnedEventId,
        invited: invitees,
        shown: toPlainText(pin),
        seriesIds,
        moderators: organiserAccounts,
      } satisfies RoomRecord);
      return;
    }
    const text = toPlainText(pin);
    if (text !== record.shown) {
      await client.sendStateEvent(record.roomId, 'm.room.topic', '', { topic });
      if (meeting.title !== (await this.currentName(client, record.roomId)))
        await client.sendStateEvent(record.roomId, 'm.room.name', '', { name: meeting.title });
      const version = createHash('sha256').update(text).digest('hex').slice(0, 16);
      await this.send(
        record.roomId,
        `meeting-room/${key}/edit/${version}`,
        editOf(record.pinnedEventId, roomNotice(pin)),
      );
    }
    const added = invitees.filter((a) => !record.invited.includes(a));
    for (const account of added) await client.inviteUser(account, record.roomId);
    // A new organiser (a successor taking the meeting over) moderates the room from now on.
    const moderators = record.moderators ?? organiserAccounts;
    const newModerators = organiserAccounts.filter((a) => !moderators.includes(a));
    for (const account of newModerators) await client.setUserPowerLevel(account, record.roomId, 50);
    await this.store.coordination.setState(recordKey(key), {
      ...record,
      invited: [...record.invited, ...added],
      shown: text,
      seriesIds,
      moderators: [...moderators, ...newModerators],
    });
  }

  /**
   * For a series: the next date still ahead in any of its parts, shown with the rule of its newest
   * part (what the series has become); the changed date when none is ahead.
   */
  private shown(changed: Meeting, occurrences: Meeting[]): Meeting {
    const now = this.now().toISOString();
    const newest = occurrences.reduce((a, b) => (b.series!.start > a.series!.start ? b : a), changed);
    const next =
      occurrences
        .filter((m) => m.state === 'SCHEDULED' && m.startsAt >= now)
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0] ?? changed;
    return { ...next, series: { ...next.series!, rule: newest.series!.rule, start: newest.series!.start } };
  }

  private pinned(meeting: Meeting, towns: string[], language: Language): Reply {
    const de = language === 'de';
    const at = new Date(meeting.startsAt);
    const when = meeting.series
      ? [
          `${de ? 'Reihe' : 'Series'}: ${describeRule(meeting.series.rule, new Date(meeting.series.start), language)}`,
          `${de ? 'Nächster Termin' : 'Next date'}: ${formatWhen(at, language)} (${meeting.durationMinutes} ${de ? 'Minuten' : 'minutes'})`,
        ]
      : [
          `${de ? 'Termin' : 'Date'}: ${formatWhen(at, language)} (${meeting.durationMinutes} ${de ? 'Minuten' : 'minutes'})`,
        ];
    return reply(
      [
        ...(meeting.state === 'CANCELLED'
          ? [de ? 'ABGESAGT – dieses Treffen findet nicht statt.' : 'CANCELLED – this meeting will not take place.']
          : []),
        ...when,
        ...(towns.length ? [`${de ? 'Gemeinden' : 'Municipalities'}: ${towns.join(', ')}`] : []),
        ...meetingDetails(meeting, language),
        de
          ? 'Protokoll hier im Raum: !info <Text>, !beschluss <Text>, !aufgabe <Person> bis <Datum>: <Text>, am Ende !protokoll'
          : 'Minutes in this room: !note <text>, !decision <text>, !task <person> by <date>: <text>, at the end !minutes',
      ],
      { title: `${de ? 'Erfahrungsaustausch' : 'Exchange meeting'} „${meeting.title}“ (${meeting.id})` },
    );
  }

  private topic(meeting: Meeting, language: Language): string {
    const de = language === 'de';
    const at = new Date(meeting.startsAt);
    const parts = [
      meeting.state === 'CANCELLED' ? (de ? 'ABGESAGT' : 'CANCELLED') : null,
      meeting.series
        ? `${describeRule(meeting.series.rule, new Date(meeting.series.start), language)}; ${de ? 'nächster Termin' : 'next'} ${formatWhen(at, language)}`
        : formatWhen(at, language),
      meeting.agenda
        ? `${de ? 'Tagesordnung' : 'Agenda'}: ${meeting.agenda.length > 200 ? `${meeting.agenda.slice(0, 199)}…` : meeting.agenda}`
        : null,
      meeting.videoUrl ? `Online: ${meeting.videoUrl}` : null,
    ];
    return parts.filter((p) => p !== null).join(' · ');
  }

  /** An online meeting's video conference as a room widget (Jitsi), so it opens beside the chat. */
  private async addVideoWidget(client: MatrixClient, roomId: string, meeting: Meeting): Promise<void> {
    const url = new URL(meeting.videoUrl!);
    const conferenceId = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
    await client.sendStateEvent(roomId, 'im.vector.modular.widgets', VIDEO_WIDGET_ID, {
      type: 'jitsi',
      url: meeting.videoUrl,
      name: meeting.title,
      id: VIDEO_WIDGET_ID,
      creatorUserId: await client.getUserId(),
      data: { domain: url.host, conferenceId, roomName: meeting.title, isAudioOnly: false },
    });
  }

  private async currentName(client: MatrixClient, roomId: string): Promise<string | null> {
    try {
      return ((await client.getRoomStateEvent(roomId, 'm.room.name', '')) as { name?: string }).name ?? null;
    } catch {
      return null;
    }
  }
}
