import type { Language } from '../../src/domain/errors.js';
import type { Person, RoleAssignment } from '../../src/domain/model.js';
import { ROLE_LABEL } from '../../src/domain/role-labels.js';
import { germanDay } from '../core/as-of.js';
import { defineCommand, parsed, unparsable } from '../core/command.js';
import { reply } from '../core/reply.js';
import { personView } from './people.js';
import { findRecord } from './records.js';

// !verlauf: who held which role when, for a town (its KIK by their serving), a district, an
// alliance or a person — the succession as GraphQL `history` gives it, people named as the
// asker may see them.

const day = (iso: string, language: Language) => (language === 'de' ? germanDay(iso) : iso);

function period(role: RoleAssignment, language: Language): string {
  const de = language === 'de';
  if (role.since && role.until) return `${day(role.since, language)} – ${day(role.until, language)}`;
  if (role.until) return de ? `bis ${day(role.until, language)}` : `until ${day(role.until, language)}`;
  if (role.since) return de ? `seit ${day(role.since, language)}` : `since ${day(role.since, language)}`;
  return de ? 'Beginn unbekannt' : 'start unknown';
}

export const historyCommand = defineCommand({
  name: { de: 'verlauf', en: 'history' },
  summary: {
    de: 'wer wann welche Rolle hatte: für eine Gemeinde, einen Kreis, ein Bündnis oder eine Person',
    en: 'who held which role when: for a municipality, a district, an alliance or a person',
  },
  usage: {
    de: '!verlauf <Gemeinde | Kreis | Bündnis | Person>',
    en: '!history <municipality | district | alliance | person>',
  },
  example: { de: '!verlauf Radebeul', en: '!history Radebeul' },
  options: [
    {
      name: { de: 'eintrag', en: 'record' },
      description: { de: 'Gemeinde, Kreis, Bündnis oder Person', en: 'municipality, district, alliance or person' },
      required: true,
      rest: true,
    },
  ],
  uses: ['reviser', 'privacy'],
  replaySafe: true,
  parse: (args) => (args.length ? parsed({ name: args.join(' ') }) : unparsable),
  run: async ({ name }, context, deps) => {
    const record = await findRecord(
      name,
      ['Municipality', 'District', 'Alliance', 'Institution', 'Person'],
      deps.directory,
    );
    const { roles } = await deps.services.reviser.history(record.id, 1);
    const people = new Map<string, string>();
    for (const id of new Set(roles.map((r) => (record.kind === 'Person' ? r.scopeId : r.personId)))) {
      if (!id) continue;
      const found = await deps.directory.entity(id);
      if (!found) continue;
      if (found.kind !== 'Person') {
        people.set(id, found.name);
        continue;
      }
      const held = (await deps.directory.rolesOfPerson(id)).map((r) => r.role);
      people.set(id, personView(context.viewer, found as Person, held, deps.services.privacy).name);
    }
    return { record, roles, people };
  },
  render: ({ record, roles, people }, { language }) => {
    const de = language === 'de';
    if (!roles.length)
      return reply([
        de ? `Zu ${record.name} ist kein Rollenverlauf bekannt.` : `No roles are known for ${record.name}.`,
      ]);
    const lines = roles.map((r) => {
      const other = record.kind === 'Person' ? (r.scopeId ? people.get(r.scopeId) : null) : people.get(r.personId);
      return `${ROLE_LABEL[r.role][language]}: ${other ?? '–'}, ${period(r, language)}`;
    });
    return reply([de ? `Verlauf von ${record.name}:` : `History of ${record.name}:`, ...lines]);
  },
});
