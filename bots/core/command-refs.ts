import type { Language } from '../../src/domain/errors.js';
import type { Command } from './command.js';

// Notices name chat commands by reference (commandRef, used by notice-texts.ts and the mail links): here they
// become the command as the reader types it, in their language ("⟦accept request:1⟧" →
// "!annehmen request:1" in German, "!accept request:1" in English).

const REFERENCE = /⟦([a-z-]+)((?: [^⟧]*)?)⟧/g;

export function expandCommandRefs(
  text: string,
  language: Language,
  commands: readonly Pick<Command, 'name'>[],
): string {
  return text.replace(REFERENCE, (_all, name: string, args: string) => {
    const command = commands.find((c) => c.name.en === name);
    return `!${command ? command.name[language] : name}${args}`;
  });
}

/** A command named in a notice, by its English name and its arguments: "⟦accept request:1⟧". */
export function commandRef(name: string, args = ''): string {
  return `⟦${name}${args ? ` ${args}` : ''}⟧`;
}
