import { NotFound } from '../../src/domain/errors.js';
import { kindOfId } from '../../src/domain/ids.js';
import type { Entity, EntityKind, Person } from '../../src/domain/model.js';
import { matchName } from '../../src/domain/names.js';
import type { Directory } from '../../src/services/reads/directory.js';

// Records named in chat: by id, or by name forgiving the spelling; an unknown one offers the closest names.

/** A person by id or by name, forgiving the spelling; an unknown one offers the closest names. */
export async function findPerson(name: string, directory: Directory): Promise<Person> {
  if (kindOfId(name) === 'Person') {
    const person = await directory.entityOfKind(name, 'Person');
    if (!person) throw new NotFound('Person', name);
    return person;
  }
  return (await findRecord(name, ['Person'], directory)) as Person;
}

export async function findRecord(name: string, kinds: EntityKind[], directory: Directory): Promise<Entity> {
  if (kindOfId(name)) {
    const found = await directory.entity(name);
    if (found && kinds.includes(found.kind)) return found;
    throw new NotFound(kindOfId(name)!, name);
  }
  // The whole name, then its first word, then its first letters: enough to forgive a typo.
  const first = name.split(/\s+/)[0]!;
  const tries = [name, first, first.slice(0, 3)].map((text) => text.slice(0, 100));
  let candidates: Entity[] = [];
  for (const text of tries) {
    candidates = await directory.search(text, kinds, 50);
    if (matchName(name, candidates, (e) => e.name).match) break;
  }
  const found = matchName(name, candidates, (e) => e.name);
  if (!found.match)
    throw new NotFound(
      kinds.length === 1 ? kinds[0]! : 'Entity',
      name,
      found.suggestions.map((e) => e.name),
    );
  return found.match;
}
