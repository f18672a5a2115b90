import type { MatrixClient } from '@vector-im/matrix-bot-sdk';
import type { CoordinationStore } from '../../src/domain/ports/graph-store.port.js';
import { MATRIX_STATE } from './matrix-state.js';

// One direct chat per person: the one they opened with the bot, or the one the bot opened; kept
// in the shared state and in the bot's `m.direct` account data (as Matrix clients keep theirs),
// so it is found again after the state was lost. Encrypted or not, as the person or their server
// chose: the bot reads and writes both.

type DirectMap = Record<string, string[]>;

const stateKey = (userId: string) => MATRIX_STATE.direct.key(userId);

export class DirectRooms {
  private readonly opening = new Map<string, Promise<{ roomId: string; created: boolean }>>();

  constructor(
    private readonly client: () => MatrixClient | null,
    private readonly store: { readonly coordination: CoordinationStore },
  ) {}

  /** A person opened a direct chat with the bot: theirs is used from now on. */
  async opened(userId: string, roomId: string): Promise<void> {
    await this.remember(userId, roomId);
  }

  /** The direct chat with a person, opened when there is none. */
  async of(userId: string): Promise<{ roomId: string; created: boolean }> {
    // Two notifications at once must not open two chats: the second waits for the first.
    let pending = this.opening.get(userId);
    if (!pending) {
      pending = this.find(userId).finally(() => this.opening.delete(userId));
      this.opening.set(userId, pending);
    }
    return pending;
  }

  private async find(userId: string): Promise<{ roomId: string; created: boolean }> {
    const known = await this.store.coordination.getState<string>(stateKey(userId));
    if (known) return { roomId: known, created: false };
    const client = this.client()!;
    const fromAccountData = (await this.accountData())[userId] ?? [];
    for (const roomId of fromAccountData) {
      if ((await client.getJoinedRooms()).includes(roomId)) {
        await this.store.coordination.setState(stateKey(userId), roomId);
        return { roomId, created: false };
      }
    }
    const roomId = await client.createRoom({ is_direct: true, invite: [userId], preset: 'trusted_private_chat' });
    await this.store.coordination.setState(MATRIX_STATE.joined.key(roomId), Date.now());
    await this.remember(userId, roomId);
    return { roomId, created: true };
  }

  private async remember(userId: string, roomId: string): Promise<void> {
    await this.store.coordination.setState(stateKey(userId), roomId);
    const direct = await this.accountData();
    const rooms = direct[userId] ?? [];
    if (rooms[0] !== roomId)
      await this.client()!.setAccountData('m.direct', {
        ...direct,
        [userId]: [roomId, ...rooms.filter((r) => r !== roomId)],
      });
  }

  private async accountData(): Promise<DirectMap> {
    try {
      return (await this.client()!.getAccountData<DirectMap>('m.direct')) ?? {};
    } catch {
      return {}; // none yet (M_NOT_FOUND)
    }
  }
}
