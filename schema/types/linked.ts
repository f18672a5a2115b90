import type { Entity, EntityKind, LinkType } from '../../src/domain/model.js';
import type { Directory } from '../../src/services/reads/directory.js';

/** The entities of one kind that point at `id` with a link of the given type (batched). */
export async function linkedFrom<K extends EntityKind>(
  directory: Directory,
  id: string,
  type: LinkType,
  kind: K,
): Promise<Extract<Entity, { kind: K }>[]> {
  const links = (await directory.linksOf(id)).filter((l) => l.type === type && l.toId === id);
  const found: (Extract<Entity, { kind: K }> | null)[] = await Promise.all(
    links.map((l) => directory.entityOfKind(l.fromId, kind)),
  );
  return found.filter((e) => e !== null);
}

/** A record answered as it stood on a day: its nested fields read the directory of that day. */
export type Dated<T> = T & { asOf?: string };

export function dated<T extends object>(value: T, day: string | null): Dated<T> {
  return day ? { ...value, asOf: day } : value;
}

export function directoryFor(directory: Directory, parent: object): Directory {
  const day = (parent as { asOf?: string }).asOf;
  return day ? directory.at(day) : directory;
}
