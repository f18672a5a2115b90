import { describe, expect, it } from 'vitest';
import { PrivacyKeys } from '../../../src/services/access/privacy-keys.js';

// Issue 32, class 4: what a pseudonymised caller gets must not tell by its length what it hides.

describe('privacy keys', () => {
  const keys = PrivacyKeys.random();

  it('gives opaque ids of one length whatever the id, and turns them back', () => {
    const ids = ['person:a', 'person:clara-richter', `person:${'x'.repeat(100)}`, 'person:0196f051-7c1e-7d2b'];
    const opaque = ids.map((id) => keys.opaqueId(id));
    expect(new Set(opaque.map((o) => o.length)).size).toBe(1);
    expect(opaque.map((o) => keys.revealId(o))).toEqual(ids);
    expect(keys.opaqueId(ids[1]!)).toBe(opaque[1]);
  });

  it('seals cursors to one length whatever name they carry, and opens them', () => {
    const plain = ['Al\u0000person:a', `Maximiliane Schönberg-Zwirnmann\u0000person:${'y'.repeat(60)}`];
    const sealed = plain.map((p) => keys.sealCursor(p));
    expect(sealed[0]!.length).toBe(sealed[1]!.length);
    expect(sealed.map((s) => keys.openCursor(s))).toEqual(plain);
  });

  it('refuses a sealed value that was tampered with', () => {
    const sealed = keys.sealCursor('Anna\u0000person:anna');
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[20] = bytes[20]! ^ 1;
    expect(keys.openCursor(bytes.toString('base64url'))).toBeNull();
  });
});
