import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CoordinationStore } from '../../domain/ports/graph-store.port.js';
import type { Pseudonyms } from './domain/privacy.js';
import { CLAIMS, STATE } from '../../domain/ports/state-slots.js';

// Keys derived from the hub's secret (kept in the store, shared by every instance): keyed
// pseudonyms (HMAC), opaque person ids for pseudonymised callers (deterministic AES-GCM, so the
// same person keeps the same opaque id and it can be turned back only by the hub) and sealed
// list cursors (they carry names, which such callers must not read); signatures of mail links.

const SECRET_STATE = STATE.hubSecret.key('secret');
const SECRET_CLAIM = CLAIMS.hubSecret.key('secret');
const OPAQUE_PREFIX = 'person:~';

export class PrivacyKeys implements Pseudonyms {
  private readonly pseudonymKey: Buffer;
  private readonly idKey: Buffer;
  private readonly cursorKey: Buffer;
  private readonly linkKey: Buffer;

  constructor(secret: Buffer) {
    const derive = (purpose: string) => createHmac('sha256', secret).update(purpose).digest();
    this.pseudonymKey = derive('pseudonym');
    this.idKey = derive('opaque-id');
    this.cursorKey = derive('cursor');
    this.linkKey = derive('mail-link');
  }

  static random(): PrivacyKeys {
    return new PrivacyKeys(randomBytes(32));
  }

  pseudonym(personId: string): string {
    return `Person ${createHmac('sha256', this.pseudonymKey).update(personId).digest('hex').slice(0, 8)}`;
  }

  isOpaqueId(value: string): boolean {
    return value.startsWith(OPAQUE_PREFIX);
  }

  /** The same opaque id for the same person, every time. */
  opaqueId(personId: string): string {
    const iv = createHmac('sha256', this.idKey).update(personId).digest().subarray(0, 12);
    return `${OPAQUE_PREFIX}${seal(this.idKey, iv, personId, ID_BLOCK)}`;
  }

  /** The person id behind an opaque id, or null when it is not one of ours. */
  revealId(opaque: string): string | null {
    if (!this.isOpaqueId(opaque)) return null;
    return open(this.idKey, opaque.slice(OPAQUE_PREFIX.length));
  }

  sealCursor(plain: string): string {
    return seal(this.cursorKey, randomBytes(12), plain, CURSOR_BLOCK);
  }

  openCursor(sealed: string): string | null {
    return open(this.cursorKey, sealed);
  }

  /** A signature over a link's payload (one-click links in mails): readable, but not forgeable. */
  signLink(payload: string): string {
    return createHmac('sha256', this.linkKey).update(payload).digest('base64url');
  }

  linkSignatureMatches(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.signLink(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/**
 * Sealed values are padded to a multiple of a block, so their length tells nothing of what they
 * hide (a short name, a long id): a marker byte, the length in two bytes, the text, zeros.
 * Values sealed before padding (no marker) still open.
 */
const PADDED = 0x01;
const ID_BLOCK = 128;
const CURSOR_BLOCK = 256;

function seal(key: Buffer, iv: Buffer, plain: string, block: number): string {
  const text = Buffer.from(plain, 'utf8');
  const size = Math.ceil((text.length + 3) / block) * block;
  const padded = Buffer.alloc(size);
  padded[0] = PADDED;
  padded.writeUInt16BE(text.length, 1);
  text.copy(padded, 3);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(padded), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

function open(key: Buffer, sealed: string): string | null {
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    if (bytes.length < 29) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
    if (plain[0] !== PADDED) return plain.toString('utf8');
    const length = plain.readUInt16BE(1);
    return length + 3 <= plain.length ? plain.subarray(3, 3 + length).toString('utf8') : null;
  } catch {
    return null;
  }
}

/** The hub's secret: made once by the first instance that starts on a store, then shared. */
export async function loadHubSecret(store: { readonly coordination: CoordinationStore }): Promise<Buffer> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const stored = await store.coordination.getState<string>(SECRET_STATE);
    if (stored) return Buffer.from(stored, 'hex');
    if (await store.coordination.claimOnce(SECRET_CLAIM)) {
      const secret = randomBytes(32);
      await store.coordination.setState(SECRET_STATE, secret.toString('hex'));
      return secret;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The hub secret was claimed by another instance but never written.');
}
