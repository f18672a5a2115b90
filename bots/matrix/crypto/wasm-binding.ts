import * as wasm from '@matrix-org/matrix-sdk-crypto-wasm';
import type { CryptoStoreFile } from './crypto-store-file.js';

// The Matrix SDK's end-to-end encryption (CryptoClient, RustEngine) is written against the native
// binding @matrix-org/matrix-sdk-crypto-nodejs, whose prebuilt file is downloaded at install time.
// The same Rust core ships as WebAssembly in @matrix-org/matrix-sdk-crypto-wasm; this module offers
// the part of the native binding's surface the SDK uses, backed by the WebAssembly machine, and is
// handed to the SDK in the binding's place (sdk-loader.ts). Where the two differ in shape (Maps
// for objects, snake_case request fields, a list of processed events for a JSON string), it
// converts. Every call that changes the machine's state is followed by saving the store.

export { DeviceId, DeviceLists, RoomId, UserId, EncryptedAttachment } from '@matrix-org/matrix-sdk-crypto-wasm';

/** The native binding's StoreType; the WebAssembly machine keeps its own store (see CryptoStoreFile). */
export const StoreType = { Sqlite: 0 } as const;

/** How the SDK's settings reach the WebAssembly machine: it sets some fields to undefined, which the machine refuses. */
export class EncryptionSettings {
  algorithm: number | undefined;
  historyVisibility: number | undefined;
  rotationPeriod: bigint | undefined;
  rotationPeriodMessages: bigint | undefined;

  toWasm(): wasm.EncryptionSettings {
    const settings = new wasm.EncryptionSettings();
    if (this.algorithm !== undefined) settings.algorithm = this.algorithm;
    if (this.historyVisibility !== undefined) settings.historyVisibility = this.historyVisibility;
    if (this.rotationPeriod !== undefined) settings.rotationPeriod = this.rotationPeriod;
    if (this.rotationPeriodMessages !== undefined) settings.rotationPeriodMessages = this.rotationPeriodMessages;
    return settings;
  }
}

export const Attachment = {
  encrypt(file: Uint8Array): { mediaEncryptionInfo: string; encryptedData: Uint8Array } {
    const encrypted = wasm.Attachment.encrypt(new Uint8Array(file));
    return { mediaEncryptionInfo: encrypted.mediaEncryptionInfo ?? '{}', encryptedData: encrypted.encryptedData };
  },
  decrypt(attachment: wasm.EncryptedAttachment): Uint8Array {
    return wasm.Attachment.decrypt(attachment);
  },
};

/** A request the SDK sends for the machine, in the native binding's shape. */
interface OutgoingRequest {
  id: string | undefined;
  type: number;
  body: string;
  eventType?: string;
  txnId?: string;
}

function outgoing(request: wasm.OutgoingRequest | wasm.ToDeviceRequest | wasm.KeysClaimRequest): OutgoingRequest {
  if (request instanceof wasm.ToDeviceRequest)
    return {
      id: request.id,
      type: request.type,
      body: request.body,
      eventType: request.event_type,
      txnId: request.txn_id,
    };
  return { id: request.id, type: request.type, body: request.body };
}

/**
 * The machine takes the user ids it is given (they are invalid afterwards), where the native
 * binding borrowed them; the SDK passes the same list to several calls, so each gets copies.
 */
const owned = (users: wasm.UserId[]) => users.map((u) => u.clone());

/** Decrypts from any device of the sender, as the native binding did: the bot answers people, not devices. */
const decryption = () => new wasm.DecryptionSettings(wasm.TrustRequirement.Untrusted);

/** Where each bot's machine keeps its store, by the path the SDK passes; set by the bot before the SDK starts. */
const storeFiles = new Map<string, CryptoStoreFile>();

export function useStoreFile(storagePath: string, file: CryptoStoreFile): void {
  storeFiles.set(storagePath, file);
}

export class OlmMachine {
  /** The key counts of the last sync, to tell a sync that changed nothing for the machine. */
  private lastKeyCounts = '';

  private constructor(
    private readonly machine: wasm.OlmMachine,
    private readonly file: CryptoStoreFile,
  ) {}

  static async initialize(
    userId: wasm.UserId,
    deviceId: wasm.DeviceId,
    storagePath: string,
    _passphrase?: string,
    _storeType?: number,
  ): Promise<OlmMachine> {
    const file = storeFiles.get(storagePath);
    if (!file) throw new Error(`No crypto store is set up for ${storagePath}.`);
    await file.restore();
    const machine = await wasm.OlmMachine.initialize(userId, deviceId, file.storeName, file.passphrase);
    const olm = new OlmMachine(machine, file);
    file.onClose(() => machine.close());
    await olm.saved();
    return olm;
  }

  get identityKeys(): wasm.IdentityKeys {
    return this.machine.identityKeys;
  }

  async receiveSyncChanges(
    toDeviceEvents: string,
    changedDevices: wasm.DeviceLists,
    oneTimeKeyCounts: Record<string, number>,
    unusedFallbackKeys: string[],
  ): Promise<string> {
    const keyCounts = JSON.stringify([oneTimeKeyCounts ?? {}, unusedFallbackKeys ?? []]);
    // A sync without to-device messages, device list changes or other key counts gives the
    // machine nothing to do; handing it on anyway and saving its store (a dump of the whole
    // store) held every room message back by about 10 ms, as the SDK hands messages on only
    // after this returns.
    const unchanged =
      toDeviceEvents === '[]' &&
      changedDevices.changed.length === 0 &&
      changedDevices.left.length === 0 &&
      keyCounts === this.lastKeyCounts;
    if (unchanged) return '[[],[]]';
    const processed = await this.machine.receiveSyncChanges(
      toDeviceEvents,
      changedDevices,
      new Map(Object.entries(oneTimeKeyCounts ?? {})),
      new Set(unusedFallbackKeys ?? []),
      decryption(),
    );
    this.lastKeyCounts = keyCounts;
    await this.saved();
    return JSON.stringify([processed.map((event) => JSON.parse(event.rawEvent) as unknown), []]);
  }

  async outgoingRequests(): Promise<OutgoingRequest[]> {
    return (await this.machine.outgoingRequests()).map(outgoing);
  }

  async markRequestAsSent(id: string, type: number, response: string): Promise<boolean> {
    const done = await this.machine.markRequestAsSent(id, type, response);
    await this.saved();
    return done;
  }

  async updateTrackedUsers(users: wasm.UserId[]): Promise<void> {
    await this.machine.updateTrackedUsers(owned(users));
    await this.saved();
  }

  async getMissingSessions(users: wasm.UserId[]): Promise<OutgoingRequest | null> {
    const request = await this.machine.getMissingSessions(owned(users));
    return request ? outgoing(request) : null;
  }

  async shareRoomKey(
    roomId: wasm.RoomId,
    users: wasm.UserId[],
    settings: EncryptionSettings,
  ): Promise<OutgoingRequest[]> {
    const requests = await this.machine.shareRoomKey(roomId, owned(users), settings.toWasm());
    await this.saved();
    return requests.map(outgoing);
  }

  async encryptRoomEvent(roomId: wasm.RoomId, eventType: string, content: string): Promise<string> {
    const encrypted = await this.machine.encryptRoomEvent(roomId, eventType, content);
    await this.saved();
    return encrypted;
  }

  async decryptRoomEvent(event: string, roomId: wasm.RoomId): Promise<{ event: string }> {
    const decrypted = await this.machine.decryptRoomEvent(event, roomId, decryption());
    return { event: decrypted.event };
  }

  sign(): never {
    throw new Error('Signing objects with the device key is not offered by the WebAssembly crypto adapter.');
  }

  private saved(): Promise<void> {
    return this.file.save();
  }
}
