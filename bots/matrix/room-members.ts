import type { MatrixClient } from '@vector-im/matrix-bot-sdk';

// How many people are joined to each room, read once per room and then kept current from the
// membership events of the sync stream, so answering a message costs no homeserver call to
// know whether it came from a group room.

interface MemberEvent {
  type?: string;
  state_key?: string;
  content?: object;
}

export class RoomMembers {
  private readonly joined = new Map<string, Set<string>>();

  constructor(private readonly client: () => MatrixClient | null) {}

  async count(roomId: string): Promise<number> {
    let members = this.joined.get(roomId);
    if (!members) {
      members = new Set(await this.client()!.getJoinedRoomMembers(roomId));
      this.joined.set(roomId, members);
    }
    return members.size;
  }

  /** A membership event from the sync stream (events of rooms not read yet are left for the first read). */
  seen(roomId: string, event: MemberEvent): void {
    const members = this.joined.get(roomId);
    if (!members || event.type !== 'm.room.member' || !event.state_key) return;
    if ((event.content as { membership?: unknown } | undefined)?.membership === 'join') members.add(event.state_key);
    else members.delete(event.state_key);
  }

  /** The bot left or was removed: what it knew of the room no longer holds. */
  forget(roomId: string): void {
    this.joined.delete(roomId);
  }
}
