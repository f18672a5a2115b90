import type { Command, CommandOption } from '../core/command.js';

// Slash command definitions from the command table: German names with English localizations,
// typed string options, autocomplete where the core knows the values. And the way back: an
// interaction's options as the command line the dispatcher reads.

const ENGLISH = ['en-US', 'en-GB'] as const;
const localized = (text: string) => Object.fromEntries(ENGLISH.map((l) => [l, text]));
const STRING_OPTION = 3;
const CHAT_INPUT = 1;

export interface SlashDefinition {
  name: string;
  name_localizations: Record<string, string>;
  description: string;
  description_localizations: Record<string, string>;
  type: number;
  options: {
    type: number;
    name: string;
    name_localizations: Record<string, string>;
    description: string;
    description_localizations: Record<string, string>;
    required: boolean;
    autocomplete?: boolean;
    choices?: { name: string; value: string }[];
  }[];
}

const short = (text: string) => (text.length > 100 ? `${text.slice(0, 99)}…` : text);

export function slashDefinitions(commands: readonly Command[]): SlashDefinition[] {
  return commands.map((c) => ({
    name: c.name.de,
    name_localizations: localized(c.name.en),
    description: short(c.summary.de),
    description_localizations: localized(short(c.summary.en)),
    type: CHAT_INPUT,
    options: (c.options ?? []).map((o) => ({
      type: STRING_OPTION,
      name: o.name.de,
      name_localizations: localized(o.name.en),
      description: short(o.description.de),
      description_localizations: localized(short(o.description.en)),
      required: o.required,
      ...(o.autocomplete ? { autocomplete: true } : {}),
      ...(o.choices ? { choices: o.choices.map((v) => ({ name: v, value: v })) } : {}),
    })),
  }));
}

/** The command line for a slash command's values, quoted so each option stays one word. */
export function commandLine(command: Command, value: (option: CommandOption) => string | null): string {
  const parts = [`!${command.name.de}`];
  for (const option of command.options ?? []) {
    const v = value(option)
      ?.replace(/["„“”]/g, '')
      .trim();
    if (!v) continue;
    if (option.keyword) parts.push(option.keyword.de);
    parts.push(option.rest ? v : `"${v}"`);
  }
  return parts.join(' ');
}
