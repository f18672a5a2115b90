import { randomUUID } from 'node:crypto';
import { ENTITY_KINDS, type EntityKind } from './model.js';
import { nameKey } from './names.js';

// Ids are "<prefix>:<key>", stable and readable: district:14627, municipality:14627-radebeul.
// The prefix tells the kind, so any id can be resolved without knowing its type first.

const PREFIX: Record<EntityKind, string> = {
  District: 'district',
  Municipality: 'municipality',
  Person: 'person',
  Alliance: 'alliance',
  Institution: 'institution',
  Topic: 'topic',
  FundingProgram: 'funding',
  Project: 'project',
};

const KIND_BY_PREFIX = new Map(ENTITY_KINDS.map((kind) => [PREFIX[kind], kind]));

export function entityId(kind: EntityKind, key: string): string {
  return `${PREFIX[kind]}:${key}`;
}

export function newEntityId(kind: EntityKind): string {
  return entityId(kind, randomUUID());
}

export function newRoleId(): string {
  return `role:${randomUUID()}`;
}

export function newLinkId(): string {
  return `link:${randomUUID()}`;
}

export function districtId(ags: string): string {
  return entityId('District', ags);
}

export function kindOfId(id: string): EntityKind | null {
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  return KIND_BY_PREFIX.get(id.slice(0, colon)) ?? null;
}

/** A readable key from a name: "Weißwasser/O.L." becomes "weisswasser-o-l" (the name key, hyphenated). */
export function slug(name: string): string {
  return nameKey(name).replace(/ /g, '-');
}

const ID_CHAR = '[\\w.-]';
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every whole occurrence of an id in a text (a field, a JSON document, a key of shared state) replaced by another. */
export function replaceIdInText(text: string, oldId: string, newId: string): string {
  if (!text.includes(oldId)) return text;
  return text.replace(new RegExp(`(?<!${ID_CHAR})${escaped(oldId)}(?!${ID_CHAR})`, 'g'), newId);
}

const GENERATED_PERSON_ID = /^person:(demo-[\w.-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Whether a person id may carry a name (`person:clara-richter`, as imports bring them): ids the
 * hub made (a UUID) or the demo's fixed ids carry none.
 */
export function mayCarryName(personId: string): boolean {
  return !GENERATED_PERSON_ID.test(personId);
}

let auditCounter = 0;

/**
 * An audit entry's id, in the order entries were written by this process: the time in
 * milliseconds and a counter in base 36, then a random part. "What did I change last" sorts by
 * it where several entries share a timestamp.
 */
export function newAuditId(): string {
  auditCounter = (auditCounter + 1) % 36 ** 3;
  const time = Date.now().toString(36).padStart(9, '0');
  return `audit:${time}${auditCounter.toString(36).padStart(3, '0')}-${randomUUID().slice(0, 8)}`;
}
